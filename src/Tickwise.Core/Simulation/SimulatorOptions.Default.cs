using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

public sealed partial record SimulatorOptions
{
    /// <summary>Correlation of the shocks of any two free symbols in <see cref="Default"/>: crypto moves together.</summary>
    public const double DefaultCorrelation = 0.6;

    // Rough 2024 levels and Binance's spot filters (tick = PRICE_FILTER tickSize, step = LOT_SIZE stepSize).
    private static readonly (string Name, decimal Price, decimal Tick, decimal Step, double Volatility, double Rate)[] Known =
    [
        ("BTCUSDT", 60_000m, 0.01m, 0.00001m, 0.030, 10),
        ("ETHUSDT", 3_000m, 0.01m, 0.0001m, 0.035, 6),
        ("BNBUSDT", 550m, 0.01m, 0.001m, 0.030, 2),
        ("SOLUSDT", 150m, 0.01m, 0.001m, 0.050, 4),
        ("XRPUSDT", 0.55m, 0.0001m, 0.1m, 0.045, 3),
        ("DOGEUSDT", 0.12m, 0.00001m, 1m, 0.055, 3),
        ("ADAUSDT", 0.45m, 0.0001m, 0.1m, 0.050, 2),
        ("LTCUSDT", 70m, 0.01m, 0.001m, 0.040, 1.5),
        ("AVAXUSDT", 30m, 0.01m, 0.01m, 0.055, 1.5),
        ("LINKUSDT", 15m, 0.01m, 0.01m, 0.050, 1.5),
        ("ETHBTC", 0.05m, 0.00001m, 0.0001m, 0.020, 1),
    ];

    /// <summary>Median notional of a default trade, in the quote asset.</summary>
    private const decimal MedianNotional = 150m;

    /// <summary>
    /// Returns sensible options for <paramref name="symbols"/>: Binance-like prices, tick and step sizes for
    /// well-known symbols and plausible ones for any other name, all free symbols correlated by
    /// <see cref="DefaultCorrelation"/>, and ETHUSDT cointegrated with BTCUSDT when both are present.
    /// </summary>
    /// <remarks>
    /// An unknown name gets a price between 0.1 and 1000 derived from a stable hash of the name (the same on
    /// every run), a tick of about 1/10000 of it, and a step worth about 1 cent. ETHUSDT then follows
    /// BTCUSDT with beta = 0.05, a 15-minute half-life and 1 % daily spread volatility, which makes their
    /// returns about 0.95 correlated. The seed is 0 and the start 2024-01-01T00:00:00Z; change them with
    /// <c>SimulatorOptions.Default("BTCUSDT") with { Seed = 42, StartTimeMs = ... }</c>.
    /// </remarks>
    /// <exception cref="ArgumentException">No symbol is given, or a name is not a valid symbol, or a name repeats.</exception>
    public static SimulatorOptions Default(params string[] symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Length == 0) throw new ArgumentException("At least one symbol is needed.", nameof(symbols));
        var list = new List<SimulatedSymbol>(symbols.Length);
        foreach (string name in symbols)
        {
            if (name is null || !Symbol.TryParse(name.AsSpan(), out Symbol symbol))
                throw new ArgumentException($"'{name}' is not a symbol.", nameof(symbols));
            foreach (SimulatedSymbol existing in list)
            {
                if (existing.Symbol == symbol) throw new ArgumentException($"Symbol {symbol} is listed twice.", nameof(symbols));
            }
            list.Add(Describe(symbol));
        }

        var btc = new Symbol("BTCUSDT");
        var eth = new Symbol("ETHUSDT");
        bool pairEthBtc = list.Exists(s => s.Symbol == btc) && list.Exists(s => s.Symbol == eth);
        var pairs = new List<CointegratedPair>();
        if (pairEthBtc) pairs.Add(new CointegratedPair(btc, eth, Beta: 3_000.0 / 60_000.0, HalfLifeSeconds: 900, SpreadVolatilityPerSqrtDay: 0.01));

        var correlations = new List<SymbolCorrelation>();
        for (int i = 0; i < list.Count; i++)
        {
            for (int j = i + 1; j < list.Count; j++)
            {
                // A follower's shock moves its spread, which should stay independent of the market.
                if (pairEthBtc && (list[i].Symbol == eth || list[j].Symbol == eth)) continue;
                correlations.Add(new SymbolCorrelation(list[i].Symbol, list[j].Symbol, DefaultCorrelation));
            }
        }

        return new SimulatorOptions { Symbols = list, Correlations = correlations, CointegratedPairs = pairs };
    }

    private static SimulatedSymbol Describe(Symbol symbol)
    {
        foreach (var k in Known)
        {
            if (k.Name == symbol.Value)
                return new SimulatedSymbol(symbol, k.Price, k.Tick, k.Step, k.Volatility, k.Rate, MedianQuantity(k.Price, k.Step));
        }

        // FNV-1a, not string.GetHashCode, which is randomized per process.
        ulong hash = 14695981039346656037UL;
        foreach (char c in symbol.Value) hash = (hash ^ c) * 1099511628211UL;
        int priceExponent = (int)(hash % 5) - 1;               // 10^-1 .. 10^3
        decimal mantissa = 1 + (hash >> 8) % 900 / 100m;        // 1.00 .. 9.99
        decimal price = mantissa * Pow10(priceExponent);
        decimal tick = Pow10(priceExponent - 4);                // 4 to 5 significant digits
        decimal step = Pow10(Math.Clamp(-2 - priceExponent, -8, 0)); // a step is worth 0.01 to 0.1
        return new SimulatedSymbol(symbol, price, tick, step, 0.05, 1, MedianQuantity(price, step));
    }

    private static decimal MedianQuantity(decimal price, decimal step) =>
        Math.Max(step, Math.Round(MedianNotional / price / step, MidpointRounding.AwayFromZero) * step);

    private static decimal Pow10(int exponent)
    {
        decimal value = 1;
        for (int i = 0; i < exponent; i++) value *= 10;
        for (int i = 0; i > exponent; i--) value /= 10;
        return value;
    }
}
