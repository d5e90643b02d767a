namespace Tickwise.Core.Statistics;

/// <summary>The outcome of an augmented Dickey-Fuller test.</summary>
/// <remarks>A small (very negative) statistic and a small p-value reject the unit root: the series is
/// stationary around its deterministic terms. When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>,
/// the numbers are NaN and <see cref="Reason"/> says why.</remarks>
public sealed record AdfResult
{
    /// <summary>Gets whether the test could be computed.</summary>
    public required StatisticStatus Status { get; init; }

    /// <summary>Gets why the test failed, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the deterministic terms of the regression.</summary>
    public required AdfRegression Regression { get; init; }

    /// <summary>Gets the test statistic: the t-value of the coefficient on the lagged level.</summary>
    public double Statistic { get; init; } = double.NaN;

    /// <summary>Gets MacKinnon's (1994) approximate p-value of the statistic.</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>Gets the number of lagged differences in the regression.</summary>
    public int UsedLag { get; init; }

    /// <summary>Gets the number of observations in the final regression (series length - 1 - used lag).</summary>
    public int Observations { get; init; }

    /// <summary>Gets MacKinnon's (2010) 1% critical value for <see cref="Observations"/>.</summary>
    public double CriticalValue1 { get; init; } = double.NaN;

    /// <summary>Gets MacKinnon's (2010) 5% critical value for <see cref="Observations"/>.</summary>
    public double CriticalValue5 { get; init; } = double.NaN;

    /// <summary>Gets MacKinnon's (2010) 10% critical value for <see cref="Observations"/>.</summary>
    public double CriticalValue10 { get; init; } = double.NaN;

    /// <summary>Gets the best information criterion of the lag search (on the common sample), or NaN for a fixed lag.</summary>
    public double BestInformationCriterion { get; init; } = double.NaN;
}
