using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>Bars in progress of one symbol for a set of intervals, from one <see cref="SymbolBarAggregator"/>, with the
/// throttle state of each interval's bar_update.</summary>
/// <remarks>Guarded by the owning <see cref="SymbolFeed.Lock"/>.</remarks>
internal sealed class BarGroup
{
    /// <summary>Creates the group for <paramref name="intervals"/> of the feed's symbol.</summary>
    public BarGroup(SymbolFeed feed, IReadOnlyList<Interval> intervals)
    {
        Aggregator = new SymbolBarAggregator(feed.Symbol, intervals);
        Intervals = [.. Aggregator.Intervals];
        Channels = [.. Intervals.Select(feed.BarsChannel)];
        LastSentTicks = new long[Intervals.Length];
        OpenBars = new Bar[Intervals.Length];
    }

    /// <summary>The aggregator.</summary>
    public SymbolBarAggregator Aggregator { get; }

    /// <summary>Its intervals, shortest first.</summary>
    public Interval[] Intervals { get; }

    /// <summary>The bars channel of each interval.</summary>
    public string[] Channels { get; }

    /// <summary>When each interval's last bar_update was sent (Stopwatch ticks).</summary>
    public long[] LastSentTicks { get; }

    /// <summary>Room for the bars in progress.</summary>
    public Bar[] OpenBars { get; }

    /// <summary>Returns the index of <paramref name="interval"/>, or -1.</summary>
    public int IndexOf(Interval interval) => Array.IndexOf(Intervals, interval);
}
