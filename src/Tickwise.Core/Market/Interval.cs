namespace Tickwise.Core.Market;

/// <summary>A bar length, such as <c>1s</c>, <c>5m</c> or <c>1d</c>.</summary>
/// <remarks>
/// Bars are aligned to multiples of the length since the Unix epoch, in UTC, so a <c>1d</c> bar opens at
/// midnight UTC and a <c>4h</c> bar at 00:00, 04:00, ... as Binance's klines do. Only lengths that divide
/// a day evenly are accepted (and <c>1d</c> itself), which keeps every boundary of a shorter interval a
/// boundary of the longer ones that it divides.
/// </remarks>
public readonly record struct Interval : IComparable<Interval>
{
    private const long DayMs = 86_400_000;

    /// <summary>Creates an interval of <paramref name="milliseconds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not a whole number of seconds dividing one day.</exception>
    public Interval(long milliseconds)
    {
        if (milliseconds < 1000 || milliseconds % 1000 != 0 || DayMs % milliseconds != 0)
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "An interval is a whole number of seconds that divides one day.");
        Milliseconds = milliseconds;
    }

    /// <summary>Length in milliseconds.</summary>
    public long Milliseconds { get; }

    public static Interval OneSecond => new(1_000);
    public static Interval OneMinute => new(60_000);
    public static Interval OneHour => new(3_600_000);
    public static Interval OneDay => new(DayMs);

    /// <summary>The intervals Tickwise builds unless told otherwise: 1s 5s 10s 15s 30s 1m 3m 5m 15m 30m 1h 4h 1d.</summary>
    public static IReadOnlyList<Interval> Standard { get; } =
        [.. new[] { "1s", "5s", "10s", "15s", "30s", "1m", "3m", "5m", "15m", "30m", "1h", "4h", "1d" }.Select(Parse)];

    /// <summary>Returns the open time of the bar that holds <paramref name="timestampMs"/>.</summary>
    public long FloorMs(long timestampMs)
    {
        long remainder = timestampMs % Milliseconds;
        return remainder >= 0 ? timestampMs - remainder : timestampMs - remainder - Milliseconds;
    }

    /// <summary>Parses <c>&lt;n&gt;s|m|h|d</c>, as in <c>15m</c>. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Interval interval)
    {
        interval = default;
        if (text.Length < 2 || text.Length > 6) return false;
        long unitMs = text[^1] switch { 's' => 1_000, 'm' => 60_000, 'h' => 3_600_000, 'd' => DayMs, _ => 0 };
        if (unitMs == 0 || !long.TryParse(text[..^1], System.Globalization.NumberStyles.None, null, out long count) || count <= 0) return false;
        long ms = count * unitMs;
        if (ms > DayMs || DayMs % ms != 0) return false;
        interval = new Interval(ms);
        return true;
    }

    /// <summary>Parses <c>&lt;n&gt;s|m|h|d</c>.</summary>
    /// <exception cref="FormatException">The text is not an interval that divides a day.</exception>
    public static Interval Parse(string text) =>
        TryParse(text, out Interval value) ? value : throw new FormatException($"'{text}' is not an interval: use <n>s, <n>m, <n>h or 1d dividing a day, such as 1s, 5m, 1h, 4h, 1d.");

    /// <inheritdoc/>
    public int CompareTo(Interval other) => Milliseconds.CompareTo(other.Milliseconds);

    /// <summary>Returns the shortest name, as in <c>1m</c> rather than <c>60s</c>.</summary>
    public override string ToString() =>
        Milliseconds % DayMs == 0 ? $"{Milliseconds / DayMs}d"
        : Milliseconds % 3_600_000 == 0 ? $"{Milliseconds / 3_600_000}h"
        : Milliseconds % 60_000 == 0 ? $"{Milliseconds / 60_000}m"
        : $"{Milliseconds / 1_000}s";
}
