using BenchmarkDotNet.Attributes;
using Tickwise.Core.Statistics;

namespace Tickwise.Bench;

/// <summary>Updates per second of the rolling statistics on a pair of random walks near 60000 and 3000.</summary>
/// <remarks>Each benchmark feeds <see cref="Updates"/> pairs, so updates/s = Updates / mean time.</remarks>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    public const int Updates = 1_000_000;
    private double[] _x = [];
    private double[] _y = [];
    private RollingOls _ols = null!;
    private RollingCorrelation _correlation = null!;

    [Params(60)]
    public int Window { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = new double[Updates];
        _y = new double[Updates];
        double x = 60_000, y = 3_000;
        for (int i = 0; i < Updates; i++)
        {
            x += random.NextDouble() - 0.5;
            y += 0.05 * (random.NextDouble() - 0.5);
            _x[i] = x;
            _y[i] = y;
        }

        _ols = new RollingOls(Window);
        _correlation = new RollingCorrelation(Window);
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double RollingOlsUpdate()
    {
        RollingOls sut = _ols;
        double[] x = _x, y = _y;
        for (int i = 0; i < x.Length; i++) sut.Update(x[i], y[i]);
        return sut.Slope;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double RollingCorrelationUpdate()
    {
        RollingCorrelation sut = _correlation;
        double[] x = _x, y = _y;
        for (int i = 0; i < x.Length; i++) sut.Update(x[i], y[i]);
        return sut.Value;
    }
}
