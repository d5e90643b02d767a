using BenchmarkDotNet.Attributes;
using Tickwise.Core.Indicators;

namespace Tickwise.Bench;

/// <summary>Updates per second of the streaming indicators on a random walk near 60000.</summary>
/// <remarks>Each benchmark feeds <see cref="Updates"/> values and reports the time of one (OperationsPerInvoke).</remarks>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    public const int Updates = 1_000_000;
    private double[] _prices = [];
    private ZScore _zScore = null!;
    private Sma _sma = null!;
    private Ema _ema = null!;
    private RollingStatistics _statistics = null!;
    private Rsi _rsi = null!;

    [Params(60)]
    public int Period { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _prices = new double[Updates];
        double p = 60_000;
        for (int i = 0; i < Updates; i++) _prices[i] = p += random.NextDouble() - 0.5;
        _zScore = new ZScore(Period);
        _sma = new Sma(Period);
        _ema = new Ema(Period);
        _statistics = new RollingStatistics(Period);
        _rsi = new Rsi(Period);
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double ZScoreUpdate() => Feed(_zScore);

    [Benchmark(OperationsPerInvoke = Updates)]
    public double SmaUpdate() => Feed(_sma);

    [Benchmark(OperationsPerInvoke = Updates)]
    public double EmaUpdate() => Feed(_ema);

    [Benchmark(OperationsPerInvoke = Updates)]
    public double RollingStatisticsUpdate() => Feed(_statistics);

    [Benchmark(OperationsPerInvoke = Updates)]
    public double RsiUpdate() => Feed(_rsi);

    private double Feed(ValueIndicator sut)
    {
        double[] prices = _prices;
        for (int i = 0; i < prices.Length; i++) sut.Update(prices[i]);
        return sut.Value;
    }
}
