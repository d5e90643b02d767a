namespace Tickwise.Binance.Book;

/// <summary>What <see cref="OrderBook.Apply"/> did with one depth message.</summary>
public enum BookUpdateResult : byte
{
    /// <summary>The diff was applied; the book is synchronized.</summary>
    Applied = 0,

    /// <summary>The book has no valid snapshot: the diff was kept to be bridged by the next snapshot.</summary>
    Buffered = 1,

    /// <summary>The diff is already contained in the book (its final id is not past the book's): ignored.</summary>
    Stale = 2,

    /// <summary>The snapshot was loaded and every buffered diff it bridges was applied; the book is synchronized.</summary>
    SnapshotApplied = 3,

    /// <summary>
    /// An id gap (a lost diff, or a snapshot older than the diffs that follow it): the book is no longer synchronized,
    /// <see cref="OrderBook.LastProblem"/> says why, and it needs a new snapshot. The diff was buffered for that snapshot.
    /// </summary>
    Desynchronized = 4,
}
