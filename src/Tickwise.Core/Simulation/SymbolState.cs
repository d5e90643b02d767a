using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

/// <summary>The mutable state of one simulated symbol: its mid, its top of book and its trade arrivals.</summary>
/// <remarks>
/// Prices are kept as a double mid (statistics) and an integer number of ticks for the bid and ask (exact),
/// so every emitted price is a multiple of the tick by construction. Times are milliseconds since the start,
/// as doubles, because trade arrivals are continuous.
/// </remarks>
internal sealed class SymbolState
{
    private const double DayMs = 86_400_000;
    private const double TradeQuantityLogSigma = 1.0;
    private const double QuoteQuantityLogSigma = 0.8;
    private const double QuoteToTradeMedian = 5;
    private const double MaxDrawOverMedian = 1_000;
    private const double SpreadChangeProbability = 0.02;
    private const double AggressorFlowStrength = 0.4;

    private readonly double _tradeLogMedianSteps;
    private readonly double _tradeMaxSteps;
    private readonly double _quoteLogMedianSteps;
    private readonly double _quoteMaxSteps;
    private readonly double _returnSigmaPerSqrtMs;
    private readonly double _baseRatePerMs;
    private readonly double _decayPerMs;
    private readonly double _jumpPerMs;
    private double _excitationPerMs;
    private double _excitationTimeMs;
    private double _midAtLastTrade;
    private double _lastTradeTimeMs;

    public SymbolState(SimulatedSymbol config, SimulatorOptions options, ulong seed)
    {
        Symbol = config.Symbol;
        Random = new Xoshiro256StarStar(seed);
        // Raw longs to double, not decimal to double: IEEE division rounds the same way on every runtime.
        Price.TryFromDecimal(config.TickSize, out Price tick);
        Price.TryFromDecimal(config.StartPrice, out Price start);
        Quantity.TryFromDecimal(config.StepSize, out Quantity step);
        Quantity.TryFromDecimal(config.MedianTradeQuantity, out Quantity median);
        TickRaw = tick.Raw;
        StepRaw = step.Raw;
        Tick = tick.ToDouble();
        MinMid = 2 * Tick;
        MaxMid = 1e10; // 100 times the highest start price: far from Price's range of 9.2e10
        LogMinMid = DeterministicMath.Log(MinMid);
        LogMaxMid = DeterministicMath.Log(MaxMid);
        Mid = start.ToDouble();
        LogMid = DeterministicMath.Log(Mid);
        NextTradeId = options.FirstTradeId;

        double dtDays = options.PriceStepMs / DayMs;
        double sigma = config.VolatilityPerSqrtDay;
        LogMidDrift = -0.5 * sigma * sigma * dtDays; // makes the mid itself a martingale
        LogMidShockSd = sigma * Math.Sqrt(dtDays);
        _returnSigmaPerSqrtMs = sigma / Math.Sqrt(DayMs);

        double medianSteps = median.Raw / (double)step.Raw;
        _tradeLogMedianSteps = DeterministicMath.Log(medianSteps);
        _tradeMaxSteps = Math.Floor(medianSteps * MaxDrawOverMedian);
        _quoteLogMedianSteps = DeterministicMath.Log(medianSteps * QuoteToTradeMedian);
        _quoteMaxSteps = Math.Floor(medianSteps * QuoteToTradeMedian * MaxDrawOverMedian);

        double n = options.BranchingRatio;
        _decayPerMs = 1 / (options.ExcitationDecaySeconds * 1000);
        _jumpPerMs = n * _decayPerMs;
        _baseRatePerMs = config.TradesPerSecond / 1000 * (1 - n);
        LeaderIndex = -1;
    }

    public Symbol Symbol { get; }
    public Xoshiro256StarStar Random { get; }
    public long TickRaw { get; }
    public long StepRaw { get; }
    public double Tick { get; }
    public double MinMid { get; }
    public double MaxMid { get; }
    public double LogMinMid { get; }
    public double LogMaxMid { get; }
    public double LogMidDrift { get; }
    public double LogMidShockSd { get; }

    /// <summary>Index of the leader for a cointegrated follower, or -1 for a free symbol.</summary>
    public int LeaderIndex { get; private set; }
    public double Beta { get; private set; }
    public double Mu { get; private set; }
    public double SpreadPhi { get; private set; }
    public double SpreadShockSd { get; private set; }
    public double Spread { get; set; }

    public double LogMid { get; set; }
    public double Mid { get; set; }

    public int SpreadTicks { get; private set; } = 1;
    public long BidTicks { get; private set; }
    public long AskTicks { get; private set; }
    public long BidQuantityRaw { get; private set; }
    public long AskQuantityRaw { get; private set; }
    public long NextUpdateId { get; private set; } = 1;
    public long NextTradeId { get; private set; }
    public double NextTradeTimeMs { get; private set; }

    /// <summary>Makes this symbol follow <paramref name="leader"/> as <paramref name="pair"/> says.</summary>
    public void Follow(int leaderIndex, SymbolState leader, CointegratedPair pair, int priceStepMs)
    {
        LeaderIndex = leaderIndex;
        Beta = pair.Beta;
        Mu = Mid - pair.Beta * leader.Mid;
        double thetaPerDay = 0.6931471805599453 / (pair.HalfLifeSeconds / 86_400);
        double dtDays = priceStepMs / DayMs;
        SpreadPhi = DeterministicMath.Exp(-thetaPerDay * dtDays);
        double sigma = pair.SpreadVolatilityPerSqrtDay * Mid; // Mid is still the start price here
        SpreadShockSd = sigma * Math.Sqrt((1 - SpreadPhi * SpreadPhi) / (2 * thetaPerDay));
    }

    /// <summary>Recomputes the top of book from <see cref="Mid"/>; returns true when a price changed.</summary>
    /// <remarks>A price level that moves gets a fresh size; one that stays keeps what trades left of it.</remarks>
    public bool UpdateTop()
    {
        if (Random.NextDouble() < SpreadChangeProbability) SpreadTicks = DrawSpreadTicks();
        long bid = (long)Math.Floor(Mid / Tick - SpreadTicks * 0.5);
        if (bid < 1) bid = 1;
        long ask = bid + SpreadTicks;
        bool changed = false;
        if (bid != BidTicks)
        {
            BidTicks = bid;
            BidQuantityRaw = DrawQuoteQuantityRaw();
            changed = true;
        }
        if (ask != AskTicks)
        {
            AskTicks = ask;
            AskQuantityRaw = DrawQuoteQuantityRaw();
            changed = true;
        }
        return changed;
    }

    /// <summary>Returns the current top of book as a quote stamped <paramref name="timestampMs"/>.</summary>
    public Quote TakeQuote(long timestampMs)
    {
        return new Quote(Symbol, NextUpdateId++, new Price(BidTicks * TickRaw), new Quantity(BidQuantityRaw),
            new Price(AskTicks * TickRaw), new Quantity(AskQuantityRaw), timestampMs);
    }

    /// <summary>
    /// Makes the trade due at <see cref="NextTradeTimeMs"/> against the top of book, takes its quantity from the
    /// level it hits, and schedules the next one.
    /// </summary>
    public Trade TakeTrade(long startTimeMs)
    {
        double t = NextTradeTimeMs;
        long timestampMs = startTimeMs + (long)Math.Floor(t);

        // Order flow follows the price: after a rise, buyers are more likely to be the aggressors.
        double move = 0;
        double elapsed = t - _lastTradeTimeMs;
        if (_midAtLastTrade > 0 && elapsed > 0 && _returnSigmaPerSqrtMs > 0)
            move = DeterministicMath.Log(Mid / _midAtLastTrade) / (_returnSigmaPerSqrtMs * Math.Sqrt(elapsed));
        double buyProbability = 0.5 + AggressorFlowStrength * DeterministicMath.Tanh(move);
        bool buyer = Random.NextDouble() < buyProbability;

        long available = buyer ? AskQuantityRaw : BidQuantityRaw;
        long quantity = Math.Min(DrawQuantitySteps(_tradeLogMedianSteps, TradeQuantityLogSigma, _tradeMaxSteps) * StepRaw, available);
        // A level a trade empties is refilled at once at the same price: the simulated book is deep.
        long left = available - quantity;
        if (left == 0) left = DrawQuoteQuantityRaw();
        if (buyer) AskQuantityRaw = left;
        else BidQuantityRaw = left;

        var trade = new Trade(Symbol, NextTradeId++, new Price((buyer ? AskTicks : BidTicks) * TickRaw), new Quantity(quantity),
            timestampMs, buyer ? AggressorSide.Buyer : AggressorSide.Seller);

        _midAtLastTrade = Mid;
        _lastTradeTimeMs = t;
        _excitationPerMs = _excitationPerMs * DeterministicMath.Exp(-_decayPerMs * (t - _excitationTimeMs)) + _jumpPerMs;
        _excitationTimeMs = t;
        ScheduleNextTrade(t);
        return trade;
    }

    /// <summary>Draws the first trade time after <paramref name="fromMs"/> by Ogata's thinning of the Hawkes intensity.</summary>
    /// <remarks>Between trades the intensity only decays, so its value at the start of a search bounds it from above.</remarks>
    public void ScheduleNextTrade(double fromMs)
    {
        double t = fromMs;
        while (true)
        {
            double bound = _baseRatePerMs + _excitationPerMs * DeterministicMath.Exp(-_decayPerMs * (t - _excitationTimeMs));
            t += Random.NextExponential() / bound;
            if (_excitationPerMs == 0) break; // constant intensity: every candidate is accepted
            double intensity = _baseRatePerMs + _excitationPerMs * DeterministicMath.Exp(-_decayPerMs * (t - _excitationTimeMs));
            if (Random.NextDouble() * bound <= intensity) break;
        }
        NextTradeTimeMs = t;
    }

    private long DrawQuoteQuantityRaw() => DrawQuantitySteps(_quoteLogMedianSteps, QuoteQuantityLogSigma, _quoteMaxSteps) * StepRaw;

    private long DrawQuantitySteps(double logMedianSteps, double logSigma, double maxSteps)
    {
        double steps = Math.Round(DeterministicMath.Exp(logMedianSteps + logSigma * Random.NextNormal()));
        return (long)Math.Clamp(steps, 1, maxSteps);
    }

    private int DrawSpreadTicks()
    {
        double u = Random.NextDouble();
        return u < 0.6 ? 1 : u < 0.85 ? 2 : 3;
    }
}
