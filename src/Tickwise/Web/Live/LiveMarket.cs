using Tickwise.Core.Market;
using Tickwise.Ingest;

namespace Tickwise.Web.Live;

/// <summary>The market as it lands, for the API: each symbol's latest trade and quote, and the counters behind the
/// simulator and replay health report.</summary>
/// <remarks>
/// Written on the ingest thread (as an <see cref="IMarketObserver"/>), read from request threads. Each symbol's entry is
/// guarded by its own lock, held for a few field copies, so readers never see a torn quote and the ingest thread never
/// waits more than that. Nothing allocates per message once a symbol is known.
/// </remarks>
internal sealed class LiveMarket(TimeProvider clock) : IMarketObserver
{
    private readonly Lock _symbolsLock = new();
    private volatile Entry[] _entries = [];
    private readonly Dictionary<Symbol, Entry> _bySymbol = [];
    private long _trades, _quotes, _barsClosed;

    /// <summary>Trades seen.</summary>
    public long Trades => Volatile.Read(ref _trades);

    /// <summary>Quotes seen.</summary>
    public long Quotes => Volatile.Read(ref _quotes);

    /// <summary>Bars closed in the stream.</summary>
    public long BarsClosed => Volatile.Read(ref _barsClosed);

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        Interlocked.Increment(ref _trades);
        Entry entry = EntryOf(trade.Symbol);
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (entry.Lock)
        {
            entry.LastPrice = trade.Price;
            entry.LastTradeMs = trade.TimestampMs;
            entry.Messages++;
            entry.LastMessageWallMs = now;
        }
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        Interlocked.Increment(ref _quotes);
        Entry entry = EntryOf(quote.Symbol);
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (entry.Lock)
        {
            entry.Quote = quote;
            entry.Messages++;
            entry.LastMessageWallMs = now;
        }
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar) => Interlocked.Increment(ref _barsClosed);

    /// <summary>Returns every symbol seen so far, in the order first seen.</summary>
    public IReadOnlyList<SymbolLatest> Snapshot()
    {
        Entry[] entries = _entries;
        var result = new SymbolLatest[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            Entry e = entries[i];
            lock (e.Lock) result[i] = new SymbolLatest(e.Symbol, e.LastPrice, e.LastTradeMs, e.Quote, e.Messages, e.LastMessageWallMs);
        }
        return result;
    }

    private Entry EntryOf(Symbol symbol)
    {
        // Lock-free for known symbols: a linear scan of a handful of entries beats a locked dictionary.
        Entry[] entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Symbol == symbol) return entries[i];
        }
        lock (_symbolsLock)
        {
            if (_bySymbol.TryGetValue(symbol, out Entry? found)) return found;
            var entry = new Entry(symbol);
            _bySymbol.Add(symbol, entry);
            _entries = [.. _entries, entry];
            return entry;
        }
    }

    private sealed class Entry(Symbol symbol)
    {
        public readonly Lock Lock = new();
        public readonly Symbol Symbol = symbol;
        public Price? LastPrice;
        public long? LastTradeMs;
        public Quote? Quote;
        public long Messages;
        public long? LastMessageWallMs;
    }
}
