using Tickwise.Core.Statistics;

namespace Tickwise.Core.Pairs;

/// <summary>One pair's statistics over a whole window of aligned closes, computed in one pass of batch estimators.</summary>
/// <remarks>
/// <para>Leg A is regressed on leg B on prices as given (not logs). The spread is A - (beta·B + alpha) with the chosen
/// method's beta and alpha; <see cref="HedgeMethod.Kalman"/> runs the filter through the window and takes its final
/// state; <see cref="HedgeMethod.TheilSen"/> is exact up to <see cref="ExactTheilSenLimit"/> points and sampled with a
/// fixed seed beyond; <see cref="HedgeMethod.RollingOls"/> over a whole window equals window OLS and is computed as such.</para>
/// <para>The ADF test runs on the OLS residual spread whatever the hedge method (its critical values are the plain
/// ADF ones; the Engle-Granger test is <see cref="EngleGranger"/>), with the given deterministic terms and lag choice.</para>
/// <para>Bad input (NaN, non-positive prices for the returns, constant or too short series) gives NaN values with a
/// status and a reason, never an exception.</para>
/// </remarks>
public static class PairWindowAnalysis
{
    /// <summary>Theil-Sen is exact up to this many points (about 2 million pairwise slopes), sampled beyond.</summary>
    public const int ExactTheilSenLimit = 2_000;

    /// <summary>Analyses the window.</summary>
    /// <param name="a">Leg A's closes, oldest first.</param>
    /// <param name="b">Leg B's closes at the same times.</param>
    /// <param name="method">The hedge method of the spread.</param>
    /// <param name="adfRegression">The ADF test's deterministic terms.</param>
    /// <param name="adfMaxLag">The ADF test's largest lag, or null for Schwert's default.</param>
    /// <param name="adfLagSelection">How the ADF lag is chosen.</param>
    /// <exception cref="ArgumentException">The legs differ in length.</exception>
    public static PairWindowResult Analyze(ReadOnlySpan<double> a, ReadOnlySpan<double> b, HedgeMethod method = HedgeMethod.WindowOls,
        AdfRegression adfRegression = AdfRegression.Constant, int? adfMaxLag = null, AdfLagSelection adfLagSelection = AdfLagSelection.Aic)
    {
        if (a.Length != b.Length) throw new ArgumentException($"The legs differ in length: a {a.Length}, b {b.Length}.", nameof(b));
        int n = a.Length;
        double[] legA = a.ToArray(), legB = b.ToArray();

        OlsResult ols = Ols.Fit(legA, [legB]);
        AdfResult adf = ols.Status == StatisticStatus.Ok
            ? Statistics.Adf.Test(Residuals(legA, legB, ols.Coefficients[1], ols.Coefficients[0]), adfRegression, adfMaxLag, adfLagSelection)
            : new AdfResult { Status = ols.Status, Reason = "The OLS hedge is undefined: " + ols.Reason, Regression = adfRegression };

        (HedgeEstimate hedge, string? reason) = Estimate(method, legA, legB, ols);
        double correlation = ReturnCorrelation(legA, legB);
        if (hedge.Status != StatisticStatus.Ok)
        {
            return new PairWindowResult
            {
                Observations = n, Method = method, Status = hedge.Status, Reason = reason, Adf = adf, Correlation = correlation,
                HalfLife = new HalfLifeResult(hedge.Status, reason, double.NaN, double.NaN, double.NaN),
            };
        }

        double[] spread = Residuals(legA, legB, hedge.HedgeRatio, hedge.Intercept);
        Spread.ZScore(spread, out double z, out _, out _);
        return new PairWindowResult
        {
            Observations = n,
            Method = method,
            Status = StatisticStatus.Ok,
            HedgeRatio = hedge.HedgeRatio,
            Intercept = hedge.Intercept,
            RSquared = ExplainedShare(legA, spread),
            SpreadLast = spread[n - 1],
            ZScoreLast = z,
            Adf = adf,
            HalfLife = Statistics.HalfLife.Estimate(spread),
            Correlation = correlation,
        };
    }

    private static (HedgeEstimate Hedge, string? Reason) Estimate(HedgeMethod method, double[] a, double[] b, OlsResult ols)
    {
        switch (method)
        {
            case HedgeMethod.WindowOls or HedgeMethod.RollingOls:
                return ols.Status == StatisticStatus.Ok
                    ? (new HedgeEstimate(method, StatisticStatus.Ok, ols.Coefficients[1], ols.Coefficients[0]), null)
                    : (HedgeEstimate.Undefined(method, ols.Status), ols.Reason);
            case HedgeMethod.Huber:
                HuberResult huber = Statistics.Huber.Fit(a, [b]);
                return huber.Status == StatisticStatus.Ok
                    ? (new HedgeEstimate(method, StatisticStatus.Ok, huber.Coefficients[1], huber.Coefficients[0]), null)
                    : (HedgeEstimate.Undefined(method, huber.Status), huber.Reason);
            case HedgeMethod.TheilSen:
                TheilSenResult theilSen = a.Length <= ExactTheilSenLimit ? Statistics.TheilSen.Fit(b, a) : Statistics.TheilSen.FitSampled(b, a);
                return theilSen.Status == StatisticStatus.Ok
                    ? (new HedgeEstimate(method, StatisticStatus.Ok, theilSen.Slope, theilSen.Intercept), null)
                    : (HedgeEstimate.Undefined(method, theilSen.Status), theilSen.Reason);
            case HedgeMethod.Kalman:
                var kalman = new KalmanHedge();
                for (int i = 0; i < a.Length; i++) kalman.Update(b[i], a[i]);
                return kalman.IsReady
                    ? (new HedgeEstimate(method, StatisticStatus.Ok, kalman.Slope, kalman.Intercept), null)
                    : (HedgeEstimate.Undefined(method, kalman.Status), $"The Kalman filter needs {kalman.WarmUpPeriod} valid points; it has {kalman.SampleCount}.");
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown hedge method.");
        }
    }

    private static double[] Residuals(double[] a, double[] b, double beta, double alpha)
    {
        var spread = new double[a.Length];
        Spread.Compute(a, b, new HedgeEstimate(HedgeMethod.WindowOls, StatisticStatus.Ok, beta, alpha), spread);
        return spread;
    }

    private static double ExplainedShare(double[] a, double[] spread)
    {
        double mean = 0;
        foreach (double v in a) mean += v;
        mean /= a.Length;
        double total = 0, residual = 0;
        for (int i = 0; i < a.Length; i++)
        {
            total += (a[i] - mean) * (a[i] - mean);
            residual += spread[i] * spread[i];
        }
        return total > 0 ? 1 - residual / total : double.NaN;
    }

    private static double ReturnCorrelation(double[] a, double[] b)
    {
        if (a.Length < 3) return double.NaN;
        var ra = new double[a.Length - 1];
        var rb = new double[a.Length - 1];
        for (int i = 1; i < a.Length; i++)
        {
            if (!(a[i] > 0 && a[i - 1] > 0 && b[i] > 0 && b[i - 1] > 0)) return double.NaN;
            ra[i - 1] = Math.Log(a[i] / a[i - 1]);
            rb[i - 1] = Math.Log(b[i] / b[i - 1]);
        }
        return Statistics.Correlation.TryPearson(ra, rb, out double r) == StatisticStatus.Ok ? r : double.NaN;
    }
}
