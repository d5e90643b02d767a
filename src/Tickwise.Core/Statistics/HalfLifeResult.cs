namespace Tickwise.Core.Statistics;

/// <summary>The half-life of mean reversion of a series, from the regression of its changes on its lagged level.</summary>
/// <remarks>When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>, <see cref="HalfLife"/> is NaN and
/// <see cref="Reason"/> says why; <see cref="Slope"/> is still reported when the regression itself succeeded
/// (a series that drifts away has a slope ≥ 0 and status <see cref="StatisticStatus.NotMeanReverting"/>).</remarks>
/// <param name="Status">Whether the half-life is defined.</param>
/// <param name="Reason">Why not, or null.</param>
/// <param name="HalfLife">-ln 2 / slope, in steps of the series (bars).</param>
/// <param name="Slope">The coefficient of the lagged level: the reversion speed, negative when the series reverts.</param>
/// <param name="Intercept">The regression's constant.</param>
public readonly record struct HalfLifeResult(StatisticStatus Status, string? Reason, double HalfLife, double Slope, double Intercept);
