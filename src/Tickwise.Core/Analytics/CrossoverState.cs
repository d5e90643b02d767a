namespace Tickwise.Core.Analytics;

/// <summary>Where the mid price stands against its moving average.</summary>
public enum CrossoverState
{
    /// <summary>Within the neutral band of the average, or the average is not ready yet.</summary>
    Neutral = 0,

    /// <summary>Above the average (beyond the band).</summary>
    Over,

    /// <summary>Below the average (beyond the band).</summary>
    Under,
}
