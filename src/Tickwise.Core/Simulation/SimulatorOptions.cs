using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

/// <summary>Everything that decides what a <see cref="MarketSimulator"/> generates.</summary>
/// <remarks>
/// <para>The same options and <see cref="Seed"/> give the same events, byte for byte, on any machine.</para>
/// <para>Prices move on a grid of <see cref="PriceStepMs"/>; trades arrive in continuous time between grid
/// points and are stamped with the millisecond they fall in. Quotes are emitted at grid points when the top
/// of the book changes or the last quote is <see cref="QuoteIntervalMs"/> old, and after every trade.</para>
/// <para>Trade arrivals follow a Hawkes process: each trade raises the intensity by
/// <c>BranchingRatio / ExcitationDecaySeconds</c> per second, decaying with time constant
/// <see cref="ExcitationDecaySeconds"/>, and the base rate is <c>(1 - BranchingRatio)</c> times the symbol's
/// <see cref="SimulatedSymbol.TradesPerSecond"/>, so the long-run rate is the configured one while trades bunch.</para>
/// </remarks>
public sealed partial record SimulatorOptions
{
    /// <summary>Highest start price accepted; paths are also capped near this level times 100.</summary>
    public const decimal MaxStartPrice = 100_000_000m;

    /// <summary>Highest median trade quantity accepted; with the cap on draws it keeps quantities far inside <see cref="Quantity"/>'s range.</summary>
    public const decimal MaxMedianTradeQuantity = 1_000_000m;

    /// <summary>Highest trade rate accepted for one symbol.</summary>
    public const double MaxTradesPerSecond = 10_000;

    /// <summary>The simulated symbols, at least one, without duplicates.</summary>
    public IReadOnlyList<SimulatedSymbol> Symbols { get; init; } = [];

    /// <summary>Correlations of price shocks; pairs not listed are uncorrelated.</summary>
    public IReadOnlyList<SymbolCorrelation> Correlations { get; init; } = [];

    /// <summary>Cointegrated pairs.</summary>
    public IReadOnlyList<CointegratedPair> CointegratedPairs { get; init; } = [];

    /// <summary>Time of the first events, Unix epoch milliseconds, UTC. Defaults to 2024-01-01T00:00:00Z.</summary>
    public long StartTimeMs { get; init; } = 1_704_067_200_000;

    /// <summary>Seed of every random draw.</summary>
    public long Seed { get; init; }

    /// <summary>Id of each symbol's first trade; ids then count up by one per symbol.</summary>
    public long FirstTradeId { get; init; } = 1;

    /// <summary>Milliseconds between two moves of the mid prices (1 to 60000).</summary>
    public int PriceStepMs { get; init; } = 100;

    /// <summary>
    /// Cadence of quotes in milliseconds: every symbol quotes at the first price step at or after each multiple of
    /// it since the start, whether its top changed or not.
    /// </summary>
    public int QuoteIntervalMs { get; init; } = 1_000;

    /// <summary>Mean number of trades each trade triggers, in [0, 0.95]: 0 is a plain Poisson process.</summary>
    public double BranchingRatio { get; init; } = 0.5;

    /// <summary>Time constant of the decay of the excitation a trade adds to the trade intensity, in seconds.</summary>
    public double ExcitationDecaySeconds { get; init; } = 2;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is missing, out of range or inconsistent; the parameter name is the option's.</exception>
    public void Validate() => _ = BuildCholesky();

    /// <summary>Validates and returns the row-major Cholesky factor of the correlation matrix, in the order of <see cref="Symbols"/>.</summary>
    internal double[] BuildCholesky()
    {
        if (Symbols is null || Symbols.Count == 0) throw new ArgumentException("At least one symbol is needed.", nameof(Symbols));
        var index = new Dictionary<Symbol, int>();
        for (int i = 0; i < Symbols.Count; i++)
        {
            SimulatedSymbol s = Symbols[i] ?? throw new ArgumentException($"Symbol #{i} is null.", nameof(Symbols));
            ValidateSymbol(s);
            if (!index.TryAdd(s.Symbol, i)) throw new ArgumentException($"Symbol {s.Symbol} is listed twice.", nameof(Symbols));
        }

        if (!Timestamps.IsPlausibleMs(StartTimeMs))
            throw new ArgumentException($"StartTimeMs {StartTimeMs} is not a Unix time in milliseconds between 2000 and 2100.", nameof(StartTimeMs));
        if (FirstTradeId < 0) throw new ArgumentException($"FirstTradeId {FirstTradeId} is negative.", nameof(FirstTradeId));
        if (PriceStepMs is < 1 or > 60_000) throw new ArgumentException($"PriceStepMs {PriceStepMs} is outside [1, 60000].", nameof(PriceStepMs));
        if (QuoteIntervalMs < 1) throw new ArgumentException($"QuoteIntervalMs {QuoteIntervalMs} is not positive.", nameof(QuoteIntervalMs));
        if (!(BranchingRatio is >= 0 and <= 0.95))
            throw new ArgumentException($"BranchingRatio {BranchingRatio} is outside [0, 0.95].", nameof(BranchingRatio));
        if (!(ExcitationDecaySeconds is > 0 and <= 86_400))
            throw new ArgumentException($"ExcitationDecaySeconds {ExcitationDecaySeconds} is outside (0, 86400].", nameof(ExcitationDecaySeconds));

        ValidatePairs(index);

        int n = Symbols.Count;
        var matrix = new double[n * n];
        for (int i = 0; i < n; i++) matrix[i * n + i] = 1;
        foreach (SymbolCorrelation? c in Correlations ?? throw new ArgumentException("Correlations is null.", nameof(Correlations)))
        {
            if (c is null) throw new ArgumentException("A correlation is null.", nameof(Correlations));
            int a = IndexOf(index, c.First, nameof(Correlations));
            int b = IndexOf(index, c.Second, nameof(Correlations));
            if (a == b) throw new ArgumentException($"Correlation of {c.First} with itself is given.", nameof(Correlations));
            if (!(c.Correlation is > -1 and < 1))
                throw new ArgumentException($"Correlation {c.Correlation} of {c.First} and {c.Second} is outside (-1, 1).", nameof(Correlations));
            if (matrix[a * n + b] != 0) throw new ArgumentException($"Correlation of {c.First} and {c.Second} is given twice.", nameof(Correlations));
            matrix[a * n + b] = c.Correlation;
            matrix[b * n + a] = c.Correlation;
        }
        var lower = new double[n * n];
        if (!Cholesky.TryFactor(matrix, n, lower, out int failedRow))
            throw new ArgumentException(
                $"The correlations are not positive definite (no consistent set of shocks has them; the factorization fails at {Symbols[failedRow].Symbol}).",
                nameof(Correlations));
        return lower;
    }

    private static void ValidateSymbol(SimulatedSymbol s)
    {
        if (s.Symbol.IsEmpty) throw new ArgumentException("A simulated symbol has no name.", nameof(SimulatedSymbol.Symbol));
        if (s.StartPrice <= 0 || s.StartPrice > MaxStartPrice || !Price.TryFromDecimal(s.StartPrice, out _))
            throw new ArgumentException($"StartPrice {s.StartPrice} of {s.Symbol} is not in (0, {MaxStartPrice}] with at most 8 decimals.", nameof(SimulatedSymbol.StartPrice));
        if (s.TickSize <= 0 || s.TickSize > s.StartPrice / 10 || !Price.TryFromDecimal(s.TickSize, out _))
            throw new ArgumentException($"TickSize {s.TickSize} of {s.Symbol} is not positive, at most a tenth of the start price, with at most 8 decimals.", nameof(SimulatedSymbol.TickSize));
        if (s.StepSize <= 0 || s.StepSize > MaxMedianTradeQuantity || !Quantity.TryFromDecimal(s.StepSize, out _))
            throw new ArgumentException($"StepSize {s.StepSize} of {s.Symbol} is not in (0, {MaxMedianTradeQuantity}] with at most 8 decimals.", nameof(SimulatedSymbol.StepSize));
        if (!(s.VolatilityPerSqrtDay is >= 0 and <= 1))
            throw new ArgumentException($"VolatilityPerSqrtDay {s.VolatilityPerSqrtDay} of {s.Symbol} is outside [0, 1].", nameof(SimulatedSymbol.VolatilityPerSqrtDay));
        if (!(s.TradesPerSecond is > 0 and <= MaxTradesPerSecond))
            throw new ArgumentException($"TradesPerSecond {s.TradesPerSecond} of {s.Symbol} is outside (0, {MaxTradesPerSecond}].", nameof(SimulatedSymbol.TradesPerSecond));
        if (s.MedianTradeQuantity < s.StepSize || s.MedianTradeQuantity > MaxMedianTradeQuantity)
            throw new ArgumentException($"MedianTradeQuantity {s.MedianTradeQuantity} of {s.Symbol} is below the step size or above {MaxMedianTradeQuantity}.", nameof(SimulatedSymbol.MedianTradeQuantity));
    }

    private void ValidatePairs(Dictionary<Symbol, int> index)
    {
        var followers = new HashSet<Symbol>();
        var leaders = new HashSet<Symbol>();
        foreach (CointegratedPair? p in CointegratedPairs ?? throw new ArgumentException("CointegratedPairs is null.", nameof(CointegratedPairs)))
        {
            if (p is null) throw new ArgumentException("A cointegrated pair is null.", nameof(CointegratedPairs));
            IndexOf(index, p.Leader, nameof(CointegratedPairs));
            IndexOf(index, p.Follower, nameof(CointegratedPairs));
            if (p.Leader == p.Follower) throw new ArgumentException($"{p.Leader} is paired with itself.", nameof(CointegratedPairs));
            if (!followers.Add(p.Follower)) throw new ArgumentException($"{p.Follower} follows two leaders.", nameof(CointegratedPairs));
            leaders.Add(p.Leader);
            if (!(p.Beta is > 0 and < 1e9)) throw new ArgumentException($"Beta {p.Beta} of {p.Follower}/{p.Leader} is outside (0, 1e9).", nameof(CointegratedPair.Beta));
            if (!(p.HalfLifeSeconds * 1000 >= PriceStepMs && p.HalfLifeSeconds <= 365 * 86_400.0))
                throw new ArgumentException($"HalfLifeSeconds {p.HalfLifeSeconds} of {p.Follower}/{p.Leader} is shorter than one price step ({PriceStepMs} ms) or longer than a year.", nameof(CointegratedPair.HalfLifeSeconds));
            if (!(p.SpreadVolatilityPerSqrtDay is >= 0 and <= 1))
                throw new ArgumentException($"SpreadVolatilityPerSqrtDay {p.SpreadVolatilityPerSqrtDay} of {p.Follower}/{p.Leader} is outside [0, 1].", nameof(CointegratedPair.SpreadVolatilityPerSqrtDay));
        }
        foreach (Symbol leader in leaders)
        {
            if (followers.Contains(leader))
                throw new ArgumentException($"{leader} both leads and follows: chains of cointegrated pairs are not supported.", nameof(CointegratedPairs));
        }
    }

    private static int IndexOf(Dictionary<Symbol, int> index, Symbol symbol, string parameterName) =>
        index.TryGetValue(symbol, out int i) ? i : throw new ArgumentException($"{symbol} is not one of the simulated symbols.", parameterName);
}
