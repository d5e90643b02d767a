using Tickwise.Binance.Book;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>The local order books of a client subscribed to <c>depth@100ms</c>: diffs applied as they come, a REST
/// snapshot whenever a book is out of sync (first use, a lost diff, a reconnect), and the book's top delivered as
/// a quote when <c>bookTicker</c> is not subscribed.</summary>
public sealed partial class BinanceStreamClient
{
    /// <summary>Levels a side asked for in a REST snapshot (Binance's maximum weight-efficient depth).</summary>
    private const int SnapshotLevels = 1000;

    /// <summary>Called after each change to a local book (a diff or a snapshot applied, a reset), on the thread that
    /// updates it, so that a reader elsewhere (the web API) can take a copy; never keep or read the book later.</summary>
    public Action<OrderBook>? BookChanged { get; set; }

    /// <summary>Takes the depth message now in <see cref="_depth"/>.</summary>
    private ValueTask ApplyDepth(LiveBook book, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        bool wasSynchronized = book.Book.IsSynchronized;
        BookUpdateResult result = book.Book.Apply(_depth);
        if (wasSynchronized && result == BookUpdateResult.Desynchronized)
        {
            book.Status.OnBookGap();
            _onNotice(new StreamNotice(StreamNoticeKind.BookResync, $"{book.Book.Symbol} order book out of sync: {book.Book.LastProblem}; reloading the snapshot", TimeSpan.Zero));
        }
        book.Status.OnBook(book.Book);
        BookChanged?.Invoke(book.Book);
        if (result == BookUpdateResult.Applied) return DeliverTop(book, deliver, cancellationToken);
        if (result == BookUpdateResult.Stale) _frameDropped = true; // a rollover's overlap: the old connection applied it
        // Out of sync: the diffs wait in the book while a snapshot is fetched, at most once per first backoff step
        // so that a snapshot older than the diffs (the exchange's REST cache) is retried, not hammered.
        if (!book.Book.IsSynchronized && _rest is not null && _time.GetElapsedTime(book.LastSnapshotAttempt) >= _options.InitialBackoff)
            return LoadSnapshotAsync(book, deliver, cancellationToken);
        return ValueTask.CompletedTask;
    }

    private async ValueTask LoadSnapshotAsync(LiveBook book, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        book.LastSnapshotAttempt = _time.GetTimestamp();
        try
        {
            await _rest!.GetDepthSnapshotAsync(book.Book.Symbol, SnapshotLevels, _snapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (BinanceRestException e)
        {
            _onNotice(new StreamNotice(StreamNoticeKind.RestRetry, $"{book.Book.Symbol} order book snapshot: {e.Message}; retrying with the next diff", _options.InitialBackoff));
            return;
        }
        BookUpdateResult result = book.Book.Apply(_snapshot);
        book.Status.OnBook(book.Book);
        BookChanged?.Invoke(book.Book);
        if (result == BookUpdateResult.SnapshotApplied || book.Book.IsSynchronized)
            await DeliverTop(book, deliver, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask DeliverTop(LiveBook book, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        if (!_quotesFromBooks) return ValueTask.CompletedTask;
        long stampMs = book.Book.EventTimeMs > 0 ? book.Book.EventTimeMs : _time.GetUtcNow().ToUnixTimeMilliseconds();
        return book.Book.TryGetQuote(stampMs, out Quote quote) ? deliver(MarketEvent.Of(quote), cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Forgets every book: a new connection's diffs cannot bridge the old ones.</summary>
    private void ResetBooks()
    {
        if (_books is null) return;
        foreach (LiveBook book in _books.Values)
        {
            if (book.Book.IsSynchronized) book.Status.OnBookGap();
            book.Book.Reset();
            book.LastSnapshotAttempt = long.MinValue / 2;
            book.Status.OnBook(book.Book);
            BookChanged?.Invoke(book.Book);
        }
    }

    private sealed class LiveBook(OrderBook book, StreamSymbolStatus status)
    {
        public OrderBook Book { get; } = book;
        public StreamSymbolStatus Status { get; } = status;
        public long LastSnapshotAttempt { get; set; } = long.MinValue / 2;
    }
}
