using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>Where <c>/api/book</c> finds order books: the replay's local books, or none (simulator, serve).</summary>
/// <remarks>Called from request threads; implementations return copies, never the live book.</remarks>
internal interface IBookSource
{
    /// <summary>Returns the top <paramref name="depth"/> levels per side of the symbol's book, or null when no book is kept for it.</summary>
    BookView? Book(Symbol symbol, int depth);
}
