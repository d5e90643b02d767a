namespace Tickwise.Core.Statistics;

/// <summary>The outcome of an Engle-Granger two-step cointegration test of y on x.</summary>
/// <remarks>
/// <para>A small (very negative) statistic and a small p-value reject "no cointegration": y - (slope x + intercept)
/// is stationary. When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>, the numbers are NaN and
/// <see cref="Reason"/> says why.</para>
/// <para>When y and x are (almost) perfectly collinear (R² ≥ 1 - 100 √ε) the test is not reliable: as statsmodels,
/// the statistic is -∞ and the p-value 0, and <see cref="Reason"/> carries that warning although the status is Ok.</para>
/// </remarks>
public sealed record EngleGrangerResult
{
    /// <summary>Gets whether the test could be computed.</summary>
    public required StatisticStatus Status { get; init; }

    /// <summary>Gets why the test failed, a warning (see remarks), or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the deterministic terms of the cointegrating regression.</summary>
    public required AdfRegression Regression { get; init; }

    /// <summary>Gets the ADF statistic of the residuals (no deterministic term in that ADF regression).</summary>
    public double Statistic { get; init; } = double.NaN;

    /// <summary>Gets MacKinnon's (1994) approximate p-value for two series.</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>Gets MacKinnon's (2010) 1% critical value for two series (NaN without deterministic term).</summary>
    public double CriticalValue1 { get; init; } = double.NaN;

    /// <summary>Gets the 5% critical value.</summary>
    public double CriticalValue5 { get; init; } = double.NaN;

    /// <summary>Gets the 10% critical value.</summary>
    public double CriticalValue10 { get; init; } = double.NaN;

    /// <summary>Gets the slope of y on x in the first step: the hedge ratio.</summary>
    public double HedgeRatio { get; init; } = double.NaN;

    /// <summary>Gets the intercept of the first step (0 without deterministic term).</summary>
    public double Intercept { get; init; } = double.NaN;

    /// <summary>Gets the number of lagged differences in the residual ADF regression.</summary>
    public int UsedLag { get; init; }

    /// <summary>Gets the number of observations of the first-step regression.</summary>
    public int Observations { get; init; }
}
