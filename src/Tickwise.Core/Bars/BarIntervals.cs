using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>Checks and orders the interval sets that the aggregators are configured with.</summary>
internal static class BarIntervals
{
    /// <summary>Returns the intervals ascending, without duplicates.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="intervals"/> is null.</exception>
    /// <exception cref="ArgumentException">The set is empty or holds <c>default(Interval)</c>.</exception>
    public static Interval[] Normalize(IReadOnlyList<Interval> intervals, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(intervals, parameterName);
        if (intervals.Count == 0) throw new ArgumentException("At least one interval is needed.", parameterName);
        var sorted = new List<Interval>(intervals.Count);
        for (int i = 0; i < intervals.Count; i++)
        {
            Interval interval = intervals[i];
            if (interval.Milliseconds == 0) throw new ArgumentException($"Interval {i} is default(Interval), which has no length.", parameterName);
            if (!sorted.Contains(interval)) sorted.Add(interval);
        }
        sorted.Sort();
        return [.. sorted];
    }

    /// <summary>Returns the greatest common divisor of the (non-empty) intervals: itself an interval, since each divides a day.</summary>
    public static Interval GreatestCommonDivisor(ReadOnlySpan<Interval> intervals)
    {
        long gcd = intervals[0].Milliseconds;
        for (int i = 1; i < intervals.Length; i++)
        {
            long b = intervals[i].Milliseconds;
            while (b != 0) (gcd, b) = (b, gcd % b);
        }
        // Every length is a whole number of seconds dividing a day, so their divisor is one too.
        return new Interval(gcd);
    }
}
