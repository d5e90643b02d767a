namespace Tickwise.Core.Statistics;

/// <summary>The fit of a Huber M-estimator regression (<see cref="Huber"/>).</summary>
/// <remarks>
/// <para>Coefficients are in the order of the regressors, preceded by the intercept when the model has one
/// (statsmodels puts an appended constant last: reorder when comparing).</para>
/// <para>When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>, every number is NaN, the arrays of
/// observations are empty, and <see cref="Reason"/> says why.</para>
/// </remarks>
public sealed class HuberResult
{
    internal HuberResult(StatisticStatus status, string? reason, bool hasIntercept, int observations, double[] coefficients,
        double[] standardErrors, double[] residuals, double[] weights, double scale, int iterations, bool converged)
    {
        Status = status;
        Reason = reason;
        HasIntercept = hasIntercept;
        Observations = observations;
        Coefficients = coefficients;
        StandardErrors = standardErrors;
        Residuals = residuals;
        Weights = weights;
        Scale = scale;
        Iterations = iterations;
        Converged = converged;
    }

    internal static HuberResult Failed(StatisticStatus status, string reason, bool hasIntercept, int observations, int parameterCount)
    {
        var nan = new double[parameterCount];
        Array.Fill(nan, double.NaN);
        return new HuberResult(status, reason, hasIntercept, observations, nan, nan, [], [], double.NaN, 0, false);
    }

    /// <summary>Gets whether the fit succeeded.</summary>
    public StatisticStatus Status { get; }

    /// <summary>Gets why the fit failed, or null when it succeeded.</summary>
    public string? Reason { get; }

    /// <summary>Gets whether the model has an intercept (then <see cref="Coefficients"/>[0] is it).</summary>
    public bool HasIntercept { get; }

    /// <summary>Gets the number of observations.</summary>
    public int Observations { get; }

    /// <summary>Gets the coefficients: the intercept first when there is one, then one per regressor.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Gets the standard errors from statsmodels' "H1" covariance (Huber's small-sample correction).</summary>
    public IReadOnlyList<double> StandardErrors { get; }

    /// <summary>Gets the residuals y - fitted (empty when the fit failed).</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>Gets the final IRLS weight of each observation, min(1, c / |r / scale|) (empty when the fit failed).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Gets the robust scale: the MAD of the residuals about zero, divided by Φ⁻¹(3/4).</summary>
    public double Scale { get; }

    /// <summary>Gets the number of fits made, the starting least-squares fit included (statsmodels' <c>iteration</c>).</summary>
    public int Iterations { get; }

    /// <summary>Gets whether the deviance settled within the tolerance before the iteration limit.</summary>
    public bool Converged { get; }
}
