namespace Tickwise.Core.Statistics;

/// <summary>The fit of an ordinary least-squares regression: coefficients, their standard errors and fit statistics.</summary>
/// <remarks>
/// <para>Coefficients are in the order of the regressors, preceded by the intercept when the model has one.</para>
/// <para>R² is centered (1 - SSR / sum (y - mean)²) with an intercept and uncentered (1 - SSR / sum y²) without,
/// as NIST StRD certifies for its no-intercept data sets. Standard errors are the classical ones,
/// <c>s sqrt(diag((X'X)^-1))</c> with <c>s² = SSR / (n - k)</c>.</para>
/// <para>When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>, every number is NaN and
/// <see cref="Reason"/> says why.</para>
/// </remarks>
public sealed class OlsResult
{
    internal OlsResult(StatisticStatus status, string? reason, bool hasIntercept, int observations, int parameterCount,
        double[] coefficients, double[] standardErrors, double[] residuals, double residualSumOfSquares, double totalSumOfSquares)
    {
        Status = status;
        Reason = reason;
        HasIntercept = hasIntercept;
        Observations = observations;
        ParameterCount = parameterCount;
        Coefficients = coefficients;
        StandardErrors = standardErrors;
        Residuals = residuals;
        ResidualSumOfSquares = residualSumOfSquares;
        TotalSumOfSquares = totalSumOfSquares;
        var t = new double[coefficients.Length];
        for (int i = 0; i < t.Length; i++) t[i] = coefficients[i] / standardErrors[i];
        TValues = t;
    }

    internal static OlsResult Failed(StatisticStatus status, string reason, bool hasIntercept, int observations, int parameterCount)
    {
        var nan = new double[parameterCount];
        Array.Fill(nan, double.NaN);
        return new OlsResult(status, reason, hasIntercept, observations, parameterCount, nan, nan, [], double.NaN, double.NaN);
    }

    /// <summary>Gets whether the fit succeeded.</summary>
    public StatisticStatus Status { get; }

    /// <summary>Gets why the fit failed, or null when it succeeded.</summary>
    public string? Reason { get; }

    /// <summary>Gets whether the model has an intercept (then <see cref="Coefficients"/>[0] is it).</summary>
    public bool HasIntercept { get; }

    /// <summary>Gets the number of observations n.</summary>
    public int Observations { get; }

    /// <summary>Gets the number of estimated coefficients k, the intercept included.</summary>
    public int ParameterCount { get; }

    /// <summary>Gets the residual degrees of freedom, n - k.</summary>
    public int DegreesOfFreedom => Observations - ParameterCount;

    /// <summary>Gets the coefficients: the intercept first when there is one, then one per regressor.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Gets the classical standard error of each coefficient.</summary>
    public IReadOnlyList<double> StandardErrors { get; }

    /// <summary>Gets the t statistic of each coefficient (coefficient over standard error).</summary>
    public IReadOnlyList<double> TValues { get; }

    /// <summary>Gets the residuals y - fitted, one per observation (empty when the fit failed).</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>Gets the residual sum of squares.</summary>
    public double ResidualSumOfSquares { get; }

    /// <summary>Gets the total sum of squares the R² is relative to: centered with an intercept, uncentered without.</summary>
    public double TotalSumOfSquares { get; }

    /// <summary>Gets the residual standard deviation, sqrt(SSR / (n - k)).</summary>
    public double ResidualStdDev => Math.Sqrt(ResidualSumOfSquares / DegreesOfFreedom);

    /// <summary>Gets R², centered with an intercept and uncentered without (see remarks); NaN when y is constant
    /// (with an intercept) or all zeros (without), where the share of variation explained is undefined.</summary>
    public double RSquared => TotalSumOfSquares > 0 ? 1 - ResidualSumOfSquares / TotalSumOfSquares : double.NaN;

    /// <summary>Gets R² adjusted for the degrees of freedom.</summary>
    public double AdjustedRSquared =>
        1 - (1 - RSquared) * (Observations - (HasIntercept ? 1 : 0)) / DegreesOfFreedom;

    /// <summary>Gets the Gaussian log-likelihood at the estimate, <c>-n/2 (ln 2π + ln(SSR/n) + 1)</c>.</summary>
    public double LogLikelihood =>
        -Observations / 2.0 * (Math.Log(2 * Math.PI) + Math.Log(ResidualSumOfSquares / Observations) + 1);

    /// <summary>Gets Akaike's information criterion, <c>-2 llf + 2k</c> (statsmodels' convention).</summary>
    public double Aic => -2 * LogLikelihood + 2 * ParameterCount;

    /// <summary>Gets the Bayesian information criterion, <c>-2 llf + k ln n</c>.</summary>
    public double Bic => -2 * LogLikelihood + ParameterCount * Math.Log(Observations);
}
