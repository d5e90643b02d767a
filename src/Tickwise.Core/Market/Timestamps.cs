namespace Tickwise.Core.Market;

/// <summary>Checks and conversions for Unix epoch timestamps.</summary>
public static class Timestamps
{
    /// <summary>2000-01-01T00:00:00Z in milliseconds.</summary>
    public const long MinPlausibleMs = 946_684_800_000;

    /// <summary>2100-01-01T00:00:00Z in milliseconds.</summary>
    public const long MaxPlausibleMs = 4_102_444_800_000;

    /// <summary>True for a millisecond timestamp in this century: anything else is a unit mistake or garbage.</summary>
    public static bool IsPlausibleMs(long timestampMs) => timestampMs is >= MinPlausibleMs and < MaxPlausibleMs;

    /// <summary>
    /// Converts a timestamp that is in milliseconds or microseconds to milliseconds, telling them apart by magnitude
    /// (Binance's spot dumps switched to microseconds in 2025). Returns false for anything not plausible in either unit.
    /// </summary>
    public static bool TryNormalizeToMs(long timestamp, out long timestampMs)
    {
        if (IsPlausibleMs(timestamp)) { timestampMs = timestamp; return true; }
        long fromMicros = timestamp / 1000;
        if (timestamp % 1000 >= 0 && IsPlausibleMs(fromMicros) && timestamp >= MinPlausibleMs * 1000) { timestampMs = fromMicros; return true; }
        timestampMs = 0;
        return false;
    }

    /// <summary>Returns ISO-8601 UTC text, as in <c>2024-08-08T23:54:15.342Z</c>.</summary>
    public static string ToIso(long timestampMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
