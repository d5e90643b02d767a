using Tickwise.Core.Backtest;

namespace Tickwise.Core.Tests.Backtest;

public class PerformanceMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Compute_HandMadeCurve_MatchesHandComputedFigures()
    {
        // Initial 100, equity 110, 99, 108.9: returns +10 %, -10 %, +10 %.
        var sut = PerformanceMetrics.Compute(100m, [110m, 99m, 108.9m], [10m, -5m, 5m], exposedBars: 2, tradedNotional: 250m, intervalMs: 3_600_000);

        // mean = 1/30; sample sd = sqrt(((2/30)² · 2 + (4/30)²) / 2) = sqrt(0.0133...) ; P = 8760 hours a year.
        double mean = 1.0 / 30, sd = Math.Sqrt((2 * (2.0 / 30) * (2.0 / 30) + (4.0 / 30) * (4.0 / 30)) / 2), annual = Math.Sqrt(8760);
        sut.TotalReturn.ShouldBe(0.089, Tolerance);
        sut.Sharpe.ShouldBe(mean / sd * annual, 1e-9);
        // downside deviation = sqrt(0.01 / 3)
        sut.Sortino.ShouldBe(mean / Math.Sqrt(0.01 / 3) * annual, 1e-9);
        sut.MaxDrawdown.ShouldBe(0.1, Tolerance); // 110 -> 99
        sut.WinRate.ShouldBe(2.0 / 3, Tolerance);
        sut.ProfitFactor.ShouldBe(3.0, Tolerance); // 15 / 5
        sut.Exposure.ShouldBe(2.0 / 3, Tolerance);
        sut.Turnover.ShouldBe(2.5, Tolerance);
    }

    [Fact]
    public void Compute_NoLossesNoTradesNoVariation_GivesNaNWhereUndefined()
    {
        var sut = PerformanceMetrics.Compute(100m, [100m, 100m], [], 0, 0m, 60_000);
        sut.TotalReturn.ShouldBe(0);
        double.IsNaN(sut.Sharpe).ShouldBeTrue();
        double.IsNaN(sut.Sortino).ShouldBeTrue();
        double.IsNaN(sut.WinRate).ShouldBeTrue();
        double.IsNaN(sut.ProfitFactor).ShouldBeTrue();
        sut.MaxDrawdown.ShouldBe(0);
        sut.Exposure.ShouldBe(0);
    }

    [Fact]
    public void Compute_DrawdownFromTheInitialEquity_Counts() =>
        PerformanceMetrics.Compute(100m, [80m, 90m, 120m, 60m], [], 0, 0m, 60_000).MaxDrawdown.ShouldBe(0.5, Tolerance);

    [Fact]
    public void PeriodsPerYear_OneMinute_Is525600() => PerformanceMetrics.PeriodsPerYear(60_000).ShouldBe(525_600);

    [Fact]
    public void Compute_NonPositiveEquityOrInterval_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PerformanceMetrics.Compute(0m, [1m], [], 0, 0m, 60_000));
        Should.Throw<ArgumentOutOfRangeException>(() => PerformanceMetrics.Compute(1m, [1m], [], 0, 0m, 0));
    }

    [Fact]
    public void Compute_CurveAsDoubles_GivesTheFiguresOfTheDecimals()
    {
        var rng = new Random(3);
        var equity = new decimal[500];
        decimal e = 10_000m;
        for (int i = 0; i < equity.Length; i++) equity[i] = e += Math.Round((decimal)(rng.NextDouble() - 0.48) * 50m, 8);
        double[] doubles = [.. equity.Select(x => (double)x)];
        decimal[] pnls = [12.5m, -3m, 7.25m];

        var sut = PerformanceMetrics.Compute(10_000m, doubles, pnls, 321, 45_000m, 60_000);

        sut.ShouldBe(PerformanceMetrics.Compute(10_000m, equity, pnls, 321, 45_000m, 60_000)); // bit for bit, no tolerance
        double.IsNaN(sut.Sharpe).ShouldBeFalse();
    }
}
