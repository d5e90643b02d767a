using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

public sealed class AdfTests
{
    // statsmodels tsa/tests/test_stattools.py lines 101-225 (CheckADF, values from Stata): statistic and p-value
    // assert_almost_equal decimal=5, critical values decimal=2 (Stata interpolates Fuller's table).
    private const double StataDecimal5 = 1.5e-5;
    private const double StataDecimal2 = 1.5e-2;

    // shared/reference/adf/expected.json statsmodels_exact_outputs_cross_check: statsmodels 0.13.5 on the same data,
    // for a tight check of a reimplementation of the same algorithm (our OLS sums in another order).
    private const double StatsmodelsExact = 1e-8;

    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(ReferenceData.SharedPath("reference", "adf", "expected.json"))).RootElement);

    private static double[] Macro(string column)
    {
        string[] lines = File.ReadAllLines(ReferenceData.SharedPath("reference", "adf", "macrodata.csv"));
        int c = Array.IndexOf(lines[0].Split(','), $"\"{column}\"");
        c.ShouldBeGreaterThanOrEqualTo(0);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l.Split(',')[c], CultureInfo.InvariantCulture)).ToArray();
    }

    private static AdfRegression Regression(string code) => code switch
    {
        "n" => AdfRegression.None,
        "c" => AdfRegression.Constant,
        "ct" => AdfRegression.ConstantTrend,
        _ => AdfRegression.ConstantQuadraticTrend,
    };

    [Theory]
    [InlineData("realgdp_c_lag4")]
    [InlineData("realgdp_ct_lag4")]
    [InlineData("realgdp_n_lag4")]
    [InlineData("infl_c_lag1")]
    [InlineData("infl_ct_lag1")]
    [InlineData("infl_n_lag1")]
    public void Test_FixedLagMacrodata_MatchesStataAndStatsmodels(string id)
    {
        JsonElement c = Expected.Value.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        JsonElement stata = c.GetProperty("expected");
        JsonElement exact = Expected.Value.GetProperty("statsmodels_exact_outputs_cross_check").GetProperty(id);
        double[] series = Macro(c.GetProperty("series").GetString()!);

        AdfResult sut = Adf.Test(series, Regression(c.GetProperty("regression").GetString()!), c.GetProperty("maxlag").GetInt32(), AdfLagSelection.Fixed);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.Statistic.ShouldBe(stata.GetProperty("adfstat").GetDouble(), StataDecimal5);
        sut.PValue.ShouldBe(stata.GetProperty("pvalue").GetDouble(), StataDecimal5);
        sut.UsedLag.ShouldBe(stata.GetProperty("usedlag").GetInt32());
        sut.Observations.ShouldBe(stata.GetProperty("nobs").GetInt32());
        double[] crit = stata.GetProperty("crit_stata_1_5_10").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        sut.CriticalValue1.ShouldBe(crit[0], StataDecimal2);
        sut.CriticalValue5.ShouldBe(crit[1], StataDecimal2);
        sut.CriticalValue10.ShouldBe(crit[2], StataDecimal2);

        sut.Statistic.ShouldBe(exact.GetProperty("adfstat").GetDouble(), StatsmodelsExact);
        sut.PValue.ShouldBe(exact.GetProperty("pvalue").GetDouble(), StatsmodelsExact);
        JsonElement cv = exact.GetProperty("crit");
        sut.CriticalValue1.ShouldBe(cv.GetProperty("1%").GetDouble(), 1e-12);
        sut.CriticalValue5.ShouldBe(cv.GetProperty("5%").GetDouble(), 1e-12);
        sut.CriticalValue10.ShouldBe(cv.GetProperty("10%").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("n")]
    [InlineData("c")]
    [InlineData("ct")]
    [InlineData("ctt")]
    public void Test_AicLagOnLogRealGdp_ChoosesLagTwoAsStatsmodels(string code)
    {
        // statsmodels tsa/tests/test_adfuller_lag.py test_adf_autolag: usedlag 2 for every regression, and the
        // statistic equals the fixed maxlag=2 run (decimal=12). Values: expected.json autolag_cases (statsmodels 0.13.5).
        double[] series = Macro("realgdp").Select(v => Math.Log(v)).ToArray();
        JsonElement local = Expected.Value.GetProperty("autolag_cases").GetProperty("local_statsmodels_0.13.5_values_NOT_asserted_by_tests").GetProperty(code);

        AdfResult sut = Adf.Test(series, Regression(code), maxLag: null, AdfLagSelection.Aic);
        AdfResult fixedTwo = Adf.Test(series, Regression(code), maxLag: 2, AdfLagSelection.Fixed);

        sut.UsedLag.ShouldBe(2);
        sut.Statistic.ShouldBe(fixedTwo.Statistic, 1e-12);
        sut.Observations.ShouldBe(local.GetProperty("nobs").GetInt32());
        sut.Statistic.ShouldBe(local.GetProperty("adfstat").GetDouble(), StatsmodelsExact);
        sut.PValue.ShouldBe(local.GetProperty("pvalue").GetDouble(), StatsmodelsExact);
        sut.BestInformationCriterion.ShouldBe(local.GetProperty("icbest").GetDouble(), 1e-7);
        sut.CriticalValue5.ShouldBe(local.GetProperty("crit").GetProperty("5%").GetDouble(), 1e-12);
    }

    [Fact]
    public void Test_StationaryNoise_RejectsUnitRoot()
    {
        var random = new Random(12);
        double[] series = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();

        AdfResult sut = Adf.Test(series);

        sut.PValue.ShouldBeLessThan(0.01);
        sut.Statistic.ShouldBeLessThan(sut.CriticalValue1);
    }

    [Fact]
    public void Test_NaNInSeries_ReturnsNonFiniteInput()
    {
        AdfResult sut = Adf.Test([1, 2, double.NaN, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

        sut.Status.ShouldBe(StatisticStatus.NonFiniteInput);
        double.IsNaN(sut.Statistic).ShouldBeTrue();
        sut.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Test_TooShortSeries_ReturnsNotEnoughData()
    {
        Adf.Test([1, 2, 3]).Status.ShouldBe(StatisticStatus.NotEnoughData);
        Adf.Test([]).Status.ShouldBe(StatisticStatus.NotEnoughData);
        Adf.Test(Enumerable.Range(0, 20).Select(i => Math.Sin(i)).ToArray(), maxLag: 12, lagSelection: AdfLagSelection.Fixed)
            .Status.ShouldBe(StatisticStatus.NotEnoughData);
    }

    [Fact]
    public void Test_ConstantSeries_ReturnsNaNWithStatus()
    {
        AdfResult sut = Adf.Test(Enumerable.Repeat(42.5, 100).ToArray());

        sut.Status.ShouldNotBe(StatisticStatus.Ok);
        double.IsNaN(sut.PValue).ShouldBeTrue();
    }

    [Fact]
    public void Test_NegativeMaxLag_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Adf.Test([1, 2, 3], maxLag: -1)).ParamName.ShouldBe("maxLag");

    [Fact]
    public void Test_DesignBeyondArrayLimit_ReturnsNotEnoughDataWithoutAllocating()
    {
        // 34,000 lags of 70,000 points make a design of 2.4e9 values: more than an array holds (it was an OutOfMemoryException).
        double[] series = Enumerable.Range(0, 70_000).Select(i => Math.Sin(i * 0.1) + i * 1e-3).ToArray();

        AdfResult sut = Adf.Test(series, AdfRegression.None, maxLag: 34_000, AdfLagSelection.Fixed);

        sut.Status.ShouldBe(StatisticStatus.NotEnoughData);
        sut.Reason!.ShouldContain("too large");
        double.IsNaN(sut.Statistic).ShouldBeTrue();
    }

    // Determinism: these bits were produced by the code before the performance work (commit 49269b0) and must stay the
    // same on every machine and run (fixed-width vectors, fixed summation order). The statsmodels tests above check
    // accuracy; these catch any change of the arithmetic's order, which the lead then has to accept on purpose.
    [Theory]
    [InlineData(AdfRegression.Constant, null, AdfLagSelection.Aic, 0xC005BA30B6D5BB15UL, 0)]
    [InlineData(AdfRegression.ConstantTrend, 12, AdfLagSelection.Fixed, 0xC008FE0B0F59D117UL, 12)]
    [InlineData(AdfRegression.ConstantTrend, null, AdfLagSelection.Bic, 0xC00EDE22FFC94FF1UL, 0)]
    public void Test_SeededSeries_GivesPinnedBits(AdfRegression regression, int? maxLag, AdfLagSelection selection, ulong bits, int lag)
    {
        (double[] a, _) = SeededPair(1_000);

        AdfResult sut = Adf.Test(a, regression, maxLag, selection);

        BitConverter.DoubleToUInt64Bits(sut.Statistic).ShouldBe(bits);
        if (lag >= 0) sut.UsedLag.ShouldBe(lag);
    }

    /// <summary>The benchmarks' cointegrated pair: a random walk near 60000 and 0.05 of it plus AR(1) noise (seed 42).</summary>
    internal static (double[] A, double[] B) SeededPair(int n)
    {
        var random = new Random(42);
        double[] a = new double[n], b = new double[n];
        double level = 60_000, noise = 0;
        for (int i = 0; i < n; i++)
        {
            level += 20 * (random.NextDouble() - 0.5);
            noise = 0.9 * noise + 2 * (random.NextDouble() - 0.5);
            b[i] = level;
            a[i] = 0.05 * level + noise;
        }

        return (a, b);
    }
}
