namespace Tickwise.Core.Analytics;

/// <summary>Settings of <see cref="SupportResistance"/>.</summary>
public sealed record SupportResistanceOptions
{
    /// <summary>Gets the bars left of a pivot that must be strictly lower (swing high) or higher (swing low). Default 2.</summary>
    public int LeftBars { get; init; } = 2;

    /// <summary>Gets the bars right of a pivot that must not exceed it; a pivot is confirmed only once they closed. Default 2.</summary>
    public int RightBars { get; init; } = 2;

    /// <summary>Gets the width of a cluster, in percent of its lowest pivot price. Default 0.5.</summary>
    public double TolerancePercent { get; init; } = 0.5;

    /// <summary>Gets the fewest touches a level needs to be reported. Default 1.</summary>
    public int MinTouches { get; init; } = 1;

    /// <summary>Gets the age in bars at which a touch counts half in <see cref="PriceLevel.Strength"/>; infinity (the
    /// default) weighs every touch 1.</summary>
    public double RecencyHalfLifeBars { get; init; } = double.PositiveInfinity;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the exception names it).</exception>
    public void Validate()
    {
        if (LeftBars < 1) throw new ArgumentOutOfRangeException(nameof(LeftBars), LeftBars, "A pivot needs at least one bar on its left.");
        if (RightBars < 1) throw new ArgumentOutOfRangeException(nameof(RightBars), RightBars, "A pivot needs at least one bar on its right.");
        if (!(TolerancePercent >= 0) || double.IsPositiveInfinity(TolerancePercent))
            throw new ArgumentOutOfRangeException(nameof(TolerancePercent), TolerancePercent, "The tolerance must be finite and not negative.");
        if (MinTouches < 1) throw new ArgumentOutOfRangeException(nameof(MinTouches), MinTouches, "A level needs at least one touch.");
        if (!(RecencyHalfLifeBars > 0)) throw new ArgumentOutOfRangeException(nameof(RecencyHalfLifeBars), RecencyHalfLifeBars, "The half-life must be positive.");
    }
}
