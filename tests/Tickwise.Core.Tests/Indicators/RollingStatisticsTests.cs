using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class RollingStatisticsTests : ValueIndicatorContractTests<RollingStatistics>
{
    protected override RollingStatistics CreateSut() => new(14);
    protected override int ExpectedWarmUp => 14;
    protected override double Read(RollingStatistics sut) => sut.PopulationStdDev;
    protected override double[] Batch(double[] closes) => RollingStatistics.BatchPopulationStdDev(closes, 14);

    protected override IEnumerable<ReferenceCase<RollingStatistics>> ReferenceCases()
    {
        // Stock.Indicators StdDev.StaticSeries.Tests.cs (lookback 10): Money4 for stdDev and mean; population SD.
        yield return new("StdDev(10) stdDev", () => new RollingStatistics(10), s => s.PopulationStdDev, ReferenceData.Sample("StdDev(10)", "stdDev"), Tolerances.Money4);
        yield return new("StdDev(10) mean", () => new RollingStatistics(10), s => s.Mean, ReferenceData.Sample("StdDev(10)", "mean"), Tolerances.Money4);
        // Stock.Indicators _testdata/results/stdev.standard.json, Bars.ToStdDev() (lookback 14).
        yield return new("stdev.standard.json stdDev", CreateSut, s => s.PopulationStdDev, ReferenceData.Baseline("stdev.standard.json", "stdDev"), Tolerances.Baseline);
        yield return new("stdev.standard.json mean", CreateSut, s => s.Mean, ReferenceData.Baseline("stdev.standard.json", "mean"), Tolerances.Baseline);
    }

    [Fact]
    public void Update_LongRandomWalk_OtherStatisticsAgreeWithBatch()
    {
        QuoteRow[] rows = ReferenceData.RandomWalk(50_000, 60_000, 5, seed: 11);
        var closes = rows.Select(r => r.Close).ToArray();
        double[] mean = RollingStatistics.BatchMean(closes, 30);
        double[] sample = RollingStatistics.BatchSampleStdDev(closes, 30);
        double[] min = RollingStatistics.BatchMin(closes, 30);
        double[] max = RollingStatistics.BatchMax(closes, 30);
        var sut = new RollingStatistics(30);
        for (int i = 0; i < closes.Length; i++)
        {
            sut.Update(closes[i]);
            if (i < 29) continue;
            sut.Mean.ShouldBe(mean[i], 1e-9 * mean[i]);
            sut.Sum.ShouldBe(30 * mean[i], 30e-9 * mean[i]);
            sut.SampleStdDev.ShouldBe(sample[i], 1e-9 * Math.Max(1, sample[i]));
            sut.Min.ShouldBe(min[i]); // exact: the deques compare, they do not compute
            sut.Max.ShouldBe(max[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Update_RandomInput_MinAtMostMeanAtMostMax(int seed)
    {
        var random = new Random(seed);
        var sut = new RollingStatistics(1 + random.Next(50));
        for (int i = 0; i < 20_000; i++)
        {
            // Mixed scales and sign changes, including runs of repeats.
            double x = random.Next(4) == 0 ? 7.25 : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 9));
            sut.Update(x);
            if (!sut.IsReady) continue;
            sut.Min.ShouldBeLessThanOrEqualTo(sut.Mean + 1e-12 * Math.Abs(sut.Mean));
            sut.Mean.ShouldBeLessThanOrEqualTo(sut.Max + 1e-12 * Math.Abs(sut.Mean));
            sut.PopulationStdDev.ShouldBeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public void Update_MonotonicRuns_MinAndMaxFollowTheWindow()
    {
        var sut = new RollingStatistics(3);
        double[] input = [5, 4, 3, 2, 1, 2, 3, 4, 5];
        double[] expectedMin = [double.NaN, double.NaN, 3, 2, 1, 1, 1, 2, 3];
        double[] expectedMax = [double.NaN, double.NaN, 5, 4, 3, 2, 3, 4, 5];
        for (int i = 0; i < input.Length; i++)
        {
            sut.Update(input[i]);
            sut.Min.ShouldBe(expectedMin[i]);
            sut.Max.ShouldBe(expectedMax[i]);
        }
    }

    [Fact]
    public void Update_PeriodOne_SampleStdDevIsNaN()
    {
        var sut = new RollingStatistics(1);
        sut.Update(2);
        sut.PopulationStdDev.ShouldBe(0);
        double.IsNaN(sut.SampleStdDev).ShouldBeTrue();
    }

    [Fact]
    public void Update_ConstantAfterVolatileStretch_StdDevIsExactlyZero()
    {
        var sut = new RollingStatistics(50);
        var random = new Random(3);
        for (int i = 0; i < 1000; i++) sut.Update(60_000 + 1000 * random.NextDouble());
        for (int i = 0; i < 50; i++) sut.Update(61_234.5);
        sut.PopulationStdDev.ShouldBe(0);
        sut.Mean.ShouldBe(61_234.5, 1e-9);
    }
}
