namespace Tickwise.Core.Statistics;

/// <summary>The Engle-Granger two-step cointegration test, following statsmodels' <c>coint(y0, y1)</c>
/// (method "aeg").</summary>
/// <remarks>
/// <para>Step one: OLS of y on x and the deterministic terms (<see cref="AdfRegression.Constant"/>, statsmodels'
/// default trend "c"; trend columns are t = 1…n). Step two: <see cref="Adf.Test"/> on the residuals with
/// <see cref="AdfRegression.None"/> (the residuals are already centered), with the same lag choice as
/// <c>adfuller</c> (default maximum ceil(12 (n/100)^(1/4)), AIC). The p-value is
/// <see cref="MacKinnon.PValue"/> with N = 2 series and the regression's deterministic terms; the critical values
/// are MacKinnon (2010) for N = 2 at n - 1 observations (statsmodels' "-1 to match Stata's egranger"), NaN
/// without deterministic term.</para>
/// <para>Bad data never throws: NaN or infinite values, too few points, a constant series or a singular regression
/// give a result with NaN values, the status and a reason.</para>
/// </remarks>
public static class EngleGranger
{
    // statsmodels: res_co.rsquared < 1 - 100 * SQRTEPS, SQRTEPS = sqrt(2.220446049250313e-16).
    private static readonly double CollinearRSquared = 1 - 100 * Math.Sqrt(2.220446049250313e-16);

    /// <summary>Tests whether y and x are cointegrated.</summary>
    /// <param name="y">The dependent series (statsmodels' y0), in time order.</param>
    /// <param name="x">The regressor (y1), in time order, as long as y.</param>
    /// <param name="regression">The deterministic terms of the cointegrating regression.</param>
    /// <param name="maxLag">The largest number of lagged differences in the residual ADF, or null for its default.</param>
    /// <param name="lagSelection">Whether to use <paramref name="maxLag"/> as is or choose by AIC or BIC.</param>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLag"/> is negative, or an enum is out of range.</exception>
    public static EngleGrangerResult Test(ReadOnlySpan<double> y, ReadOnlySpan<double> x, AdfRegression regression = AdfRegression.Constant,
        int? maxLag = null, AdfLagSelection lagSelection = AdfLagSelection.Aic)
    {
        if (x.Length != y.Length) throw new ArgumentException($"y has {y.Length} values but x has {x.Length}.", nameof(x));
        if (maxLag < 0) throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, "The maximum lag cannot be negative.");
        if (lagSelection is < AdfLagSelection.Fixed or > AdfLagSelection.Bic)
            throw new ArgumentOutOfRangeException(nameof(lagSelection), lagSelection, "Unknown lag selection.");
        if (regression is < AdfRegression.None or > AdfRegression.ConstantQuadraticTrend)
            throw new ArgumentOutOfRangeException(nameof(regression), regression, "Unknown regression.");

        int n = y.Length;
        var columns = new List<double[]>(3) { x.ToArray() };
        if (regression is AdfRegression.ConstantTrend or AdfRegression.ConstantQuadraticTrend)
        {
            var trend = new double[n];
            for (int i = 0; i < n; i++) trend[i] = i + 1;
            columns.Add(trend);
            if (regression == AdfRegression.ConstantQuadraticTrend)
            {
                var square = new double[n];
                for (int i = 0; i < n; i++) square[i] = (i + 1.0) * (i + 1.0);
                columns.Add(square);
            }
        }

        bool intercept = regression != AdfRegression.None;
        OlsResult first = Ols.Fit(y, columns, intercept);
        if (first.Status != StatisticStatus.Ok) return Failed(first.Status, "Cointegrating regression: " + first.Reason, regression, n);
        double hedge = first.Coefficients[intercept ? 1 : 0], constant = intercept ? first.Coefficients[0] : 0;
        if (double.IsNaN(first.RSquared)) // y constant (with a constant) or all zeros (without): R² is undefined
            return Failed(StatisticStatus.ConstantSeries, "y has no variation: there is nothing to cointegrate.", regression, n);

        double statistic;
        int usedLag = 0;
        string? warning = null;
        if (first.RSquared < CollinearRSquared) // uncentered R² without a constant, as statsmodels
        {
            AdfResult adf = Adf.Test(first.ResidualArray, AdfRegression.None, maxLag, lagSelection);
            if (adf.Status != StatisticStatus.Ok) return Failed(adf.Status, "Residual ADF: " + adf.Reason, regression, n);
            statistic = adf.Statistic;
            usedLag = adf.UsedLag;
        }
        else
        {
            statistic = double.NegativeInfinity;
            warning = $"y and x are (almost) perfectly collinear (R² = {first.RSquared:R}): the test is not reliable.";
        }

        var (cv1, cv5, cv10) = regression == AdfRegression.None
            ? (double.NaN, double.NaN, double.NaN)
            : MacKinnon.CriticalValues(regression, n - 1, seriesCount: 2);
        return new EngleGrangerResult
        {
            Status = StatisticStatus.Ok,
            Reason = warning,
            Regression = regression,
            Statistic = statistic,
            PValue = MacKinnon.PValue(statistic, regression, seriesCount: 2),
            CriticalValue1 = cv1,
            CriticalValue5 = cv5,
            CriticalValue10 = cv10,
            HedgeRatio = hedge,
            Intercept = constant,
            UsedLag = usedLag,
            Observations = n,
        };
    }

    private static EngleGrangerResult Failed(StatisticStatus status, string reason, AdfRegression regression, int n) =>
        new() { Status = status, Reason = reason, Regression = regression, Observations = n };
}
