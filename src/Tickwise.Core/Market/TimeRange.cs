namespace Tickwise.Core.Market;

/// <summary>A half-open span of time <c>[FromMs, ToMs)</c> in Unix epoch milliseconds.</summary>
public readonly record struct TimeRange
{
    /// <summary>Creates a range.</summary>
    /// <exception cref="ArgumentException"><paramref name="fromMs"/> is after <paramref name="toMs"/>.</exception>
    public TimeRange(long fromMs, long toMs)
    {
        if (fromMs > toMs) throw new ArgumentException($"The range starts at {fromMs}, after its end {toMs}.", nameof(fromMs));
        FromMs = fromMs;
        ToMs = toMs;
    }

    public long FromMs { get; }
    public long ToMs { get; }

    /// <summary>All of time.</summary>
    public static TimeRange All => new(long.MinValue, long.MaxValue);

    public bool Contains(long timestampMs) => timestampMs >= FromMs && timestampMs < ToMs;
}
