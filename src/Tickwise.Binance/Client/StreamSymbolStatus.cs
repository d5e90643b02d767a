using System.Collections.Concurrent;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>Live counters of one symbol's streams, for status lines: written by the client's receive loop, readable
/// from any thread.</summary>
/// <remarks>Times are <see cref="TimeProvider"/> Unix milliseconds of the client's clock (receive time, not exchange
/// time); <see cref="LastMessageMs"/> is <see cref="long.MinValue"/> until the first message.</remarks>
public sealed class StreamSymbolStatus : ITradeGapLog
{
    private long _messages;
    private long _lastMessageMs = long.MinValue;
    private long _lastTradeId = -1;
    private long _gapsRepaired;
    private long _tradesRepaired;
    private long _duplicatesDropped;
    private long _tradesLost;
    private long _bookUpdateId = -1;
    private long _bookSnapshots;
    private long _bookGaps;
    private int _bookSynchronized;
    private long _parseErrors;
    private long _lastQuoteUpdateId = -1;
    private long _duplicateQuotes;
    private ConcurrentQueue<TradeGap>? _gaps;

    internal StreamSymbolStatus(Symbol symbol) => Symbol = symbol;

    /// <summary>The symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>Stream messages received for this symbol (trades, quotes, klines, depth).</summary>
    public long Messages => Volatile.Read(ref _messages);

    /// <summary>When the latest message arrived, in Unix ms of the client's clock; <see cref="long.MinValue"/> before any.</summary>
    public long LastMessageMs => Volatile.Read(ref _lastMessageMs);

    /// <summary>The id of the latest trade delivered downstream; -1 before any.</summary>
    public long LastTradeId => Volatile.Read(ref _lastTradeId);

    /// <summary>Gaps in the aggregated trade ids that were filled over REST.</summary>
    public long GapsRepaired => Volatile.Read(ref _gapsRepaired);

    /// <summary>Trades delivered from REST rather than from the stream.</summary>
    public long TradesRepaired => Volatile.Read(ref _tradesRepaired);

    /// <summary>Trades received again (stream after backfill, or a replayed frame) and dropped.</summary>
    public long DuplicatesDropped => Volatile.Read(ref _duplicatesDropped);

    /// <summary>Trades known to be missing that could not be fetched (REST failing, or a raw trade stream, which is not repaired).</summary>
    public long TradesLost => Volatile.Read(ref _tradesLost);

    /// <summary>True while the local order book (depth stream) is synchronized with the exchange's.</summary>
    public bool BookSynchronized => Volatile.Read(ref _bookSynchronized) == 1;

    /// <summary>The update id of the local order book; -1 before its first snapshot.</summary>
    public long BookUpdateId => Volatile.Read(ref _bookUpdateId);

    /// <summary>Order book snapshots loaded over REST.</summary>
    public long BookSnapshots => Volatile.Read(ref _bookSnapshots);

    /// <summary>Times the local order book lost synchronization (a lost diff, a reconnect) and had to be reloaded.</summary>
    public long BookGaps => Volatile.Read(ref _bookGaps);

    /// <summary>Frames of this symbol's streams that did not parse (attributed by the envelope's stream name).</summary>
    public long ParseErrors => Volatile.Read(ref _parseErrors);

    /// <summary>The update id of the latest quote delivered from a <c>bookTicker</c> stream; -1 before any.</summary>
    public long LastQuoteUpdateId => Volatile.Read(ref _lastQuoteUpdateId);

    /// <summary>Quotes received again over an overlapping connection (update id not past the last one) and dropped.</summary>
    public long DuplicateQuotes => Volatile.Read(ref _duplicateQuotes);

    /// <summary>True when the client logs this symbol's trade gaps for <see cref="TryTakeGap"/>.</summary>
    public bool LogsGaps => _gaps is not null;

    /// <summary>Takes the oldest logged trade gap, if any; gaps come out in id order, each before the trades after it
    /// are delivered.</summary>
    /// <remarks>Logged only after <see cref="BinanceStreamClient.LogGaps"/>; one consumer at a time.</remarks>
    public bool TryTakeGap(out TradeGap gap)
    {
        if (_gaps is { } gaps) return gaps.TryDequeue(out gap);
        gap = default;
        return false;
    }

    /// <summary>Looks at the oldest logged trade gap without taking it.</summary>
    public bool TryPeekGap(out TradeGap gap)
    {
        if (_gaps is { } gaps) return gaps.TryPeek(out gap);
        gap = default;
        return false;
    }

    internal void LogGaps() => _gaps ??= new ConcurrentQueue<TradeGap>();

    internal void OnParseError() => Interlocked.Increment(ref _parseErrors);

    internal void OnQuote(long updateId) => Volatile.Write(ref _lastQuoteUpdateId, updateId);

    internal void OnDuplicateQuote() => Interlocked.Increment(ref _duplicateQuotes);

    internal void OnBook(Book.OrderBook book)
    {
        Volatile.Write(ref _bookSynchronized, book.IsSynchronized ? 1 : 0);
        Volatile.Write(ref _bookUpdateId, book.LastUpdateId);
        Volatile.Write(ref _bookSnapshots, book.Snapshots);
    }

    internal void OnBookGap() => Interlocked.Increment(ref _bookGaps);

    internal void OnMessage(long nowMs)
    {
        Interlocked.Increment(ref _messages);
        Volatile.Write(ref _lastMessageMs, nowMs);
    }

    internal void OnDelivered(long tradeId) => Volatile.Write(ref _lastTradeId, tradeId);

    internal void OnGapRepaired(long trades)
    {
        Interlocked.Increment(ref _gapsRepaired);
        Interlocked.Add(ref _tradesRepaired, trades);
    }

    internal void OnRepairedWithoutGap(long trades) => Interlocked.Add(ref _tradesRepaired, trades);

    internal void OnDuplicate() => Interlocked.Increment(ref _duplicatesDropped);

    /// <summary>Logs ids <paramref name="fromId"/>..<paramref name="toId"/> as fetched over REST, before they are delivered.</summary>
    internal void OnRepairing(long fromId, long toId) => _gaps?.Enqueue(new TradeGap(TradeGapKind.Repaired, fromId, toId));

    /// <summary>Counts and logs ids <paramref name="fromId"/>..<paramref name="toId"/> as missing, before the trade after them is delivered.</summary>
    internal void OnLost(long fromId, long toId)
    {
        Interlocked.Add(ref _tradesLost, toId - fromId + 1);
        _gaps?.Enqueue(new TradeGap(TradeGapKind.Missing, fromId, toId));
    }
}
