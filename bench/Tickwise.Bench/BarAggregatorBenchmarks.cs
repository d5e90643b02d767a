using BenchmarkDotNet.Attributes;
using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>
/// Streaming bar aggregation for 8 intervals at once over ~1M synthetic trades whose rate changes every second
/// (from 2 to 300 trades a second, log-uniform, about 4 hours of market). Reported per trade.
/// </summary>
[MemoryDiagnoser]
public class BarAggregatorBenchmarks
{
    private const int TradeCount = 1_000_000;
    private static readonly Interval[] Intervals = [.. new[] { "1s", "5s", "15s", "1m", "5m", "15m", "1h", "1d" }.Select(Interval.Parse)];

    private Trade[] _trades = [];
    private Trade[] _fourSymbolTrades = [];
    private SymbolBarAggregator _symbol = null!;
    private BarAggregator _many = null!;

    [GlobalSetup]
    public void Setup()
    {
        _trades = Generate(new Symbol("BTCUSDT"), seed: 1);
        Symbol[] symbols = [new("BTCUSDT"), new("ETHUSDT"), new("SOLUSDT"), new("BNBUSDT")];
        // Four symbols interleaved trade by trade: the worst case for the last-symbol cache.
        _fourSymbolTrades = [.. _trades.Select((t, i) => new Trade(symbols[i % 4], t.Id, t.Price, t.Quantity, t.TimestampMs, t.AggressorSide))];
        _symbol = new SymbolBarAggregator(_trades[0].Symbol, Intervals);
        _many = new BarAggregator(Intervals);
    }

    [Benchmark(OperationsPerInvoke = TradeCount, Baseline = true)]
    public long SymbolBarAggregator_Add()
    {
        SymbolBarAggregator sut = _symbol;
        sut.Reset();
        long bars = 0;
        foreach (ref readonly Trade trade in _trades.AsSpan())
        {
            sut.Add(in trade);
            // A consumer drains closed bars as they come; draining in batches keeps the buffer small and reused.
            if (sut.Completed.Length >= 4_096)
            {
                bars += sut.Completed.Length;
                sut.ClearCompleted();
            }
        }
        return bars + sut.Completed.Length;
    }

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long BarAggregator_Add_OneSymbol() => Run(_many, _trades);

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long BarAggregator_Add_FourSymbolsInterleaved() => Run(_many, _fourSymbolTrades);

    private static long Run(BarAggregator sut, Trade[] trades)
    {
        // Reset forgets the symbols, so each invocation allocates one aggregator per symbol: a few hundred bytes per million trades.
        sut.Reset();
        sut.ClearCompleted();
        long bars = 0;
        foreach (ref readonly Trade trade in trades.AsSpan())
        {
            sut.Add(in trade);
            if (sut.Completed.Length >= 4_096)
            {
                bars += sut.Completed.Length;
                sut.ClearCompleted();
            }
        }
        return bars + sut.Completed.Length;
    }

    private static Trade[] Generate(Symbol symbol, int seed)
    {
        var random = new Random(seed);
        var trades = new Trade[TradeCount];
        long secondMs = 1_723_161_600_000; // 2024-08-09T00:00:00Z
        long priceRaw = 60_000 * FixedPoint.One;
        var offsets = new int[300];
        int n = 0;
        while (n < TradeCount)
        {
            int perSecond = (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(150))) * 2; // 2 .. 300
            int count = Math.Min(perSecond, TradeCount - n);
            for (int i = 0; i < count; i++) offsets[i] = random.Next(1_000);
            Array.Sort(offsets, 0, count);
            for (int i = 0; i < count; i++)
            {
                priceRaw = Math.Max(FixedPoint.One, priceRaw + random.Next(-5, 6) * 1_000_000);
                var quantity = new Quantity(random.Next(1, 100_000) * 1_000L);
                trades[n] = new Trade(symbol, n, new Price(priceRaw), quantity, secondMs + offsets[i],
                    random.Next(2) == 0 ? AggressorSide.Buyer : AggressorSide.Seller);
                n++;
            }
            secondMs += 1_000;
        }
        return trades;
    }
}
