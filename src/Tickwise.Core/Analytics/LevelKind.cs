namespace Tickwise.Core.Analytics;

/// <summary>Whether a price level lies below the last close (support) or above it (resistance).</summary>
public enum LevelKind
{
    /// <summary>At or below the last close.</summary>
    Support = 0,

    /// <summary>Above the last close.</summary>
    Resistance,
}
