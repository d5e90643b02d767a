using Tickwise.Core.Bars;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>
/// Builds one symbol's bars from trades arriving in order and writes them to the store, so that the stored
/// bars always equal the bars of all the trades stored for the span they cover.
/// </summary>
/// <remarks>
/// <para>Bars are derived data: a bar is a function of the stored trades inside it. New trades can land in a
/// span that already has stored trades (a re-import, overlapping files, a restarted feed), so before the first
/// new trade the writer replays the stored trades from the start of the longest interval's bar that holds it
/// (the <i>span</i>), and at the end it checks that the store holds exactly the trades it aggregated over the
/// span. When it does not (a later file was imported first, or the input repeated itself), the span's bars are
/// rebuilt from the store.</para>
/// <para>Quiet periods between trades become flat bars, whether the trades around them came in one import or several,
/// so that the bars do not depend on the order of imports; a silence longer than <see cref="MaxSilenceMs"/> is never
/// filled. A hole in the trade ids inside a filled period is missing data that the flat bars do not show (telling the
/// two apart needs the bar quality flags of the live-stream work).</para>
/// <para>Not thread-safe; one writer per symbol, on the thread that writes the store.</para>
/// </remarks>
internal sealed class SymbolBarWriter
{
    private readonly ITickStore _store;
    private readonly IReadOnlyList<Interval> _intervals;
    private readonly Interval _longest;
    private SymbolBarAggregator _aggregator;
    private readonly Bar[] _openBars;
    private long _spanStartMs;
    private long _lastTimeMs;
    private long _priorTimeMs = long.MinValue;
    private long _aggregatedInSpan;
    private Bar[] _kept = new Bar[64];
    private readonly IMarketObserver? _observer;
    private bool _replayingStore; // bars from stored trades were announced when they first closed

    /// <summary>
    /// Longest silence bridged by flat bars. A symbol quiet for longer is taken as a gap in the data (an outage, a bogus
    /// timestamp) rather than a day without trades, and its bars start afresh: this also bounds the flat bars one trade can
    /// create (86,400 one-second bars) instead of letting a timestamp decades ahead fill memory.
    /// </summary>
    internal const long MaxSilenceMs = 86_400_000;

    /// <summary>Rebuilds read the store an hour at a time, bounding memory to an hour of trades.</summary>
    private const long RebuildWindowMs = 3_600_000;

    public SymbolBarWriter(ITickStore store, Symbol symbol, IReadOnlyList<Interval> intervals, IMarketObserver? observer = null)
    {
        _store = store;
        _observer = observer;
        Symbol = symbol;
        _aggregator = new SymbolBarAggregator(symbol, intervals);
        _intervals = _aggregator.Intervals;
        _longest = _intervals[^1];
        _openBars = new Bar[_intervals.Count];
    }

    public Symbol Symbol { get; }

    /// <summary>True once the first trade arrived.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>Bars written so far (a bar rewritten counts again).</summary>
    public long BarsWritten { get; private set; }

    /// <summary>Trades that arrived older than the current bar and changed no bar.</summary>
    public long LateTrades => _aggregator.LateTrades;

    /// <summary>True when <see cref="Finish"/> found the store held other trades in the span and rebuilt its bars.</summary>
    public bool Rebuilt { get; private set; }

    /// <summary>Applies trades (already appended to the store, or about to be) to the bars and writes the bars they closed.</summary>
    public void Add(ReadOnlySpan<Trade> trades)
    {
        if (trades.IsEmpty) return;
        if (!HasStarted) Start(trades[0]);
        Apply(trades);
        _aggregatedInSpan += trades.Length;
    }

    /// <summary>Closes every bar that ends at or before <paramref name="timestampMs"/> (flat bars for quiet intervals) and writes them.</summary>
    public void AdvanceTo(long timestampMs)
    {
        if (!HasStarted) return;
        _aggregator.AdvanceTo(timestampMs);
        WriteCompleted();
    }

    /// <summary>
    /// Writes the bars still open, joins the bars to the stored trades that follow the span when the ids are contiguous,
    /// and rebuilds the span from the store when it holds trades this writer did not see.
    /// </summary>
    public void Finish()
    {
        if (!HasStarted) return;
        long spanEndMs = _longest.FloorMs(_lastTimeMs) + _longest.Milliseconds;
        var span = new TimeRange(_spanStartMs, spanEndMs);
        if (_store.CountTrades(Symbol, span) != _aggregatedInSpan)
        {
            Rebuild(span);
        }
        JoinFollowingTrades(spanEndMs);
        WriteOpenBars();
    }

    private void Start(in Trade first)
    {
        HasStarted = true;
        _spanStartMs = _longest.FloorMs(first.TimestampMs);
        _lastTimeMs = first.TimestampMs;
        SeedFromStore(new TimeRange(_spanStartMs, first.TimestampMs), first);
    }

    /// <summary>Replays the last trade before the span (for flat bars up to the span, unless long silent) and the stored trades inside the range.</summary>
    private void SeedFromStore(TimeRange prefix, in Trade next)
    {
        bool wasReplaying = _replayingStore;
        _replayingStore = true;
        var stored = new List<Trade>();
        foreach (Trade trade in _store.ReadTrades(Symbol, prefix)) stored.Add(trade);
        Trade? prior = _store.LastTradeBefore(Symbol, prefix.FromMs);
        long firstTimeMs = stored.Count > 0 ? stored[0].TimestampMs : next.TimestampMs;
        if (prior is { } p && firstTimeMs - p.TimestampMs <= MaxSilenceMs)
        {
            // The prior trade's own bars are final already: it only gives the previous close for flat bars.
            _priorTimeMs = p.TimestampMs;
            _aggregator.Add(in p);
            _aggregator.ClearCompleted();
        }
        foreach (Trade trade in stored)
        {
            _aggregator.Add(in trade);
        }
        _aggregatedInSpan = stored.Count;
        WriteCompleted();
        _replayingStore = wasReplaying;
    }

    private void Rebuild(TimeRange span)
    {
        Rebuilt = true;
        _replayingStore = true;
        _aggregator = new SymbolBarAggregator(Symbol, _intervals);
        _priorTimeMs = long.MinValue;
        Trade[] first = [.. _store.ReadTrades(Symbol, span, limit: 1)];
        if (first.Length == 0) return;
        SeedFromStore(new TimeRange(span.FromMs, span.FromMs), first[0]);
        // Read in windows, each materialized before the bars it closes are written: no read stays open across a write.
        for (long from = span.FromMs; from < span.ToMs; from += RebuildWindowMs)
        {
            Trade[] window = [.. _store.ReadTrades(Symbol, new TimeRange(from, Math.Min(from + RebuildWindowMs, span.ToMs)))];
            Apply(window);
        }
    }

    private void Apply(ReadOnlySpan<Trade> trades)
    {
        foreach (ref readonly Trade trade in trades)
        {
            if (_aggregator.HasStarted && trade.TimestampMs - _lastTimeMs > MaxSilenceMs) StartOverAfterSilence();
            _aggregator.Add(in trade);
            if (trade.TimestampMs > _lastTimeMs) _lastTimeMs = trade.TimestampMs;
        }
        WriteCompleted();
    }

    /// <summary>Ends the bars at the last trade and starts a fresh series, without flat bars across the silence.</summary>
    private void StartOverAfterSilence()
    {
        WriteCompleted();
        WriteOpenBars();
        _aggregator = new SymbolBarAggregator(Symbol, _intervals);
        _priorTimeMs = long.MinValue;
    }

    /// <summary>When a stored trade follows the span within <see cref="MaxSilenceMs"/>, nothing traded in between: close the bars up to it.</summary>
    private void JoinFollowingTrades(long spanEndMs)
    {
        Trade[] next = [.. _store.ReadTrades(Symbol, new TimeRange(spanEndMs, long.MaxValue), limit: 1)];
        if (next.Length == 1 && next[0].TimestampMs - _lastTimeMs <= MaxSilenceMs) AdvanceTo(next[0].TimestampMs);
    }

    private void WriteCompleted()
    {
        if (_observer is not null && !_replayingStore)
        {
            foreach (ref readonly Bar bar in _aggregator.Completed)
            {
                // Bars holding only the seeding prior trade are not news.
                if (_priorTimeMs < bar.OpenTimeMs || _priorTimeMs > bar.CloseTimeMs) _observer.OnBarClosed(in bar);
            }
        }
        Write(_aggregator.Completed);
        _aggregator.ClearCompleted();
    }

    private void WriteOpenBars()
    {
        int count = _aggregator.CopyOpenBars(_openBars);
        // An open bar that began after the last trade has no trade in it yet: storing it would invent a flat bar
        // for a period the feed has not reached.
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (_openBars[i].OpenTimeMs <= _lastTimeMs) _openBars[kept++] = _openBars[i];
        }
        Write(_openBars.AsSpan(0, kept));
    }

    /// <summary>Upserts bars, leaving out those that hold the seeding prior trade: they would hold only it, and are stored whole already.</summary>
    private void Write(ReadOnlySpan<Bar> bars)
    {
        if (bars.IsEmpty) return;
        if (_priorTimeMs == long.MinValue)
        {
            _store.UpsertBars(bars);
            BarsWritten += bars.Length;
            return;
        }
        if (_kept.Length < bars.Length) _kept = new Bar[Math.Max(bars.Length, 2 * _kept.Length)];
        int kept = 0;
        foreach (ref readonly Bar bar in bars)
        {
            if (_priorTimeMs < bar.OpenTimeMs || _priorTimeMs > bar.CloseTimeMs) _kept[kept++] = bar;
        }
        _store.UpsertBars(_kept.AsSpan(0, kept));
        BarsWritten += kept;
    }
}
