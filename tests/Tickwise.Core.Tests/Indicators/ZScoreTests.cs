using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class ZScoreTests : ValueIndicatorContractTests<ZScore>
{
    protected override ZScore CreateSut() => new(14);
    protected override int ExpectedWarmUp => 14;
    protected override double[] Batch(double[] closes) => ZScore.Batch(closes, 14);

    protected override IEnumerable<ReferenceCase<ZScore>> ReferenceCases()
    {
        // Stock.Indicators StdDev.StaticSeries.Tests.cs (lookback 10): zScore at Money6.
        yield return new("StdDev(10) zScore", () => new ZScore(10), s => s.Value, ReferenceData.Sample("StdDev(10)", "zScore"), Tolerances.Money6);
        // Stock.Indicators _testdata/results/stdev.standard.json (lookback 14), field zScore.
        yield return new("stdev.standard.json zScore", CreateSut, s => s.Value, ReferenceData.Baseline("stdev.standard.json", "zScore"), Tolerances.Baseline);
    }

    [Fact]
    public void Update_FlatWindowAfterVolatileStretch_IsNaN()
    {
        var sut = new ZScore(20);
        var random = new Random(5);
        for (int i = 0; i < 777; i++) sut.Update(60_000 + 500 * random.NextDouble());
        for (int i = 0; i < 20; i++) sut.Update(60_100.25);
        double.IsNaN(sut.Value).ShouldBeTrue();
        sut.StdDev.ShouldBe(0);
        sut.Update(60_101.25);
        double.IsFinite(sut.Value).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_PeriodOne_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new ZScore(1)).ParamName.ShouldBe("period");
}
