using Tickwise.Core.Market;

namespace Tickwise.Core.Analytics;

/// <summary>Settings of a <see cref="CrossoverTracker"/>.</summary>
public sealed record CrossoverTrackerOptions
{
    /// <summary>Gets the interval of the bars whose closes feed the average; bars of other intervals are ignored. Default 1 minute.</summary>
    public Interval BarInterval { get; init; } = Interval.OneMinute;

    /// <summary>Gets the number of closed bars the simple moving average spans. Default 5 (five minutes of 1m bars).</summary>
    public int SmaBars { get; init; } = 5;

    /// <summary>Gets the half-width of the neutral band around the average, in basis points of the average. Default 0:
    /// only an exact tie is neutral.</summary>
    public double NeutralBandBps { get; init; }

    /// <summary>Gets the book-pressure tolerance: the |micro-price - mid| as a fraction of the half spread (that is, the
    /// absolute quantity imbalance) at or below which the pressure is neutral, in [0, 1). Default 0.1.</summary>
    public double PressureTolerance { get; init; } = 0.1;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the exception names it).</exception>
    public void Validate()
    {
        if (BarInterval.Milliseconds <= 0) throw new ArgumentOutOfRangeException(nameof(BarInterval), BarInterval, "The bar interval must be positive.");
        if (SmaBars < 1) throw new ArgumentOutOfRangeException(nameof(SmaBars), SmaBars, "The average needs at least one bar.");
        if (!(NeutralBandBps >= 0) || double.IsPositiveInfinity(NeutralBandBps))
            throw new ArgumentOutOfRangeException(nameof(NeutralBandBps), NeutralBandBps, "The band must be finite and not negative.");
        if (!(PressureTolerance >= 0 && PressureTolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(PressureTolerance), PressureTolerance, "The tolerance must lie in [0, 1).");
    }
}
