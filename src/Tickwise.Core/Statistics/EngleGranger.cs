using System.Buffers;

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
        bool intercept = regression != AdfRegression.None;
        int trendColumns = regression is AdfRegression.ConstantTrend ? 1 : regression is AdfRegression.ConstantQuadraticTrend ? 2 : 0;
        int p = 1 + trendColumns, k = p + (intercept ? 1 : 0);
        // Ols.Fit's checks and reasons, in its order (y, then the regressors, then the degrees of freedom).
        if (!AllFinite(y)) return Failed(StatisticStatus.NonFiniteInput, "Cointegrating regression: y has a NaN or infinite value.", regression, n);
        if (!AllFinite(x)) return Failed(StatisticStatus.NonFiniteInput, "Cointegrating regression: Regressor 0 has a NaN or infinite value.", regression, n);
        if (n <= k)
            return Failed(StatisticStatus.NotEnoughData, $"Cointegrating regression: {n} observations for {k} coefficients leave no residual degree of freedom.", regression, n);
        if ((long)n * (p + 2) > Array.MaxLength)
            return Failed(StatisticStatus.NotEnoughData, $"Cointegrating regression: {n} observations are too many to hold in one design.", regression, n);

        // The cointegrating regression on a pooled design (x, the trend terms, y) by OlsSolver, Ols.Fit's arithmetic and
        // bits, then its residuals in the same buffer for the ADF: no copy of the series, no result object.
        double[] buffer = ArrayPool<double>.Shared.Rent(n * (p + 2));
        try
        {
            Span<double> design = buffer.AsSpan(0, n * (p + 1)), residuals = buffer.AsSpan(n * (p + 1), n);
            x.CopyTo(design[..n]);
            if (trendColumns > 0)
            {
                Span<double> trend = design.Slice(n, n);
                for (int i = 0; i < n; i++) trend[i] = i + 1;
                if (trendColumns > 1)
                {
                    Span<double> square = design.Slice(2 * n, n);
                    for (int i = 0; i < n; i++) square[i] = (i + 1.0) * (i + 1.0);
                }
            }

            y.CopyTo(design.Slice(p * n, n));
            Span<double> small = stackalloc double[4 * 3 + 1];
            Span<double> means = small[..(p + 1)], scales = small.Slice(4, p), diagonal = small.Slice(7, p), slopes = small.Slice(10, p);
            StatisticStatus status = OlsSolver.Solve(design, n, p, intercept, means, scales, diagonal, slopes,
                out double totalSquares, out double ssr, out int bad, out bool dependent);
            if (status != StatisticStatus.Ok)
                return Failed(status, "Cointegrating regression: " + Ols.FailureReason(bad, dependent, intercept), regression, n);
            double constant = 0;
            if (intercept)
            {
                constant = means[p]; // Ols.Fit's intercept: the mean of y less the means times the slopes, in order
                for (int j = 0; j < p; j++) constant -= means[j] * slopes[j];
            }

            double hedge = slopes[0];
            double rSquared = totalSquares > 0 ? 1 - ssr / totalSquares : double.NaN; // OlsResult.RSquared
            if (double.IsNaN(rSquared)) // y constant (with a constant) or all zeros (without): R² is undefined
                return Failed(StatisticStatus.ConstantSeries, "y has no variation: there is nothing to cointegrate.", regression, n);

            for (int i = 0; i < n; i++) // Ols.Fit's residuals, term by term in the same order
            {
                double fitted = intercept ? constant : 0;
                fitted += slopes[0] * x[i];
                if (trendColumns > 0) fitted += slopes[1] * (double)(i + 1);
                if (trendColumns > 1) fitted += slopes[2] * ((i + 1.0) * (i + 1.0));
                residuals[i] = y[i] - fitted;
            }

            return Finish(residuals, regression, maxLag, lagSelection, rSquared, hedge, constant, n);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static EngleGrangerResult Finish(ReadOnlySpan<double> residuals, AdfRegression regression, int? maxLag, AdfLagSelection lagSelection,
        double rSquared, double hedge, double constant, int n)
    {
        double statistic;
        int usedLag = 0;
        string? warning = null;
        if (rSquared < CollinearRSquared) // uncentered R² without a constant, as statsmodels
        {
            AdfResult adf = Adf.Test(residuals, AdfRegression.None, maxLag, lagSelection);
            if (adf.Status != StatisticStatus.Ok) return Failed(adf.Status, "Residual ADF: " + adf.Reason, regression, n);
            statistic = adf.Statistic;
            usedLag = adf.UsedLag;
        }
        else
        {
            statistic = double.NegativeInfinity;
            warning = $"y and x are (almost) perfectly collinear (R² = {rSquared:R}): the test is not reliable.";
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

    private static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    private static EngleGrangerResult Failed(StatisticStatus status, string reason, AdfRegression regression, int n) =>
        new() { Status = status, Reason = reason, Regression = regression, Observations = n };
}
