using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>
/// The store-side end of a streaming source: takes market events in exchange-time order, stores the trades in
/// batches and keeps every symbol's bars built and stored.
/// </summary>
/// <remarks>
/// Trades are buffered per symbol and written in one transaction per batch, which is what makes SQLite fast;
/// <see cref="Flush"/> writes what is buffered (a live source calls it on a timer so a quiet feed still lands).
/// Quotes are counted and the latest kept per symbol; they are not stored. Not thread-safe: one consumer thread.
/// </remarks>
internal sealed class MarketEventIngest
{
    private const int BatchCapacity = 4096;

    private readonly ITickStore _store;
    private readonly IReadOnlyList<Interval> _intervals;
    private readonly Dictionary<Symbol, SymbolState> _symbols = [];
    private readonly IMarketObserver? _observer;
    private readonly bool _aggregatedTrades;
    // Totals kept as fields, written by the ingest thread only: the health endpoint reads them from another thread,
    // and summing over the symbols there would enumerate a dictionary the ingest may be adding to.
    private long _barsWritten;
    private long _lateTrades;

    /// <summary>Creates the ingest; <paramref name="aggregatedTrades"/> says the source's trade ids are Binance aggTrade ids.</summary>
    public MarketEventIngest(ITickStore store, IReadOnlyList<Interval> intervals, IMarketObserver? observer = null, bool aggregatedTrades = false)
    {
        _store = store;
        _intervals = intervals;
        _observer = observer;
        _aggregatedTrades = aggregatedTrades;
    }

    /// <summary>Trades received.</summary>
    public long Trades { get; private set; }

    /// <summary>Trades the store did not hold before.</summary>
    public long NewTrades { get; private set; }

    /// <summary>Quotes received.</summary>
    public long Quotes { get; private set; }

    /// <summary>Bars written (a bar rewritten counts again). Safe to read from another thread (health).</summary>
    public long BarsWritten => Volatile.Read(ref _barsWritten);

    /// <summary>Trades older than their symbol's bars already closed: stored, but in no bar (see
    /// <see cref="Core.Bars.SymbolBarAggregator"/>). A live run should keep this at 0. Safe to read from another thread.</summary>
    public long LateTrades => Volatile.Read(ref _lateTrades);

    /// <summary>Latest trade price per symbol, for status lines.</summary>
    public IEnumerable<(Symbol Symbol, Price LastPrice, Quote LastQuote)> Latest
    {
        get
        {
            foreach (SymbolState state in _symbols.Values) yield return (state.Bars.Symbol, state.LastPrice, state.LastQuote);
        }
    }

    /// <summary>Takes one event.</summary>
    public void Add(in MarketEvent marketEvent)
    {
        switch (marketEvent.Kind)
        {
            case MarketEventKind.Trade:
                Trade trade = marketEvent.Trade;
                SymbolState state = StateOf(trade.Symbol);
                state.Batch[state.Count++] = trade;
                state.LastPrice = trade.Price;
                Trades++;
                _observer?.OnTrade(in trade);
                if (state.Count == BatchCapacity) Write(state);
                break;
            case MarketEventKind.Quote:
                StateOf(marketEvent.Quote.Symbol).LastQuote = marketEvent.Quote;
                Quotes++;
                _observer?.OnQuote(marketEvent.Quote);
                break;
        }
    }

    /// <summary>Writes buffered trades, then closes every bar that ends at or before <paramref name="timestampMs"/> (exchange time).</summary>
    public void AdvanceTo(long timestampMs)
    {
        foreach (SymbolState state in _symbols.Values)
        {
            Write(state);
            long bars = state.Bars.BarsWritten;
            state.Bars.AdvanceTo(timestampMs);
            Tally(state, bars, state.Bars.LateTrades);
        }
    }

    /// <summary>Writes the buffered trades of every symbol and the bars they close.</summary>
    public void Flush()
    {
        foreach (SymbolState state in _symbols.Values) Write(state);
    }

    /// <summary>Writes everything buffered and the bars still open, so the store holds the partial bars too.</summary>
    public void Finish()
    {
        foreach (SymbolState state in _symbols.Values)
        {
            Write(state);
            long bars = state.Bars.BarsWritten;
            state.Bars.Finish();
            Tally(state, bars, state.Bars.LateTrades);
        }
    }

    private SymbolState StateOf(Symbol symbol)
    {
        if (!_symbols.TryGetValue(symbol, out SymbolState? state))
        {
            TradeIdSpace.Claim(_store, symbol, _aggregatedTrades);
            state = new SymbolState(new SymbolBarWriter(_store, symbol, _intervals, _observer));
            _symbols.Add(symbol, state);
        }
        return state;
    }

    private void Write(SymbolState state)
    {
        if (state.Count == 0) return;
        ReadOnlySpan<Trade> trades = state.Batch.AsSpan(0, state.Count);
        NewTrades += _store.AppendTrades(trades);
        long bars = state.Bars.BarsWritten, late = state.Bars.LateTrades;
        state.Bars.Add(trades);
        state.Count = 0;
        Tally(state, bars, late);
    }

    /// <summary>Adds what a call into <paramref name="state"/>'s bar writer wrote and found late to the totals.</summary>
    private void Tally(SymbolState state, long barsBefore, long lateBefore)
    {
        Volatile.Write(ref _barsWritten, _barsWritten + state.Bars.BarsWritten - barsBefore);
        Volatile.Write(ref _lateTrades, _lateTrades + state.Bars.LateTrades - lateBefore);
    }

    private sealed class SymbolState(SymbolBarWriter bars)
    {
        public SymbolBarWriter Bars { get; } = bars;
        public Trade[] Batch { get; } = new Trade[BatchCapacity];
        public int Count { get; set; }
        public Price LastPrice { get; set; }
        public Quote LastQuote { get; set; }
    }
}
