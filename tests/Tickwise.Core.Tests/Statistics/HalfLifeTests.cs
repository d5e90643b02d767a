using System.Text.Json;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class HalfLifeTests
{
    // pair_references.json half_life: statsmodels 0.13.5 OLS of diff(spread) on (const, lagged spread), the spread being
    // the OLS residual of y on (const, x); both regressions by QR here, so agreement to rounding.
    private const double StatsmodelsExact = 1e-8;

    public static TheoryData<string> Cases =>
        new(PairReferences.Section("half_life").Select(c => c.GetProperty("id").GetString()!));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estimate_OlsSpreadOfBinanceCloses_MatchesStatsmodels(string id)
    {
        JsonElement c = PairReferences.Case("half_life", id);
        double[] y = PairReferences.Slice(c, "y"), x = PairReferences.Slice(c, "x");
        double[] spread = [.. Ols.Fit(y, [x]).Residuals];

        HalfLifeResult sut = HalfLife.Estimate(spread);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.Slope.ShouldBe(c.GetProperty("slope").GetDouble(), StatsmodelsExact);
        sut.Intercept.ShouldBe(c.GetProperty("intercept").GetDouble(), StatsmodelsExact);
        double halfLife = c.GetProperty("half_life").GetDouble();
        sut.HalfLife.ShouldBe(halfLife, StatsmodelsExact * halfLife * 100);
    }

    [Fact]
    public void Estimate_Ar1WithKnownSpeed_RecoversTheHalfLife()
    {
        // s_t = 0.95 s_(t-1) + e_t: slope -0.05, half-life ln 2 / 0.05 = 13.86 steps.
        var random = new Random(17);
        double[] s = new double[20_000];
        for (int i = 1; i < s.Length; i++) s[i] = 0.95 * s[i - 1] + (random.NextDouble() - 0.5);

        HalfLifeResult sut = HalfLife.Estimate(s);

        sut.Slope.ShouldBe(-0.05, 0.005);
        sut.HalfLife.ShouldBe(Math.Log(2) / 0.05, 1.5);
    }

    [Fact]
    public void Estimate_ExplodingSeries_ReturnsNotMeanReverting()
    {
        double[] s = Enumerable.Range(0, 50).Select(i => Math.Pow(1.05, i) + (i % 2) * 0.01).ToArray();

        HalfLifeResult sut = HalfLife.Estimate(s);

        sut.Status.ShouldBe(StatisticStatus.NotMeanReverting);
        double.IsNaN(sut.HalfLife).ShouldBeTrue();
        sut.Slope.ShouldBeGreaterThanOrEqualTo(0);
        sut.Reason.ShouldNotBeNull();
    }

    [Fact]
    public void Estimate_ConstantSpread_ReturnsConstantSeries()
    {
        HalfLife.Estimate(Enumerable.Repeat(0.25, 30).ToArray()).Status.ShouldBe(StatisticStatus.ConstantSeries);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Estimate_NonFinite_ReturnsNonFiniteInput(double bad)
    {
        HalfLife.Estimate([1.0, 0.5, bad, 0.2, 0.1]).Status.ShouldBe(StatisticStatus.NonFiniteInput);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Estimate_TooFewPoints_ReturnsNotEnoughData(int n)
    {
        HalfLifeResult sut = HalfLife.Estimate(new double[n]);

        sut.Status.ShouldBe(StatisticStatus.NotEnoughData);
        double.IsNaN(sut.HalfLife).ShouldBeTrue();
    }
}
