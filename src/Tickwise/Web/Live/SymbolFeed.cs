using System.Collections.Concurrent;
using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>One symbol's live feed state: its channel names (built once, so the ingest thread allocates none), its last
/// price and its bars in progress.</summary>
/// <remarks>
/// The bars in progress come from one <see cref="BarGroup"/> over the pipeline's intervals, kept from the symbol's first
/// trade, and one more group per other interval a client subscribed to, started at the subscription (its first bar is
/// partial), so that adding an interval never disturbs the bars already in progress. <see cref="Lock"/> guards the
/// groups and <see cref="Dirty"/>: the ingest thread updates them, the hub's timer flushes throttled updates.
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
        if (pipelineIntervals.Count > 0) Groups.Add(new BarGroup(this, [.. pipelineIntervals]));
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

    /// <summary>Guards the groups and <see cref="Dirty"/>.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The bars in progress, by aggregator.</summary>
    public List<BarGroup> Groups { get; } = [];

    /// <summary>True when a trade changed the bars since the last flush.</summary>
    public bool Dirty { get; set; }

    /// <summary>Returns <c>bars:SYMBOL:INTERVAL</c>, cached.</summary>
    public string BarsChannel(Interval interval) =>
        _barChannels.TryGetValue(interval, out string? name) ? name : _barChannels.GetOrAdd(interval, static (i, s) => $"bars:{s}:{i}", Symbol);

    /// <summary>Returns the group and index of <paramref name="interval"/>, adding a group for it when none has it; under <see cref="Lock"/>.</summary>
    public (BarGroup Group, int Index) Find(Interval interval)
    {
        foreach (BarGroup group in Groups)
        {
            int index = group.IndexOf(interval);
            if (index >= 0) return (group, index);
        }
        var added = new BarGroup(this, [interval]);
        Groups.Add(added);
        return (added, 0);
    }
}
