using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Pairs;

public class PairWindowAnalysisTests
{
    // a = 2b + 5 + small AR(1) noise (phi 0.5), b a seeded random walk: a known, cointegrated relation.
    private static (double[] A, double[] B) Relation(int n)
    {
        var a = new double[n];
        var b = new double[n];
        var random = new Random(7);
        double level = 100, noise = 0;
        for (int i = 0; i < n; i++)
        {
            level += random.NextDouble() - 0.5;
            noise = 0.5 * noise + 0.05 * (random.NextDouble() - 0.5);
            b[i] = level;
            a[i] = 2 * level + 5 + noise;
        }
        return (a, b);
    }

    [Theory]
    [InlineData(HedgeMethod.WindowOls)]
    [InlineData(HedgeMethod.RollingOls)]
    [InlineData(HedgeMethod.Huber)]
    [InlineData(HedgeMethod.TheilSen)]
    [InlineData(HedgeMethod.Kalman)]
    public void Analyze_KnownRelation_EachMethodFindsTheRatio(HedgeMethod method)
    {
        (double[] a, double[] b) = Relation(400);

        PairWindowResult sut = PairWindowAnalysis.Analyze(a, b, method);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.HedgeRatio.ShouldBe(2, 0.02);
        sut.RSquared.ShouldBeGreaterThan(0.99);
        sut.Adf.Status.ShouldBe(StatisticStatus.Ok);
        sut.Adf.PValue.ShouldBeLessThan(0.01); // the OLS residual is the AR(1) noise: stationary
        sut.Observations.ShouldBe(400);
    }

    [Fact]
    public void Analyze_Ols_SpreadAndZScoreAreTheLastResidualsAgainstTheWindow()
    {
        (double[] a, double[] b) = Relation(200);

        PairWindowResult sut = PairWindowAnalysis.Analyze(a, b);

        double[] spread = [.. a.Select((v, i) => v - (sut.HedgeRatio * b[i] + sut.Intercept))];
        double mean = spread.Average(), sd = Math.Sqrt(spread.Select(s => (s - mean) * (s - mean)).Average());
        sut.SpreadLast.ShouldBe(spread[^1], 1e-12);
        sut.ZScoreLast.ShouldBe((spread[^1] - mean) / sd, 1e-9);
    }

    [Fact]
    public void Analyze_ConstantLegB_UndefinedWithAReasonAndNoException()
    {
        double[] a = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] b = [3, 3, 3, 3, 3, 3, 3, 3];

        PairWindowResult sut = PairWindowAnalysis.Analyze(a, b);

        sut.Status.ShouldNotBe(StatisticStatus.Ok);
        sut.Reason.ShouldNotBeNullOrEmpty();
        double.IsNaN(sut.HedgeRatio).ShouldBeTrue();
        double.IsNaN(sut.ZScoreLast).ShouldBeTrue();
        sut.Adf.Status.ShouldNotBe(StatisticStatus.Ok);
    }

    [Theory]
    [InlineData(HedgeMethod.WindowOls)]
    [InlineData(HedgeMethod.Huber)]
    [InlineData(HedgeMethod.TheilSen)]
    [InlineData(HedgeMethod.Kalman)]
    public void Analyze_NaNOrTooFewPoints_UndefinedNeverThrows(HedgeMethod method)
    {
        (double[] a, double[] b) = Relation(50);
        a[10] = double.NaN;

        PairWindowResult withNaN = PairWindowAnalysis.Analyze(a, b, method);
        PairWindowResult tooFew = PairWindowAnalysis.Analyze([1.0, 2.0], [1.0, 2.5], method);
        PairWindowResult empty = PairWindowAnalysis.Analyze([], [], method);

        double.IsNaN(withNaN.Correlation).ShouldBeTrue();
        withNaN.Adf.Status.ShouldNotBe(StatisticStatus.Ok);
        tooFew.Adf.Status.ShouldNotBe(StatisticStatus.Ok);
        empty.Status.ShouldNotBe(StatisticStatus.Ok);
    }

    [Fact]
    public void Analyze_LengthsDiffer_Throws()
    {
        Should.Throw<ArgumentException>(() => PairWindowAnalysis.Analyze([1.0, 2.0, 3.0], [1.0, 2.0]));
    }
}
