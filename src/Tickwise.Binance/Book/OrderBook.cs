using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Book;

/// <summary>
/// A local order book of one symbol, kept from a depth snapshot plus Binance's diff stream, with every id gap
/// detected and counted.
/// </summary>
/// <remarks>
/// <para>Follows Binance's documented procedure. Diffs that arrive before a snapshot are buffered (bounded; the
/// oldest is dropped and counted when full). A snapshot (REST <c>/api/v3/depth</c> or <c>/fapi/v1/depth</c>, whose
/// <c>lastUpdateId</c> is L) replaces the levels; then diffs already in it are dropped as stale, and the first diff
/// applied must bridge it. Spot: drop <c>u &lt;= L</c>, bridge with <c>U &lt;= L+1 &lt;= u</c>, and afterwards each
/// diff must start at most one past the book's id (<c>U &lt;= last+1</c>; normally <c>U == last+1</c>). USD-M
/// futures, recognised by their <c>pu</c> field: drop <c>u &lt; L</c>, bridge with <c>U &lt;= L &lt;= u</c>, and
/// afterwards each diff's <c>pu</c> must equal the previous diff's <c>u</c>. A level of quantity zero removes that
/// price.</para>
/// <para>A gap is never silent: the book turns unsynchronized, <see cref="Gaps"/> or <see cref="RejectedSnapshots"/>
/// counts it, <see cref="LastProblem"/> says why, and diffs are buffered again until a new snapshot arrives. While
/// unsynchronized the levels are the last known ones and may be wrong: check <see cref="IsSynchronized"/>.</para>
/// <para>Prices are keyed by <see cref="Price.Raw"/> in a sorted array per side; applying a diff allocates nothing
/// once the arrays and buffer slots have grown. Not thread-safe: one consumer.</para>
/// </remarks>
public sealed class OrderBook
{
    private readonly BookSide _bids;
    private readonly BookSide _asks;
    private readonly DiffBuffer _buffer;
    private BookState _state;

    /// <summary>Creates an empty, unsynchronized book for <paramref name="symbol"/>.</summary>
    /// <param name="symbol">The symbol whose diffs this book takes.</param>
    /// <param name="maxBufferedDiffs">Most diffs kept while waiting for a snapshot.</param>
    /// <param name="maxLevelsPerSide">Most price levels a side may hold; a message that would exceed it desynchronizes the book.</param>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1.</exception>
    public OrderBook(Symbol symbol, int maxBufferedDiffs = 1_000, int maxLevelsPerSide = 100_000)
    {
        if (symbol.IsEmpty) throw new ArgumentException("An order book needs a symbol.", nameof(symbol));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBufferedDiffs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevelsPerSide, 1);
        Symbol = symbol;
        _bids = new BookSide(isAsk: false, maxLevelsPerSide, Math.Min(maxLevelsPerSide, 1024));
        _asks = new BookSide(isAsk: true, maxLevelsPerSide, Math.Min(maxLevelsPerSide, 1024));
        _buffer = new DiffBuffer(maxBufferedDiffs);
    }

    /// <summary>The symbol of this book.</summary>
    public Symbol Symbol { get; }

    /// <summary>True from a snapshot that bridged its diffs until the next gap: only then are the levels exact.</summary>
    public bool IsSynchronized => _state != BookState.Unsynchronized;

    /// <summary>Id of the last change in the book (the snapshot's <c>lastUpdateId</c> or the last diff's <c>u</c>); -1 before any snapshot.</summary>
    public long LastUpdateId { get; private set; } = -1;

    /// <summary>Event time (<c>E</c>, Unix ms) of the last diff applied; 0 when none has been.</summary>
    public long EventTimeMs { get; private set; }

    /// <summary>Bid price levels held.</summary>
    public int BidLevels => _bids.Count;

    /// <summary>Ask price levels held.</summary>
    public int AskLevels => _asks.Count;

    /// <summary>Diffs waiting for a snapshot.</summary>
    public int BufferedDiffs => _buffer.Count;

    /// <summary>Snapshots loaded, accepted or not.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Diffs applied to a synchronized book.</summary>
    public long AppliedDiffs { get; private set; }

    /// <summary>Diffs ignored because the book already contained them.</summary>
    public long StaleDiffs { get; private set; }

    /// <summary>Times a synchronized book lost a diff (an id gap) and became unsynchronized.</summary>
    public long Gaps { get; private set; }

    /// <summary>Snapshots that could not be bridged to the diffs after them (too old) or did not fit the level limit.</summary>
    public long RejectedSnapshots { get; private set; }

    /// <summary>Buffered diffs dropped, oldest first, because the buffer was full.</summary>
    public long DroppedDiffs { get; private set; }

    /// <summary>Why the book last became unsynchronized; null when it never did.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>Applies a snapshot or a diff, as the procedure in the remarks says.</summary>
    /// <remarks>Give it full REST snapshots only: a partial book stream (<c>@depth5/10/20</c>) parses as a snapshot
    /// too, but holds only the top levels and would replace the whole book with them.</remarks>
    /// <param name="update">A parsed depth message; read, never kept (buffered diffs are copied).</param>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    /// <exception cref="ArgumentException">The message names another symbol (a snapshot without a symbol is accepted).</exception>
    public BookUpdateResult Apply(DepthUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!update.Symbol.IsEmpty && update.Symbol != Symbol)
            throw new ArgumentException($"A {update.Symbol} depth message given to the {Symbol} book.", nameof(update));
        if (update.IsSnapshot) return ApplySnapshot(update);
        if (_state == BookState.Unsynchronized)
        {
            Buffer(update);
            return BookUpdateResult.Buffered;
        }
        BookUpdateResult result = Step(update);
        if (result == BookUpdateResult.Desynchronized) Buffer(update);
        return result;
    }

    /// <summary>Makes the book unsynchronized and empty, dropping buffered diffs, as before the first snapshot.</summary>
    public void Reset()
    {
        _bids.Clear();
        _asks.Clear();
        _buffer.Clear();
        _state = BookState.Unsynchronized;
        LastUpdateId = -1;
        EventTimeMs = 0;
    }

    /// <summary>Gets the best (highest) bid; false when the bid side is empty.</summary>
    public bool TryGetBestBid(out BookLevel level) => TryGetBest(_bids, out level);

    /// <summary>Gets the best (lowest) ask; false when the ask side is empty.</summary>
    public bool TryGetBestAsk(out BookLevel level) => TryGetBest(_asks, out level);

    /// <summary>Returns the mean of the best bid and ask, or NaN when a side is empty.</summary>
    public double MidPrice =>
        _bids.Count > 0 && _asks.Count > 0 ? (_bids.At(0).Price.ToDouble() + _asks.At(0).Price.ToDouble()) / 2 : double.NaN;

    /// <summary>Copies up to <c>destination.Length</c> bid levels, best first, and returns how many it copied.</summary>
    public int CopyBids(Span<BookLevel> destination) => _bids.CopyTop(destination);

    /// <summary>Copies up to <c>destination.Length</c> ask levels, best first, and returns how many it copied.</summary>
    public int CopyAsks(Span<BookLevel> destination) => _asks.CopyTop(destination);

    /// <summary>Gets the best bid and ask as a <see cref="Quote"/> stamped <paramref name="timestampMs"/>, with <see cref="LastUpdateId"/>.</summary>
    /// <returns>False when a side is empty.</returns>
    public bool TryGetQuote(long timestampMs, out Quote quote)
    {
        quote = default;
        if (!TryGetBestBid(out BookLevel bid) || !TryGetBestAsk(out BookLevel ask)) return false;
        quote = new Quote(Symbol, LastUpdateId, bid.Price, bid.Quantity, ask.Price, ask.Quantity, timestampMs);
        return true;
    }

    private BookUpdateResult ApplySnapshot(DepthUpdate snapshot)
    {
        Snapshots++;
        if (!_bids.Load(snapshot.Bids) || !_asks.Load(snapshot.Asks))
        {
            RejectedSnapshots++;
            return Desynchronize($"the snapshot {snapshot.FinalUpdateId} has more levels than the limit");
        }
        LastUpdateId = snapshot.FinalUpdateId;
        _state = BookState.AwaitingBridge;
        for (int i = 0; i < _buffer.Count; i++)
        {
            if (Step(_buffer[i]) == BookUpdateResult.Desynchronized)
            {
                _buffer.RemoveFirst(i); // the diff past the gap and those after it wait for the next snapshot
                return BookUpdateResult.Desynchronized;
            }
        }
        _buffer.Clear();
        return BookUpdateResult.SnapshotApplied;
    }

    /// <summary>Checks one diff's ids against the book and applies it; never buffers.</summary>
    private BookUpdateResult Step(DepthUpdate diff)
    {
        long first = diff.FirstUpdateId, final = diff.FinalUpdateId, last = LastUpdateId;
        bool futures = diff.PreviousFinalUpdateId >= 0;
        if (_state == BookState.AwaitingBridge)
        {
            if (futures ? final < last : final <= last) return Stale();
            if (first > (futures ? last : last + 1))
            {
                RejectedSnapshots++;
                return Desynchronize($"the snapshot {last} is older than the next diff {first}..{final}: a newer snapshot is needed");
            }
        }
        else
        {
            if (final <= last) return Stale();
            if (futures ? diff.PreviousFinalUpdateId != last : first > last + 1)
            {
                Gaps++;
                return Desynchronize(futures
                    ? $"diff {first}..{final} follows {diff.PreviousFinalUpdateId}, the book is at {last}: a diff was lost"
                    : $"diff {first}..{final} does not follow {last}: diffs {last + 1}..{first - 1} were lost");
            }
        }
        if (!ApplyLevels(_bids, diff.Bids) || !ApplyLevels(_asks, diff.Asks))
        {
            Gaps++;
            return Desynchronize($"diff {first}..{final} would exceed the level limit");
        }
        LastUpdateId = final;
        EventTimeMs = diff.EventTimeMs;
        AppliedDiffs++;
        _state = BookState.Live;
        return BookUpdateResult.Applied;
    }

    private BookUpdateResult Stale()
    {
        StaleDiffs++;
        return BookUpdateResult.Stale;
    }

    private BookUpdateResult Desynchronize(string problem)
    {
        _state = BookState.Unsynchronized;
        LastProblem = problem;
        return BookUpdateResult.Desynchronized;
    }

    private void Buffer(DepthUpdate diff)
    {
        if (!_buffer.Add(diff)) DroppedDiffs++;
    }

    private static bool ApplyLevels(BookSide side, ReadOnlySpan<BookLevel> levels)
    {
        foreach (BookLevel level in levels)
        {
            if (!side.Set(level.Price, level.Quantity)) return false;
        }
        return true;
    }

    private static bool TryGetBest(BookSide side, out BookLevel level)
    {
        level = side.Count > 0 ? side.At(0) : default;
        return side.Count > 0;
    }

    private enum BookState : byte
    {
        Unsynchronized = 0,
        AwaitingBridge = 1,
        Live = 2,
    }
}
