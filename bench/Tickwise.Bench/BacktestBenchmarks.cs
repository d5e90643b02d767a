using BenchmarkDotNet.Attributes;
using Tickwise.Binance.Files;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;

namespace Tickwise.Bench;

/// <summary>Throughput of the strategies on closed bars, alone and inside the backtest engine.</summary>
/// <remarks>
/// Data: 100,000 one-minute bars of a seeded random walk near 5 (FIL-like), and a cointegrated second leg for the pair;
/// and real bars, FILUSDT and NEARUSDT 1m of August 2023 (44,640 each) from the shared klines directory.
/// Each benchmark processes all bars once; <c>OperationsPerInvoke</c> makes the reported time per bar (per bar pair).
/// <c>--filter '*Backtest_*'</c> selects every whole-backtest benchmark.
/// Targets (issue 5): crossover ≥ 5M bars/s (≤ 200 ns per bar), mean reversion ≥ 2M bar pairs/s (≤ 500 ns per pair), one core.
/// Strategies allocate only when they emit a signal (a signal's reason text); the engine allocates its result arrays once per run.
/// </remarks>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private const int Bars = 100_000;
    private const int MonthBars = 44_640;
    private Bar[] _a = [];
    private Bar[] _b = [];
    private Bar[] _fil = [];
    private Bar[] _near = [];
    private readonly Bar[] _row = new Bar[2];
    private NullContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _a = new Bar[Bars];
        _b = new Bar[Bars];
        double b = 1.3, noise = 0;
        long t0 = 1_690_848_000_000;
        var symbolA = new Symbol("FILUSDT");
        var symbolB = new Symbol("NEARUSDT");
        Price previousA = Price.Parse("4.2"), previousB = Price.Parse("1.3");
        for (int i = 0; i < Bars; i++)
        {
            b *= 1 + 0.002 * (random.NextDouble() - 0.5);
            noise = 0.95 * noise + 0.01 * (random.NextDouble() - 0.5);
            Price closeB = Price.Parse(Math.Round(b, 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Price closeA = Price.Parse(Math.Round(3.2 * b + noise, 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
            _a[i] = MakeBar(symbolA, t0 + i * 60_000L, previousA, closeA);
            _b[i] = MakeBar(symbolB, t0 + i * 60_000L, previousB, closeB);
            previousA = closeA;
            previousB = closeB;
        }
        _context = new NullContext();
        _fil = ReadMonth("FILUSDT-1m-2023-08.zip");
        _near = ReadMonth("NEARUSDT-1m-2023-08.zip");
        Bar[][] aligned = BarAlignment.Align([_fil, _near]);
        if (aligned[0].Length != MonthBars) throw new InvalidOperationException($"FIL and NEAR August 2023 align on {aligned[0].Length} bars, not {MonthBars}.");
    }

    private static Bar[] ReadMonth(string file)
    {
        var bars = new List<Bar>(MonthBars);
        DumpFileReader.ReadBars(DumpFile.Detect(ParserBenchmarks.Data("klines", "1m", file)), batch => bars.AddRange(batch));
        if (bars.Count != MonthBars) throw new InvalidOperationException($"{file} holds {bars.Count} bars, not {MonthBars}.");
        return [.. bars];
    }

    private static Bar MakeBar(Symbol symbol, long openMs, Price open, Price close) =>
        new(symbol, Interval.OneMinute, openMs, open, open > close ? open : close, open < close ? open : close, close, 1m, 1m, 1, 0m, 0m);

    /// <summary>The crossover strategy alone: SMA(5), SMA(20), EMA(12), two variants' stops, per bar.</summary>
    [Benchmark(OperationsPerInvoke = Bars)]
    public int CrossoverStrategy_PerBar()
    {
        var strategy = CrossoverStrategy.Create();
        for (int i = 0; i < _a.Length; i++) strategy.OnBars(new ReadOnlySpan<Bar>(in _a[i]), _context);
        return _context.Count;
    }

    /// <summary>The mean-reversion strategy alone: rolling OLS hedge, spread z-score, rules, per bar pair.</summary>
    [Benchmark(OperationsPerInvoke = Bars)]
    public int MeanReversionStrategy_PerBarPair()
    {
        var strategy = MeanReversionStrategy.Create();
        for (int i = 0; i < _a.Length; i++)
        {
            _row[0] = _a[i];
            _row[1] = _b[i];
            strategy.OnBars(_row, _context);
        }
        return _context.Count;
    }

    /// <summary>The whole crossover backtest (runner, simulated broker, marking, metrics), per bar.</summary>
    [Benchmark(OperationsPerInvoke = Bars)]
    public decimal CrossoverBacktest_PerBar() =>
        new BacktestEngine(new BacktestOptions()).Run(CrossoverStrategy.Create(), [_a]).FinalEquity;

    /// <summary>The whole mean-reversion backtest, per bar pair.</summary>
    [Benchmark(OperationsPerInvoke = Bars)]
    public decimal MeanReversionBacktest_PerBarPair() =>
        new BacktestEngine(new BacktestOptions()).Run(MeanReversionStrategy.Create(), [_a, _b]).FinalEquity;

    /// <summary>The engine's own cost per bar (quotes to the simulated broker, marking two variants, equity curve) with a
    /// strategy that never trades.</summary>
    [Benchmark(OperationsPerInvoke = Bars)]
    public decimal IdleBacktest_PerBar() =>
        new BacktestEngine(new BacktestOptions()).Run(new IdleStrategy(), [_a]).FinalEquity;

    /// <summary>The whole crossover backtest on a real month of FILUSDT 1m bars, per bar.</summary>
    [Benchmark(OperationsPerInvoke = MonthBars)]
    public decimal CrossoverBacktest_Fil1m_PerBar() =>
        new BacktestEngine(new BacktestOptions()).Run(CrossoverStrategy.Create(), [_fil]).FinalEquity;

    /// <summary>The whole mean-reversion backtest on a real month of FILUSDT/NEARUSDT 1m bars, per bar pair.</summary>
    [Benchmark(OperationsPerInvoke = MonthBars)]
    public decimal MeanReversionBacktest_FilNear1m_PerBarPair() =>
        new BacktestEngine(new BacktestOptions()).Run(MeanReversionStrategy.Create(), [_fil, _near]).FinalEquity;

    /// <summary>Two variants, one symbol, no decision.</summary>
    private sealed class IdleStrategy : IStrategy
    {
        public string Name => "idle";

        public int SymbolCount => 1;

        public IReadOnlyList<string> Variants { get; } = ["A", "B"];

        public void OnBars(ReadOnlySpan<Bar> bars, IStrategyContext context)
        {
        }

        public void Reset()
        {
        }
    }

    /// <summary>A context that counts what it is told and gives a fixed equity.</summary>
    private sealed class NullContext : IStrategyContext
    {
        public int Count;

        public void Signal(in Signal signal) => Count++;

        public void SetTarget(int variant, int symbolIndex, decimal quantity) => Count++;

        public decimal Equity(int variant) => 10_000m;
    }
}
