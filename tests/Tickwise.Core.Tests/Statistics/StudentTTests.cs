using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class StudentTTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(-2.5)]
    [InlineData(12.0)]
    [InlineData(1e4)]
    public void TwoSidedPValue_OneDegree_MatchesCauchyClosedForm(double t) =>
        // ν = 1 is the Cauchy distribution: P(|T| ≥ t) = 1 - (2/π) atan|t|.
        StudentT.TwoSidedPValue(t, 1).ShouldBe(1 - 2 / Math.PI * Math.Atan(Math.Abs(t)), 1e-13 * Math.Max(1e-3, 1 - 2 / Math.PI * Math.Atan(Math.Abs(t))));

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.5)]
    [InlineData(-4.0)]
    [InlineData(30.0)]
    public void TwoSidedPValue_TwoDegrees_MatchesClosedForm(double t)
    {
        // ν = 2: P(|T| ≥ t) = 1 - |t| / sqrt(2 + t²).
        double expected = 1 - Math.Abs(t) / Math.Sqrt(2 + t * t);
        StudentT.TwoSidedPValue(t, 2).ShouldBe(expected, 1e-12 * expected);
    }

    [Theory]
    // 97.5% quantiles of t (standard tables; scipy.stats.t.ppf(0.975, df)): two-sided p-value 0.05.
    [InlineData(10, 2.2281388519649385)]
    [InlineData(30, 2.0422724563012373)]
    [InlineData(100, 1.9839715184496334)]
    public void TwoSidedPValue_TabulatedQuantile_IsFivePercent(double degrees, double t) =>
        StudentT.TwoSidedPValue(t, degrees).ShouldBe(0.05, 1e-9);

    [Fact]
    public void TwoSidedPValue_InfiniteAndNaN_AreZeroAndNaN()
    {
        StudentT.TwoSidedPValue(double.PositiveInfinity, 5).ShouldBe(0);
        double.IsNaN(StudentT.TwoSidedPValue(double.NaN, 5)).ShouldBeTrue();
    }

    [Fact]
    public void TwoSidedPValue_ZeroDegrees_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => StudentT.TwoSidedPValue(1, 0)).ParamName.ShouldBe("degreesOfFreedom");
}
