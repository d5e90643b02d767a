using Tickwise.Binance.Book;
using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>Order book copies published by the thread that owns the books (the replay loop, or a Binance stream client's
/// receive loop in <c>run --source binance --streams depth</c>), for request threads to read.</summary>
/// <remarks>
/// <see cref="OrderBook"/> is not thread-safe, so the owner calls <see cref="Publish"/> now and then (a few times a
/// second, and at the end; the live client after each depth message, 10 a second per symbol); readers get the latest
/// copy, at most that old. Copies are immutable and swapped whole; several owners may publish different symbols at once.
/// </remarks>
internal sealed class PublishedBooks : IBookSource
{
    /// <summary>The deepest book served: levels copied per side.</summary>
    public const int MaxDepth = 1_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<Symbol, BookView> _books = [];

    /// <summary>Copies the book's top <see cref="MaxDepth"/> levels per side; call on the thread that updates it.</summary>
    public void Publish(OrderBook book)
    {
        var bids = new BookLevel[Math.Min(MaxDepth, book.BidLevels)];
        var asks = new BookLevel[Math.Min(MaxDepth, book.AskLevels)];
        int bidCount = book.CopyBids(bids), askCount = book.CopyAsks(asks);
        var view = new BookView(book.Symbol, book.IsSynchronized, book.LastUpdateId, bids[..bidCount], asks[..askCount], book.MidPrice);
        lock (_lock) _books[book.Symbol] = view;
    }

    /// <inheritdoc/>
    public BookView? Book(Symbol symbol, int depth)
    {
        BookView? view;
        lock (_lock) _books.TryGetValue(symbol, out view);
        if (view is null) return null;
        return view with { Bids = view.Bids[..Math.Min(depth, view.Bids.Length)], Asks = view.Asks[..Math.Min(depth, view.Asks.Length)] };
    }
}
