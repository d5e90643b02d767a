using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

/// <summary>
/// Generates a deterministic stream of trades and quotes for several symbols, merged in time order:
/// correlated geometric random walks, cointegrated pairs, bursty trade arrivals and a best bid/ask per symbol.
/// </summary>
/// <remarks>
/// <para>Pure: the simulator reads no clock. Its time starts at <see cref="SimulatorOptions.StartTimeMs"/> and is
/// whatever it generates; a caller paces events in real time or writes them as fast as it can, and stops at a
/// duration by watching <see cref="NowMs"/>.</para>
/// <para>Determinism: the same options (including the seed) give the same events, byte for byte, on any machine
/// and .NET version. Randomness comes from xoshiro256** streams seeded by SplitMix64 (one for the price paths,
/// one per symbol for its arrivals, sizes and sides), and the only transcendental functions are the simulator's
/// own, built from correctly rounded IEEE operations (a test pins the fingerprint of one stream).</para>
/// <para>Guarantees: timestamps never decrease; each symbol's trade ids are contiguous from
/// <see cref="SimulatorOptions.FirstTradeId"/>; every price is a positive multiple of the tick size and every
/// quantity a positive multiple of the step size; bid &lt; ask; each symbol's first event is a quote; a trade
/// executes at the best ask (buyer aggressor) or best bid (seller aggressor) of the latest quote of its symbol,
/// for at most the size shown there, and is followed by a quote with the size it left. A quote's
/// <see cref="Quote.UpdateId"/> counts that symbol's quotes from 1.</para>
/// <para>Per event the work is O(symbols) for the choice of the next trade (a linear scan, cheaper than a heap
/// for the handful of symbols a simulation has) plus O(symbols²) per price step for the correlated shocks.
/// Nothing is allocated after construction. Not thread-safe.</para>
/// </remarks>
public sealed class MarketSimulator
{
    private readonly SymbolState[] _symbols;
    private readonly double[] _cholesky;
    private readonly double[] _shocks;
    private readonly Xoshiro256StarStar _pathRandom;
    private readonly MarketEvent[] _pending;
    private readonly long _startTimeMs;
    private readonly long _stepMs;
    private readonly long _quoteIntervalMs;
    private int _pendingCount;
    private int _pendingIndex;
    private long _stepIndex;
    private bool _started;
    private bool _ended;

    /// <summary>Creates a simulator; its first event is at <see cref="SimulatorOptions.StartTimeMs"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SimulatorOptions.Validate"/>).</exception>
    public MarketSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cholesky = options.BuildCholesky();
        Options = options;
        int n = options.Symbols.Count;
        _startTimeMs = options.StartTimeMs;
        _stepMs = options.PriceStepMs;
        _quoteIntervalMs = options.QuoteIntervalMs;
        NowMs = options.StartTimeMs;

        ulong seeder = unchecked((ulong)options.Seed);
        _pathRandom = new Xoshiro256StarStar(Xoshiro256StarStar.SplitMix64(ref seeder));
        _symbols = new SymbolState[n];
        for (int i = 0; i < n; i++)
            _symbols[i] = new SymbolState(options.Symbols[i], options, Xoshiro256StarStar.SplitMix64(ref seeder));

        foreach (CointegratedPair pair in options.CointegratedPairs)
        {
            int leader = IndexOf(pair.Leader);
            int follower = IndexOf(pair.Follower);
            _symbols[follower].Follow(leader, _symbols[leader], pair, options.PriceStepMs);
        }

        _shocks = new double[n];
        _pending = new MarketEvent[n + 2]; // a price step emits at most one quote per symbol; a trade two events
    }

    /// <summary>The validated options this simulator runs on.</summary>
    /// <remarks>Read once by the constructor: changing a list inside them afterwards changes nothing.</remarks>
    public SimulatorOptions Options { get; }

    /// <summary>Time of the last event returned, Unix epoch milliseconds; the start time before the first.</summary>
    public long NowMs { get; private set; }

    /// <summary>Number of events returned so far.</summary>
    public long EventCount { get; private set; }

    /// <summary>Returns the next event in time order, or false once simulated time reaches the year 2100.</summary>
    /// <remarks>Does not allocate. The stream is otherwise endless: stop at a duration by watching <see cref="NowMs"/>.</remarks>
    public bool TryNext(out MarketEvent marketEvent)
    {
        while (_pendingIndex == _pendingCount)
        {
            if (_ended || !Generate())
            {
                _ended = true;
                marketEvent = default;
                return false;
            }
        }
        marketEvent = _pending[_pendingIndex++];
        NowMs = marketEvent.TimestampMs;
        EventCount++;
        return true;
    }

    /// <summary>Returns the next event in time order.</summary>
    /// <exception cref="InvalidOperationException">Simulated time has reached the year 2100.</exception>
    public MarketEvent Next() =>
        TryNext(out MarketEvent e) ? e : throw new InvalidOperationException("The simulation has reached the year 2100, the end of plausible timestamps.");

    /// <summary>Refills the pending buffer with the events of the next moment; false when time has run out.</summary>
    private bool Generate()
    {
        _pendingIndex = 0;
        _pendingCount = 0;
        if (!_started)
        {
            _started = true;
            for (int i = 0; i < _symbols.Length; i++)
            {
                SymbolState s = _symbols[i];
                s.UpdateTop();
                _pending[_pendingCount++] = MarketEvent.Of(s.TakeQuote(_startTimeMs));
                s.ScheduleNextTrade(0);
            }
            _stepIndex = 1;
            return true;
        }

        int next = 0;
        for (int i = 1; i < _symbols.Length; i++)
        {
            if (_symbols[i].NextTradeTimeMs < _symbols[next].NextTradeTimeMs) next = i;
        }
        long stepRelativeMs = _stepIndex * _stepMs;
        // A trade strictly before the next price step happens on the current prices; ties go to the step.
        bool tradeFirst = _symbols[next].NextTradeTimeMs < stepRelativeMs;
        double eventRelativeMs = tradeFirst ? Math.Floor(_symbols[next].NextTradeTimeMs) : stepRelativeMs;
        if (_startTimeMs + eventRelativeMs >= Timestamps.MaxPlausibleMs) return false;

        if (tradeFirst)
        {
            SymbolState s = _symbols[next];
            Trade trade = s.TakeTrade(_startTimeMs);
            _pending[_pendingCount++] = MarketEvent.Of(trade);
            _pending[_pendingCount++] = MarketEvent.Of(s.TakeQuote(trade.TimestampMs));
        }
        else
        {
            // The cadence fires at the first price step at or after each multiple of the quote interval.
            bool cadence = stepRelativeMs / _quoteIntervalMs != (stepRelativeMs - _stepMs) / _quoteIntervalMs;
            Step(_startTimeMs + stepRelativeMs, cadence);
            _stepIndex++;
        }
        return true;
    }

    /// <summary>Moves every mid by one price step and emits the quotes that changed, or all of them on a <paramref name="cadence"/> step.</summary>
    private void Step(long timestampMs, bool cadence)
    {
        int n = _symbols.Length;
        for (int i = 0; i < n; i++) _shocks[i] = _pathRandom.NextNormal();
        // Correlate in place from the last row up: row i only reads independent draws 0..i, not yet overwritten.
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = 0;
            for (int k = 0; k <= i; k++) sum += _cholesky[i * n + k] * _shocks[k];
            _shocks[i] = sum;
        }

        for (int i = 0; i < n; i++)
        {
            SymbolState s = _symbols[i];
            if (s.LeaderIndex >= 0) continue;
            double logMid = Math.Clamp(s.LogMid + s.LogMidDrift + s.LogMidShockSd * _shocks[i], s.LogMinMid, s.LogMaxMid);
            s.LogMid = logMid;
            s.Mid = DeterministicMath.Exp(logMid);
        }
        for (int i = 0; i < n; i++)
        {
            SymbolState s = _symbols[i];
            if (s.LeaderIndex < 0) continue;
            s.Spread = s.SpreadPhi * s.Spread + s.SpreadShockSd * _shocks[i];
            s.Mid = Math.Clamp(s.Beta * _symbols[s.LeaderIndex].Mid + s.Mu + s.Spread, s.MinMid, s.MaxMid);
        }

        for (int i = 0; i < n; i++)
        {
            SymbolState s = _symbols[i];
            if (s.UpdateTop() || cadence)
                _pending[_pendingCount++] = MarketEvent.Of(s.TakeQuote(timestampMs));
        }
    }

    private int IndexOf(Symbol symbol)
    {
        for (int i = 0; i < _symbols.Length; i++)
        {
            if (_symbols[i].Symbol == symbol) return i;
        }
        throw new ArgumentException($"{symbol} is not one of the simulated symbols.", nameof(symbol));
    }
}
