using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>The augmented Dickey-Fuller unit-root test, following statsmodels' <c>adfuller</c>.</summary>
/// <remarks>
/// <para>Regresses Δx_t on x_(t-1), Δx_(t-1) … Δx_(t-p) and the deterministic terms (constant, trend t = 1…n,
/// t²) by OLS (<see cref="Ols"/>, Householder QR); the statistic is the t-value of x_(t-1). p-value:
/// <see cref="MacKinnon.PValue"/> with N = 1; critical values: <see cref="MacKinnon.CriticalValues"/> at the
/// observations used.</para>
/// <para>Default maximum lag: ceil(12 (n/100)^(1/4)), capped at n/2 - (number of deterministic terms) - 1.
/// With lag selection, every lag 0…max is fitted on the same sample (n - 1 - max rows) and the one with the
/// smallest criterion is refitted on all the rows it allows (n - 1 - lag), as statsmodels does. The candidate
/// models are nested, so their criteria come from one QR (<see cref="NestedLeastSquares"/>, O(n p²) instead of
/// one fit per lag); the final statistic from one more QR with the level as the last column. Both designs are
/// written into one pooled buffer, so a test allocates only its result.</para>
/// <para>Bad data never throws: NaN or infinite values, too short a series, or a singular regression (a
/// constant series) give a result with NaN values, the status and a reason.</para>
/// </remarks>
public static class Adf
{
    /// <summary>Tests <paramref name="series"/> for a unit root.</summary>
    /// <param name="series">The series in time order.</param>
    /// <param name="regression">The deterministic terms.</param>
    /// <param name="maxLag">The largest number of lagged differences, or null for the default (see remarks).</param>
    /// <param name="lagSelection">Whether to use <paramref name="maxLag"/> as is or choose by AIC or BIC.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLag"/> is negative, or an enum is out of range.</exception>
    public static AdfResult Test(ReadOnlySpan<double> series, AdfRegression regression = AdfRegression.Constant,
        int? maxLag = null, AdfLagSelection lagSelection = AdfLagSelection.Aic)
    {
        if (maxLag < 0) throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, "The maximum lag cannot be negative.");
        if (lagSelection is < AdfLagSelection.Fixed or > AdfLagSelection.Bic)
            throw new ArgumentOutOfRangeException(nameof(lagSelection), lagSelection, "Unknown lag selection.");
        int trendTerms = regression switch
        {
            AdfRegression.None => 0,
            AdfRegression.Constant => 1,
            AdfRegression.ConstantTrend => 2,
            AdfRegression.ConstantQuadraticTrend => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(regression), regression, "Unknown regression."),
        };

        int n = series.Length;
        foreach (double v in series)
            if (!double.IsFinite(v)) return Failed(StatisticStatus.NonFiniteInput, "The series has a NaN or infinite value.", regression);
        int cap = n / 2 - trendTerms - 1;
        int lagLimit = maxLag ?? Math.Min(cap, (int)Math.Ceiling(12 * Math.Pow(n / 100.0, 0.25)));
        if (cap < 0 || lagLimit > cap)
            return Failed(StatisticStatus.NotEnoughData, $"{n} observations are too few for {lagLimit} lags and {trendTerms} deterministic terms (at most {cap} lags).", regression);

        // One pooled buffer holds the differences and, in turn, the design of the lag search and of the final fit.
        int trendColumns = regression is AdfRegression.ConstantTrend ? 1 : regression is AdfRegression.ConstantQuadraticTrend ? 2 : 0;
        int searchRows = n - 1 - lagLimit;
        long designSize = (long)(2 + trendColumns + lagLimit) * (n - 1);
        if (designSize > Array.MaxLength - n)
            return Failed(StatisticStatus.NotEnoughData, $"{lagLimit} lags on {n} observations need a design too large to hold.", regression);
        double[] buffer = ArrayPool<double>.Shared.Rent(n - 1 + (int)designSize);
        try
        {
            Span<double> diff = buffer.AsSpan(0, n - 1), design = buffer.AsSpan(n - 1);
            for (int i = 1; i < n; i++) diff[i - 1] = series[i] - series[i - 1];

            int usedLag = lagLimit;
            double best = double.NaN;
            if (lagSelection != AdfLagSelection.Fixed)
            {
                // Common sample: the rows that the largest lag allows, so the criteria compare like with like.
                best = double.PositiveInfinity;
                int p = 1 + trendColumns + lagLimit;
                Span<double> ssr = p < 256 ? stackalloc double[p + 1] : new double[p + 1];
                FillDesign(series, diff, regression, lagLimit, searchRows, levelFirst: true, design);
                if (NestedLeastSquares.ResidualSumsOfSquares(design, searchRows, p, regression != AdfRegression.None, ssr))
                {
                    // Same criteria as OlsResult.Aic/Bic, from the nested residual sums of one QR (see NestedLeastSquares).
                    int rows = searchRows, fixedColumns = 1 + trendColumns;
                    for (int lag = 0; lag <= lagLimit; lag++)
                    {
                        int k = fixedColumns + lag + (regression != AdfRegression.None ? 1 : 0);
                        double llf = -rows / 2.0 * (Math.Log(2 * Math.PI) + Math.Log(ssr[fixedColumns + lag] / rows) + 1);
                        double ic = lagSelection == AdfLagSelection.Aic ? -2 * llf + 2 * k : -2 * llf + k * Math.Log(rows);
                        if (ic < best) { best = ic; usedLag = lag; }
                    }
                }
                else
                {
                    // A doubtful design (flat or dependent columns): separate fits give the exact status and reason.
                    for (int lag = 0; lag <= lagLimit; lag++)
                    {
                        OlsResult fit = Fit(series, diff, regression, lag, rows: searchRows);
                        if (fit.Status != StatisticStatus.Ok) return Failed(fit.Status, "Lag search: " + fit.Reason, regression);
                        double ic = lagSelection == AdfLagSelection.Aic ? fit.Aic : fit.Bic;
                        if (ic < best) { best = ic; usedLag = lag; }
                    }
                }
            }

            int rowsUsed = n - 1 - usedLag;
            int finalColumns = trendColumns + usedLag + 1;
            FillDesign(series, diff, regression, usedLag, rowsUsed, levelFirst: false, design);
            double statistic;
            if (NestedLeastSquares.TryTValueOfLast(design, rowsUsed, finalColumns, regression != AdfRegression.None, out double t)) statistic = t;
            else
            {
                // A doubtful design: the full fit gives the exact status and reason.
                OlsResult final = Fit(series, diff, regression, usedLag, rowsUsed);
                if (final.Status != StatisticStatus.Ok) return Failed(final.Status, final.Reason!, regression);
                statistic = final.TValues[trendTerms > 0 ? 1 : 0];
            }

            return Result(statistic, regression, usedLag, rowsUsed, best);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static AdfResult Result(double statistic, AdfRegression regression, int usedLag, int rowsUsed, double best)
    {
        if (!double.IsFinite(statistic))
            return Failed(StatisticStatus.Singular, "The lagged level's standard error is zero: the regression fits exactly.", regression);
        var (cv1, cv5, cv10) = MacKinnon.CriticalValues(regression, rowsUsed);
        return new AdfResult
        {
            Status = StatisticStatus.Ok,
            Regression = regression,
            Statistic = statistic,
            PValue = MacKinnon.PValue(statistic, regression),
            UsedLag = usedLag,
            Observations = rowsUsed,
            CriticalValue1 = cv1,
            CriticalValue5 = cv5,
            CriticalValue10 = cv10,
            BestInformationCriterion = best,
        };
    }

    // The pieces of the design on the last `rows` rows: Δx_t, x_(t-1), the trend terms and Δx_(t-1..t-lags)
    // (the constant is the fit's intercept). Each caller orders the columns as its fit needs.
    private static (double[] Y, double[] Level, List<double[]> Trends, List<double[]> Lags) Design(
        ReadOnlySpan<double> x, ReadOnlySpan<double> diff, AdfRegression regression, int lags, int rows)
    {
        int start = diff.Length - rows; // index in diff of the first row's Δx_t
        var y = new double[rows];
        var level = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = diff[start + i];
            level[i] = x[start + i]; // x_(t-1): diff[k] = x[k+1] - x[k]
        }

        var trends = new List<double[]>(2);
        if (regression is AdfRegression.ConstantTrend or AdfRegression.ConstantQuadraticTrend)
        {
            var trend = new double[rows];
            for (int i = 0; i < rows; i++) trend[i] = i + 1;
            trends.Add(trend);
            if (regression == AdfRegression.ConstantQuadraticTrend)
            {
                var square = new double[rows];
                for (int i = 0; i < rows; i++) square[i] = (i + 1.0) * (i + 1.0);
                trends.Add(square);
            }
        }

        var lagged = new List<double[]>(lags);
        for (int l = 1; l <= lags; l++)
        {
            var column = new double[rows];
            for (int i = 0; i < rows; i++) column[i] = diff[start + i - l];
            lagged.Add(column);
        }
        return (y, level, trends, lagged);
    }

    // Fits the last `rows` rows: Δx_t on x_(t-1), Δx_(t-1..t-lag), trend terms.
    private static OlsResult Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> diff, AdfRegression regression, int lag, int rows)
    {
        var (y, level, trends, lags) = Design(x, diff, regression, lag, rows);
        return Ols.Fit(y, [level, .. lags, .. trends], intercept: regression != AdfRegression.None);
    }

    // Writes the design on the last `rows` rows into `design` (column-major, `rows` per column), y last: with
    // levelFirst (the lag search's nesting order) x_(t-1), the trend terms, Δx_(t-1..t-lags); otherwise (the final
    // fit, whose statistic is the last column's t-value) the trend terms, the lags, x_(t-1). The constant is the fit's.
    // The same values as Design, which the careful path fits with Ols.
    private static void FillDesign(ReadOnlySpan<double> x, ReadOnlySpan<double> diff, AdfRegression regression, int lags, int rows,
        bool levelFirst, Span<double> design)
    {
        int start = diff.Length - rows; // index in diff of the first row's Δx_t
        int trendColumns = regression is AdfRegression.ConstantTrend ? 1 : regression is AdfRegression.ConstantQuadraticTrend ? 2 : 0;
        int p = 1 + trendColumns + lags;
        int column = levelFirst ? 1 : 0;
        x.Slice(start, rows).CopyTo(design.Slice((levelFirst ? 0 : p - 1) * rows, rows)); // x_(t-1): diff[k] = x[k+1] - x[k]
        if (trendColumns > 0)
        {
            Span<double> trend = design.Slice(column++ * rows, rows);
            for (int i = 0; i < rows; i++) trend[i] = i + 1;
            if (trendColumns > 1)
            {
                Span<double> square = design.Slice(column++ * rows, rows);
                for (int i = 0; i < rows; i++) square[i] = (i + 1.0) * (i + 1.0);
            }
        }

        for (int l = 1; l <= lags; l++) diff.Slice(start - l, rows).CopyTo(design.Slice(column++ * rows, rows));
        diff.Slice(start, rows).CopyTo(design.Slice(p * rows, rows));
    }

    private static AdfResult Failed(StatisticStatus status, string reason, AdfRegression regression) =>
        new() { Status = status, Reason = reason, Regression = regression };
}
