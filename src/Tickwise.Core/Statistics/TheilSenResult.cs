namespace Tickwise.Core.Statistics;

/// <summary>A Theil-Sen line: the median pairwise slope, an intercept and, on request, Sen's confidence interval of the slope.</summary>
/// <remarks>When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>, the numbers are NaN and
/// <see cref="Reason"/> says why. <see cref="LowSlope"/> and <see cref="HighSlope"/> are NaN unless an interval was asked for.</remarks>
/// <param name="Status">Whether the line could be computed.</param>
/// <param name="Reason">Why not, or null.</param>
/// <param name="Slope">The median of the slopes (y_j - y_i) / (x_j - x_i) over the pairs with x_i &lt; x_j.</param>
/// <param name="Intercept">The intercept, by the chosen <see cref="TheilSenIntercept"/>.</param>
/// <param name="LowSlope">The lower end of Sen's (1968) confidence interval of the slope, or NaN.</param>
/// <param name="HighSlope">The upper end of that interval, or NaN.</param>
/// <param name="PairCount">The number of slopes the median was taken over (all pairs with distinct x, or the sampled ones).</param>
public readonly record struct TheilSenResult(StatisticStatus Status, string? Reason, double Slope, double Intercept,
    double LowSlope, double HighSlope, long PairCount)
{
    internal static TheilSenResult Failed(StatisticStatus status, string reason) =>
        new(status, reason, double.NaN, double.NaN, double.NaN, double.NaN, 0);
}
