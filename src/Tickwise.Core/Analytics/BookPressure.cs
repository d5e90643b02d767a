namespace Tickwise.Core.Analytics;

/// <summary>Which side of the best quote the micro-price leans to.</summary>
/// <remarks>The micro-price sits nearer the side with the <em>smaller</em> quantity (it weights each price by the
/// opposite side's quantity): <see cref="Bid"/> means the bid is thin relative to the ask.</remarks>
public enum BookPressure
{
    /// <summary>The micro-price is within the tolerance of the mid, or undefined.</summary>
    Neutral = 0,

    /// <summary>The micro-price is closer to the bid than the tolerance allows.</summary>
    Bid,

    /// <summary>The micro-price is closer to the ask than the tolerance allows.</summary>
    Ask,
}
