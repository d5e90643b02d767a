using BenchmarkDotNet.Attributes;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;

namespace Tickwise.Bench;

/// <summary>Cost of the pair statistics: Engle-Granger and ADF on 1,000 points, a 20 × 1,000 correlation matrix,
/// the robust hedges, and one full <see cref="PairSnapshot"/> per bar close.</summary>
/// <remarks>
/// Data: a cointegrated pair of random walks near 60000 and 3000 (seeded) and 20 random return series.
/// Targets (issue "Analytics engine"): Engle-Granger ≤ 300 µs, ADF ≤ 200 µs, matrix ≤ 2 ms, and 50 pairs on every
/// 1m close well under 1% of a core: 1% of 60 s over 50 pairs is 12 ms per snapshot, the ceiling.
/// </remarks>
[MemoryDiagnoser]
public class PairStatisticsBenchmarks
{
    private const int Points = 1_000;
    private double[] _a = [];
    private double[] _b = [];
    private double[][] _returns = [];
    private double[][] _bColumn = [];
    private PairAnalytics _pair = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        int total = Points + 10_000;
        _a = new double[total];
        _b = new double[total];
        double level = 60_000, noise = 0;
        for (int i = 0; i < total; i++)
        {
            level += 20 * (random.NextDouble() - 0.5);
            noise = 0.9 * noise + 2 * (random.NextDouble() - 0.5);
            _b[i] = level;
            _a[i] = 0.05 * level + noise;
        }

        _returns = new double[20][];
        for (int s = 0; s < 20; s++)
        {
            _returns[s] = new double[Points];
            for (int i = 0; i < Points; i++) _returns[s][i] = random.NextDouble() - 0.5;
        }

        _bColumn = [_b[..Points]];
        _pair = new PairAnalytics(new Symbol("ETHUSDT"), new Symbol("BTCUSDT"));
        for (int i = 0; i < _pair.Options.WindowBars; i++) _pair.Update(i * 60_000L, _a[i], _b[i]);
        _next = _pair.Options.WindowBars;
    }

    [Benchmark]
    public double EngleGranger1000() => EngleGranger.Test(_a.AsSpan(0, Points), _b.AsSpan(0, Points)).Statistic;

    [Benchmark]
    public double AdfAicMaxLag12On1000() => Adf.Test(_a.AsSpan(0, Points), AdfRegression.Constant, 12, AdfLagSelection.Aic).Statistic;

    [Benchmark]
    public double CorrelationMatrix20x1000() => Correlation.PearsonMatrix(_returns)[3, 7];

    [Benchmark]
    public double Huber1000() => Huber.Fit(_a.AsSpan(0, Points), _bColumn).Coefficients[1];

    [Benchmark]
    public double TheilSenSampled1000() => TheilSen.FitSampled(_b.AsSpan(0, Points), _a.AsSpan(0, Points)).Slope;

    /// <summary>One bar close of one pair with the default options (240-bar window, every hedge method).</summary>
    [Benchmark]
    public double PairSnapshotPerBar()
    {
        int i = _next++;
        if (_next >= _a.Length) _next = _pair.Options.WindowBars;
        return _pair.Update(i * 60_000L, _a[i], _b[i])!.ZScore;
    }
}
