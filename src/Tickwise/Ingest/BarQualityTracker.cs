using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>
/// Flags the bars that are not complete: those holding trades backfilled over REST (repaired) and those spanning
/// trades known missing (a gap), from the trade gaps the live client logs (<see cref="ITradeGapLog"/>, one per symbol);
/// stores one <see cref="BarQuality"/> record per flagged bar and interval. A bar without a record is complete.
/// </summary>
/// <remarks>
/// <para>An <see cref="IMarketObserver"/> in front of another (it forwards every call): the ingest calls it with each
/// trade in delivery order, and the client logs each gap before it delivers the trades after it, so the gap at the
/// head of the log is always the one the next trades meet. A repaired range flags the bars of the trades inside it;
/// a missing range flags every bar from the last trade before it to the first trade after it (intermediate bars only
/// up to <see cref="MaxSpannedBars"/> per interval: a day-long outage does not write 86,400 one-second records).</para>
/// <para>A flagged bar's record is written when the bar is over (a later trade, or the ingest closing it) and by
/// <see cref="Flush"/>; writes merge with a stored record of the same bar by the larger count, so they are idempotent.
/// Per trade: one look at the gap log, and only while a bar is flagged a floor per interval. Not thread-safe: the
/// ingest thread owns it, and writes the store it is given.</para>
/// </remarks>
internal sealed class BarQualityTracker : IMarketObserver
{
    /// <summary>Most intermediate bars one gap flags per interval.</summary>
    internal const long MaxSpannedBars = 1_440;

    private readonly IRecordStore _store;
    private readonly Interval[] _intervals;
    private readonly Func<Symbol, ITradeGapLog?> _gapsOf;
    private readonly IMarketObserver? _next;
    private readonly Dictionary<Symbol, SymbolQuality> _symbols = [];
    private readonly List<StoredRecord> _pending = [];
    private SymbolQuality? _last;

    /// <summary>Creates a tracker writing into <paramref name="store"/>.</summary>
    /// <param name="store">Where the records go (the ingest's store).</param>
    /// <param name="intervals">The intervals bars are built for.</param>
    /// <param name="gapsOf">The gap log of a symbol, or null for a symbol whose gaps are not logged.</param>
    /// <param name="next">The observer to forward every call to; may be null.</param>
    public BarQualityTracker(IRecordStore store, IReadOnlyList<Interval> intervals, Func<Symbol, ITradeGapLog?> gapsOf, IMarketObserver? next = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(gapsOf);
        _store = store;
        _intervals = [.. intervals];
        _gapsOf = gapsOf;
        _next = next;
    }

    /// <summary>Bar quality records written (a bar written twice counts twice).</summary>
    public long RecordsWritten { get; private set; }

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        SymbolQuality state = StateOf(trade.Symbol);
        if (state.Gaps is not null) Track(state, in trade);
        if (trade.TimestampMs > state.LastTimeMs) state.LastTimeMs = trade.TimestampMs;
        _next?.OnTrade(in trade);
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote) => _next?.OnQuote(in quote);

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        if (_symbols.TryGetValue(bar.Symbol, out SymbolQuality? state) && state.Flagged > 0)
        {
            for (int k = 0; k < _intervals.Length; k++)
            {
                if (_intervals[k] == bar.Interval && state.Bars[k].IsFlagged && state.Bars[k].OpenTimeMs == bar.OpenTimeMs) Close(state, k);
            }
            WritePending();
        }
        _next?.OnBarClosed(in bar);
    }

    /// <summary>Writes the records of the bars flagged so far that are still open (they are written again, merged,
    /// when they close). Call when the ingest finishes or flushes.</summary>
    public void Flush()
    {
        foreach (SymbolQuality state in _symbols.Values)
        {
            for (int k = 0; k < _intervals.Length; k++)
                if (state.Bars[k].IsFlagged) Queue(new BarQuality(state.Symbol, _intervals[k], state.Bars[k].OpenTimeMs, state.Bars[k].Repaired, state.Bars[k].Missing));
        }
        WritePending();
    }

    private void Track(SymbolQuality state, in Trade trade)
    {
        long id = trade.Id;
        while (true)
        {
            if (!state.HasHead)
            {
                if (!state.Gaps!.TryTakeGap(out state.Head)) break;
                state.HasHead = true;
            }
            if (state.Head.ToId >= id) break;
            if (state.Head.Kind == TradeGapKind.Missing) MarkGap(state, state.Head.Count, trade.TimestampMs);
            state.HasHead = false;
        }
        if (state.HasHead && state.Head.Kind == TradeGapKind.Repaired && state.Head.FromId <= id) Flag(state, trade.TimestampMs, repaired: 1, missing: 0);
        else if (state.Flagged > 0) CloseBarsBefore(state, trade.TimestampMs);
        WritePending();
    }

    /// <summary>Flags every bar from the last trade before a gap of <paramref name="count"/> trades to <paramref name="timeMs"/>, the first after it.</summary>
    private void MarkGap(SymbolQuality state, long count, long timeMs)
    {
        if (state.LastTimeMs != long.MinValue)
        {
            for (int k = 0; k < _intervals.Length; k++)
            {
                Interval interval = _intervals[k];
                long from = interval.FloorMs(state.LastTimeMs), to = interval.FloorMs(timeMs);
                if (from == to) continue; // the same bar as the trade after the gap: flagged below
                ref OpenBar bar = ref state.Bars[k];
                if (bar.IsFlagged && bar.OpenTimeMs == from)
                {
                    bar.Missing += count;
                    Close(state, k);
                }
                else
                {
                    Queue(new BarQuality(state.Symbol, interval, from, 0, count));
                }
                if ((to - from) / interval.Milliseconds - 1 > MaxSpannedBars) continue;
                for (long open = from + interval.Milliseconds; open < to; open += interval.Milliseconds) Queue(new BarQuality(state.Symbol, interval, open, 0, count));
            }
        }
        Flag(state, timeMs, repaired: 0, missing: count);
    }

    private void Flag(SymbolQuality state, long timeMs, long repaired, long missing)
    {
        for (int k = 0; k < _intervals.Length; k++)
        {
            long open = _intervals[k].FloorMs(timeMs);
            ref OpenBar bar = ref state.Bars[k];
            if (bar.IsFlagged && bar.OpenTimeMs != open) Close(state, k);
            if (!bar.IsFlagged)
            {
                bar = new OpenBar { OpenTimeMs = open };
                state.Flagged++;
            }
            bar.Repaired += repaired;
            bar.Missing += missing;
        }
    }

    private void CloseBarsBefore(SymbolQuality state, long timeMs)
    {
        for (int k = 0; k < _intervals.Length; k++)
            if (state.Bars[k].IsFlagged && _intervals[k].FloorMs(timeMs) != state.Bars[k].OpenTimeMs) Close(state, k);
    }

    private void Close(SymbolQuality state, int k)
    {
        ref OpenBar bar = ref state.Bars[k];
        Queue(new BarQuality(state.Symbol, _intervals[k], bar.OpenTimeMs, bar.Repaired, bar.Missing));
        bar = default;
        state.Flagged--;
    }

    private void Queue(BarQuality quality)
    {
        if (_store.GetRecord(BarQuality.Kind, quality.Key) is { } stored && BarQuality.TryParse(stored, out BarQuality before)) quality = quality.Merge(before);
        for (int i = 0; i < _pending.Count; i++)
        {
            // The same bar twice in one batch (a gap's edge, then its close): keep one, merged.
            if (_pending[i].Key == quality.Key && BarQuality.TryParse(_pending[i], out BarQuality queued))
            {
                _pending[i] = quality.Merge(queued).ToRecord();
                return;
            }
        }
        _pending.Add(quality.ToRecord());
    }

    private void WritePending()
    {
        if (_pending.Count == 0) return;
        _store.PutRecords(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending));
        RecordsWritten += _pending.Count;
        _pending.Clear();
    }

    private SymbolQuality StateOf(Symbol symbol)
    {
        if (_last is not null && _last.Symbol == symbol) return _last;
        if (!_symbols.TryGetValue(symbol, out SymbolQuality? state))
        {
            state = new SymbolQuality(symbol, _gapsOf(symbol), _intervals.Length);
            _symbols.Add(symbol, state);
        }
        return _last = state;
    }

    private struct OpenBar
    {
        public long OpenTimeMs;
        public long Repaired;
        public long Missing;
        public readonly bool IsFlagged => Repaired > 0 || Missing > 0;
    }

    private sealed class SymbolQuality(Symbol symbol, ITradeGapLog? gaps, int intervals)
    {
        public Symbol Symbol { get; } = symbol;
        public ITradeGapLog? Gaps { get; } = gaps;
        public OpenBar[] Bars { get; } = new OpenBar[intervals];
        public int Flagged;
        public bool HasHead;
        public TradeGap Head;
        public long LastTimeMs = long.MinValue;
    }
}
