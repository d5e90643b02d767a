using Tickwise.Core.Statistics;

namespace Tickwise.Core.Pairs;

/// <summary>One estimate of the relation A ≈ HedgeRatio · B + Intercept.</summary>
/// <remarks>When <see cref="Status"/> is not <see cref="StatisticStatus.Ok"/>, both numbers are NaN.</remarks>
/// <param name="Method">How it was estimated.</param>
/// <param name="Status">Whether it is defined.</param>
/// <param name="HedgeRatio">Units of B per unit of A (the slope β).</param>
/// <param name="Intercept">The constant α.</param>
public readonly record struct HedgeEstimate(HedgeMethod Method, StatisticStatus Status, double HedgeRatio, double Intercept)
{
    /// <summary>Returns an undefined estimate with the given status.</summary>
    public static HedgeEstimate Undefined(HedgeMethod method, StatisticStatus status) => new(method, status, double.NaN, double.NaN);
}
