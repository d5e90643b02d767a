using System.Text.Json;
using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

public sealed class OlsTests
{
    // Log relative error (McCullough 1998): the number of correct significant digits. NIST StRD certifies 15 digits
    // (shared/reference/nist_strd/*.expected.json, "notes"); double precision QR is expected to keep >= ~9-13.
    private static double CorrectDigits(double actual, double certified) =>
        actual == certified ? 15 : -Math.Log10(Math.Abs(actual - certified) / Math.Abs(certified));

    [Theory]
    // Minimum digits asserted per data set (NIST StRD difficulty: Norris, Pontius, NoInt lower; Longley higher).
    // Measured here: Longley >= 13.4, Norris >= 12.0, Pontius >= 11.6, NoInt1 >= 14.3, NoInt2 >= 15.0.
    [InlineData("Longley", 12)]
    [InlineData("Norris", 11)]
    [InlineData("Pontius", 11)]
    [InlineData("NoInt1", 13)]
    [InlineData("NoInt2", 13)]
    public void Fit_NistDataset_MatchesCertifiedValuesToMinimumDigits(string name, double minimumDigits)
    {
        NistData data = NistData.Load(name);

        OlsResult sut = Ols.Fit(data.Y, data.X, data.Intercept);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.Coefficients.Count.ShouldBe(data.Coefficients.Length);
        for (int i = 0; i < data.Coefficients.Length; i++)
        {
            CorrectDigits(sut.Coefficients[i], data.Coefficients[i]).ShouldBeGreaterThanOrEqualTo(minimumDigits, $"{name} B{i}");
            CorrectDigits(sut.StandardErrors[i], data.StandardErrors[i]).ShouldBeGreaterThanOrEqualTo(minimumDigits, $"{name} se(B{i})");
        }

        CorrectDigits(sut.ResidualStdDev, data.ResidualStdDev).ShouldBeGreaterThanOrEqualTo(minimumDigits, $"{name} residual SD");
        CorrectDigits(sut.RSquared, data.RSquared).ShouldBeGreaterThanOrEqualTo(minimumDigits, $"{name} R²");
    }

    [Fact]
    public void Fit_Longley_ResidualsAndAdjustedRSquaredMatchR()
    {
        // R's values via apache/commons-math OLSMultipleLinearRegressionTest lines 118-181 (residual abs tol 1e-8,
        // adjusted R² 1e-12), copied into shared/reference/nist_strd/Longley.expected.json.
        NistData data = NistData.Load("Longley");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.SharedPath("reference", "nist_strd", "Longley.expected.json")));
        JsonElement r = doc.RootElement.GetProperty("tolerances_used_by_other_test_suites").GetProperty("extra_expected_from_R_via_commons_math");

        OlsResult sut = Ols.Fit(data.Y, data.X);

        sut.AdjustedRSquared.ShouldBe(r.GetProperty("adj_r_squared").GetDouble(), 1e-12);
        int i = 0;
        foreach (JsonElement e in r.GetProperty("residuals").EnumerateArray())
            sut.Residuals[i++].ShouldBe(e.GetDouble(), 1e-8);
        i.ShouldBe(16);
    }

    [Fact]
    public void Fit_InterceptOnly_GivesMeanAndStandardErrorOfMean()
    {
        double[] y = [1, 2, 3, 4, 10];

        OlsResult sut = Ols.Fit(y, [], intercept: true);

        sut.Coefficients[0].ShouldBe(4, 1e-15);
        double sd = Math.Sqrt((9 + 4 + 1 + 0 + 36) / 4.0);
        sut.StandardErrors[0].ShouldBe(sd / Math.Sqrt(5), 1e-14);
        sut.RSquared.ShouldBe(0, 1e-15);
    }

    [Fact]
    public void Fit_NoIntercept_AicMatchesStatsmodelsFormula()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2.1, 3.9, 6.2, 7.8, 10.1];

        OlsResult sut = Ols.Fit(y, [x], intercept: false);

        double b = (2.1 * 1 + 3.9 * 2 + 6.2 * 3 + 7.8 * 4 + 10.1 * 5) / 55.0;
        sut.Coefficients[0].ShouldBe(b, 1e-14);
        double ssr = 0;
        for (int i = 0; i < 5; i++) ssr += (y[i] - b * x[i]) * (y[i] - b * x[i]);
        sut.ResidualSumOfSquares.ShouldBe(ssr, 1e-13);
        sut.Aic.ShouldBe(5 * (Math.Log(2 * Math.PI) + Math.Log(ssr / 5) + 1) + 2, 1e-12);
    }

    [Fact]
    public void Fit_ScaledByHugeFactor_CoefficientsScaleExactly()
    {
        NistData data = NistData.Load("Norris");
        double[] y = data.Y.Select(v => v * 1e140).ToArray();

        OlsResult sut = Ols.Fit(y, data.X);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.Coefficients[1].ShouldBe(data.Coefficients[1] * 1e140, 1e-10 * data.Coefficients[1] * 1e140);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Fit_NonFiniteValue_ReturnsNaNWithReason(double bad)
    {
        double[] x = [1, 2, 3, 4];
        double[] y = [1, bad, 3, 5];

        OlsResult sut = Ols.Fit(y, [x]);
        OlsResult inX = Ols.Fit([1, 2, 3, 5], [new[] { 1, 2, bad, 4 }]);

        sut.Status.ShouldBe(StatisticStatus.NonFiniteInput);
        inX.Status.ShouldBe(StatisticStatus.NonFiniteInput);
        sut.Reason.ShouldNotBeNullOrEmpty();
        double.IsNaN(sut.Coefficients[1]).ShouldBeTrue();
        double.IsNaN(sut.RSquared).ShouldBeTrue();
    }

    [Fact]
    public void Fit_NoResidualDegreeOfFreedom_ReturnsNotEnoughData()
    {
        OlsResult sut = Ols.Fit([1, 2], [new double[] { 3, 4 }]);

        sut.Status.ShouldBe(StatisticStatus.NotEnoughData);
        double.IsNaN(sut.ResidualStdDev).ShouldBeTrue();
    }

    [Fact]
    public void Fit_EmptyInput_ReturnsNotEnoughData() =>
        Ols.Fit([], [Array.Empty<double>()]).Status.ShouldBe(StatisticStatus.NotEnoughData);

    [Fact]
    public void Fit_ConstantRegressorWithIntercept_ReturnsConstantSeries() =>
        Ols.Fit([1, 2, 3, 4], [new double[] { 7, 7, 7, 7 }]).Status.ShouldBe(StatisticStatus.ConstantSeries);

    [Fact]
    public void Fit_LinearlyDependentRegressors_ReturnsSingular()
    {
        NistData data = NistData.Load("Longley");
        double[] combination = data.X[0].Select((v, i) => 2 * v - 0.5 * data.X[3][i]).ToArray();

        OlsResult sut = Ols.Fit(data.Y, [.. data.X, combination]);

        sut.Status.ShouldBe(StatisticStatus.Singular);
        sut.Reason!.ShouldContain("Regressor 6");
    }

    [Fact]
    public void Fit_AllZeroRegressorWithoutIntercept_ReturnsSingular() =>
        Ols.Fit([1, 2, 3], [new double[] { 0, 0, 0 }], intercept: false).Status.ShouldBe(StatisticStatus.Singular);

    [Fact]
    public void Fit_RegressorLengthDiffers_ThrowsWithParameterName() =>
        Should.Throw<ArgumentException>(() => Ols.Fit([1, 2, 3], [new double[] { 1, 2 }])).ParamName.ShouldBe("regressors");

    [Fact]
    public void Fit_NoRegressorNoIntercept_Throws() =>
        Should.Throw<ArgumentException>(() => Ols.Fit([1, 2, 3], [], intercept: false));

    [Fact]
    public void Fit_ManyObservations_MatchesClosedFormSlope()
    {
        var random = new Random(9);
        int n = 100_000;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 60_000 + 100 * random.NextDouble();
            y[i] = 3_000 + 0.05 * x[i] + random.NextDouble();
        }

        OlsResult sut = Ols.Fit(y, [x]);

        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        sut.Coefficients[1].ShouldBe(sxy / sxx, 1e-10);
    }
}
