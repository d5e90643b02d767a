using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>A copy of the top of an order book at a moment, as <c>/api/book</c> serves it.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Synchronized">Whether the book was synchronized with the exchange.</param>
/// <param name="LastUpdateId">The last applied update id (-1 before the snapshot).</param>
/// <param name="Bids">Best bid first.</param>
/// <param name="Asks">Best ask first.</param>
/// <param name="Mid">The mid price, or NaN when a side is empty.</param>
internal sealed record BookView(Symbol Symbol, bool Synchronized, long LastUpdateId, BookLevel[] Bids, BookLevel[] Asks, double Mid);
