using System.Collections.Concurrent;
using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>One symbol's live feed state: its channel names (built once, so the ingest thread allocates none), its last
/// price and its bars in progress.</summary>
/// <remarks>
/// The bars in progress come from a <see cref="SymbolBarAggregator"/> over the pipeline's intervals plus any other
/// interval a client subscribed to. Adding an interval restarts the aggregator, so every bar in progress of the symbol
/// starts again from the next trade (partial until the next bar boundary). <see cref="Lock"/> guards everything but the
/// channel names and <see cref="LastPriceRaw"/>: the ingest thread updates, the hub's timer flushes throttled updates.
/// </remarks>
internal sealed class SymbolFeed
{
    private readonly ConcurrentDictionary<Interval, string> _barChannels = new();

    /// <summary>Creates the state, with bars in progress for the pipeline's intervals.</summary>
    public SymbolFeed(Symbol symbol, IReadOnlyCollection<Interval> pipelineIntervals)
    {
        Symbol = symbol;
        TradesChannel = $"trades:{symbol}";
        QuotesChannel = $"quotes:{symbol}";
        PipelineIntervals = pipelineIntervals;
        Intervals = [];
        Channels = [];
        LastSentTicks = [];
        OpenBars = [];
        if (pipelineIntervals.Count > 0) Rebuild([.. pipelineIntervals]);
    }

    /// <summary>The symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary><c>trades:SYMBOL</c>.</summary>
    public string TradesChannel { get; }

    /// <summary><c>quotes:SYMBOL</c>.</summary>
    public string QuotesChannel { get; }

    /// <summary>The intervals whose closed bars the pipeline announces (the feed announces the others itself).</summary>
    public IReadOnlyCollection<Interval> PipelineIntervals { get; }

    /// <summary>The latest trade price (raw fixed point), 0 before the first; written with <see cref="Volatile"/>.</summary>
    public long LastPriceRaw;

    /// <summary>Guards the bar state below.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The aggregator of the bars in progress, or null before any interval is wanted.</summary>
    public SymbolBarAggregator? Aggregator { get; private set; }

    /// <summary>The aggregator's intervals, shortest first.</summary>
    public Interval[] Intervals { get; private set; }

    /// <summary>The bars channel of each interval.</summary>
    public string[] Channels { get; private set; }

    /// <summary>When each interval's last bar_update was sent (Stopwatch ticks).</summary>
    public long[] LastSentTicks { get; private set; }

    /// <summary>Room for the bars in progress.</summary>
    public Bar[] OpenBars { get; private set; }

    /// <summary>True when a trade changed the bars since the last flush.</summary>
    public bool Dirty { get; set; }

    /// <summary>Returns <c>bars:SYMBOL:INTERVAL</c>, cached.</summary>
    public string BarsChannel(Interval interval) =>
        _barChannels.TryGetValue(interval, out string? name) ? name : _barChannels.GetOrAdd(interval, static (i, s) => $"bars:{s}:{i}", Symbol);

    /// <summary>Returns the index of <paramref name="interval"/> among <see cref="Intervals"/>, or -1.</summary>
    public int IndexOf(Interval interval)
    {
        for (int i = 0; i < Intervals.Length; i++)
        {
            if (Intervals[i] == interval) return i;
        }
        return -1;
    }

    /// <summary>Adds an interval (restarting the bars in progress); call under <see cref="Lock"/>.</summary>
    public void AddInterval(Interval interval)
    {
        if (IndexOf(interval) >= 0) return;
        Rebuild([.. Intervals, interval]);
    }

    private void Rebuild(List<Interval> intervals)
    {
        var aggregator = new SymbolBarAggregator(Symbol, intervals);
        Aggregator = aggregator;
        Intervals = [.. aggregator.Intervals];
        Channels = [.. Intervals.Select(BarsChannel)];
        LastSentTicks = new long[Intervals.Length];
        OpenBars = new Bar[Intervals.Length];
    }
}
