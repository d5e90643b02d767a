namespace Tickwise.Core.Analytics;

/// <summary>A support or resistance level: a cluster of swing highs and lows at about the same price.</summary>
/// <param name="Price">The mean price of the clustered pivots.</param>
/// <param name="Kind">Support or resistance, relative to the last close.</param>
/// <param name="Touches">The pivots in the cluster (swing highs and lows).</param>
/// <param name="HighTouches">The swing highs among them.</param>
/// <param name="LowTouches">The swing lows among them.</param>
/// <param name="Strength">The touches weighted by recency, 0.5^(age / half-life) each (age in bars from the last bar);
/// equal to <paramref name="Touches"/> without a half-life.</param>
/// <param name="Low">The lowest pivot price in the cluster.</param>
/// <param name="High">The highest pivot price in the cluster.</param>
/// <param name="FirstTouchTimeMs">The open time of the oldest pivot bar (Unix ms).</param>
/// <param name="LastTouchTimeMs">The open time of the newest pivot bar (Unix ms).</param>
public readonly record struct PriceLevel(double Price, LevelKind Kind, int Touches, int HighTouches, int LowTouches, double Strength,
    double Low, double High, long FirstTouchTimeMs, long LastTouchTimeMs);
