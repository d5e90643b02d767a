using System.Text.Json;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class TheilSenTests
{
    // scipy stats/tests/test_correlation.py TestTheilslopes (expected.json "theilslopes"): slope and intercept with
    // xp_assert_close (rtol 1e-7); the interval against Sen (1968)'s two-decimal values with rtol 5e-3.
    private const double ScipyRelative = 1e-7;
    private const double SenRelative = 5e-3;

    private static IEnumerable<JsonElement> Cases => RobustReference.Expected.GetProperty("theilslopes").GetProperty("cases").EnumerateArray();

    public static TheoryData<int> CaseIndexes => [0, 1, 2, 3];

    private static (double[] X, double[] Y, TheilSenIntercept Method, JsonElement Case) Load(int index)
    {
        JsonElement c = Cases.ElementAt(index);
        double[] y = RobustReference.Doubles(c.GetProperty("y"));
        double[] x = c.GetProperty("x").ValueKind == JsonValueKind.Null
            ? Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray()
            : RobustReference.Doubles(c.GetProperty("x"));
        var method = c.GetProperty("method").GetString() == "joint" ? TheilSenIntercept.Joint : TheilSenIntercept.Separate;
        return (x, y, method, c);
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Fit_ScipyCases_MatchSlopeAndIntercept(int index)
    {
        var (x, y, method, c) = Load(index);
        JsonElement expected = c.GetProperty("expected");

        TheilSenResult sut = TheilSen.Fit(x, y, method);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        double slope = expected.GetProperty("slope").GetDouble(), intercept = expected.GetProperty("intercept").GetDouble();
        sut.Slope.ShouldBe(slope, ScipyRelative * Math.Abs(slope));
        sut.Intercept.ShouldBe(intercept, ScipyRelative * Math.Max(1, Math.Abs(intercept)));
        double.IsNaN(sut.LowSlope).ShouldBeTrue();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void FitWithInterval_Sen1968Example_MatchesPublishedInterval(int index)
    {
        var (x, y, method, c) = Load(index);
        JsonElement expected = c.GetProperty("expected");

        TheilSenResult sut = TheilSen.FitWithInterval(x, y, c.GetProperty("alpha").GetDouble(), method);

        sut.Slope.ShouldBe(4.0, ScipyRelative * 4);
        double low = expected.GetProperty("low_slope_published_Sen1968").GetDouble();
        double high = expected.GetProperty("high_slope_published_Sen1968").GetDouble();
        sut.LowSlope.ShouldBe(low, SenRelative * low);
        sut.HighSlope.ShouldBe(high, SenRelative * high);
        sut.PairCount.ShouldBe(21);
    }

    [Fact]
    public void FitWithInterval_Sen1968Example_MatchesScipyExactly()
    {
        var (x, y, method, c) = Load(2);
        JsonElement exact = c.GetProperty("scipy_1.10.1_local_exact");

        TheilSenResult sut = TheilSen.FitWithInterval(x, y, 0.07, method);

        sut.LowSlope.ShouldBe(exact.GetProperty("low_slope").GetDouble(), 1e-12);
        sut.HighSlope.ShouldBe(exact.GetProperty("high_slope").GetDouble(), 1e-12);
    }

    [Fact]
    public void Fit_TiesInX_LeavesTiedPairsOut()
    {
        // Points 0 and 1 share x, so that pair has no slope.
        double[] x = [0, 0, 1, 2];
        double[] y = [0, 1, 1, 4];
        // slopes: (0,2) 1, (0,3) 2, (1,2) 0, (1,3) 1.5, (2,3) 3 -> median 1.5
        TheilSenResult sut = TheilSen.Fit(x, y);

        sut.PairCount.ShouldBe(5);
        sut.Slope.ShouldBe(1.5);
    }

    [Fact]
    public void Fit_OneGrossOutlier_KeepsTheTrueSlope()
    {
        double[] x = Enumerable.Range(0, 21).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => 0.5 * v + 10).ToArray();
        y[20] = 1e6;

        TheilSenResult sut = TheilSen.Fit(x, y, TheilSenIntercept.Joint);

        sut.Slope.ShouldBe(0.5, 1e-12);
        sut.Intercept.ShouldBe(10, 1e-12);
    }

    [Fact]
    public void FitSampled_LongNoisySeries_LandsNearTheExactMedianRank()
    {
        var random = new Random(11);
        int n = 1500;
        double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        double[] y = x.Select(v => 1.7 * v + 4 * (random.NextDouble() - 0.5)).ToArray();
        TheilSenResult exact = TheilSen.Fit(x, y);
        var slopes = new List<double>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (x[j] != x[i]) slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
        slopes.Sort();

        TheilSenResult sut = TheilSen.FitSampled(x, y, 20_000);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.PairCount.ShouldBe(20_000);
        // 1 / (2 sqrt(m)) = 0.35% of the ranks per standard deviation: allow four.
        int rank = slopes.BinarySearch(sut.Slope);
        double quantile = (rank >= 0 ? rank : ~rank) / (double)slopes.Count; // an even sample averages two slopes
        quantile.ShouldBe(0.5, 4 / (2 * Math.Sqrt(20_000)));
        sut.Slope.ShouldBe(exact.Slope, 0.02);
    }

    [Fact]
    public void FitSampled_SameSeed_GivesTheSameLine()
    {
        var random = new Random(3);
        double[] x = Enumerable.Range(0, 400).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => v + random.NextDouble() * 50).ToArray();

        TheilSen.FitSampled(x, y, 1000, seed: 9).ShouldBe(TheilSen.FitSampled(x, y, 1000, seed: 9));
    }

    [Fact]
    public void FitSampled_MorePairsThanExist_EqualsExact()
    {
        double[] x = [1, 2, 3, 4, 10, 12, 18];
        double[] y = [9, 15, 19, 20, 45, 55, 78];

        TheilSen.FitSampled(x, y, 21).ShouldBe(TheilSen.Fit(x, y));
    }

    [Fact]
    public void Fit_NaN_ReturnsNonFiniteInput()
    {
        TheilSenResult sut = TheilSen.Fit([1.0, 2, 3], [1.0, double.NaN, 3]);

        sut.Status.ShouldBe(StatisticStatus.NonFiniteInput);
        double.IsNaN(sut.Slope).ShouldBeTrue();
        sut.Reason.ShouldNotBeNull();
    }

    [Fact]
    public void FitSampled_Infinity_ReturnsNonFiniteInput()
    {
        TheilSen.FitSampled([1.0, double.NegativeInfinity, 3], [1.0, 2, 3], 1).Status.ShouldBe(StatisticStatus.NonFiniteInput);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fit_FewerThanTwoPoints_ReturnsNotEnoughData(int n)
    {
        TheilSen.Fit(new double[n], new double[n]).Status.ShouldBe(StatisticStatus.NotEnoughData);
    }

    [Fact]
    public void Fit_ConstantX_ReturnsConstantSeries()
    {
        TheilSen.Fit([2.0, 2, 2, 2], [1.0, 2, 3, 4]).Status.ShouldBe(StatisticStatus.ConstantSeries);
        TheilSen.FitSampled(Enumerable.Repeat(5.0, 100).ToArray(), Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), 10)
            .Status.ShouldBe(StatisticStatus.ConstantSeries);
    }

    [Fact]
    public void Fit_ConstantY_ReturnsFlatLine()
    {
        TheilSenResult sut = TheilSen.Fit([1.0, 2, 3, 4], [7.0, 7, 7, 7]);

        sut.Slope.ShouldBe(0);
        sut.Intercept.ShouldBe(7);
    }

    [Fact]
    public void Fit_LengthMismatch_Throws()
    {
        Should.Throw<ArgumentException>(() => TheilSen.Fit([1.0, 2], [1.0])).ParamName.ShouldBe("y");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void FitWithInterval_BadAlpha_Throws(double alpha)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TheilSen.FitWithInterval([1.0, 2], [1.0, 2], alpha)).ParamName.ShouldBe("alpha");
    }

    [Fact]
    public void FitSampled_ZeroPairs_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TheilSen.FitSampled([1.0, 2], [1.0, 2], 0)).ParamName.ShouldBe("samplePairs");
    }
}
