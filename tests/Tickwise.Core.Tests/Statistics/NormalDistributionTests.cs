using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class NormalDistributionTests
{
    // Φ(z) to 16 digits, from scipy.stats.norm.cdf (Cephes ndtr) / standard tables.
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-3.0, 0.0013498980316300946)]
    [InlineData(-5.0, 2.866515718791939e-07)]
    [InlineData(-8.0, 6.22096057427178e-16)]
    [InlineData(2.5, 0.9937903346742238)]
    public void Cdf_KnownPoints_MatchesToRelative1e13(double z, double expected) =>
        NormalDistribution.Cdf(z).ShouldBe(expected, 1e-13 * expected);

    [Fact]
    public void Cdf_AroundSeriesAndFractionSwitch_IsContinuousAndMonotonic()
    {
        double previous = 0;
        for (double z = -10; z <= 10; z += 0.001)
        {
            double p = NormalDistribution.Cdf(z);
            p.ShouldBeGreaterThanOrEqualTo(previous);
            (p + NormalDistribution.Cdf(-z)).ShouldBe(1, 2e-16 * 8);
            previous = p;
        }
    }

    [Fact]
    public void Cdf_Extremes_AreZeroOneOrNaN()
    {
        NormalDistribution.Cdf(double.NegativeInfinity).ShouldBe(0);
        NormalDistribution.Cdf(double.PositiveInfinity).ShouldBe(1);
        NormalDistribution.Cdf(-40).ShouldBe(0);
        double.IsNaN(NormalDistribution.Cdf(double.NaN)).ShouldBeTrue();
    }
}
