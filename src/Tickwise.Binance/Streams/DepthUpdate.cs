using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>
/// An order book message of one symbol: a diff (<c>depthUpdate</c>) or a snapshot of the top of the book,
/// parsed into arrays this object keeps and reuses.
/// </summary>
/// <remarks>
/// <para>Reusable and poolable: <see cref="BinanceMessageParser.Parse"/> clears it and fills it again, so parsing
/// into a warmed-up instance allocates nothing. Hand a parsed update to another thread with
/// <see cref="CopyTo"/> into an instance from your pool; this class is not thread-safe.</para>
/// <para>In a diff, a level of quantity zero removes that price; in a snapshot every level is present.
/// Binance's update ids: a diff covers <c>[FirstUpdateId, FinalUpdateId]</c> (<c>U</c>, <c>u</c>); USD-M futures
/// also give <c>pu</c>, the previous diff's final id, which <see cref="PreviousFinalUpdateId"/> holds (-1 when the
/// feed has none). A snapshot's <c>lastUpdateId</c> is both its first and final id.</para>
/// </remarks>
public sealed class DepthUpdate
{
    /// <summary>Most levels one side may hold; a message with more is rejected rather than grown without bound.</summary>
    public const int MaxLevelsPerSide = 50_000;

    private BookLevel[] _bids;
    private BookLevel[] _asks;
    private int _bidCount;
    private int _askCount;
    private bool _clean = true;

    /// <summary>Creates an empty update with room for <paramref name="initialCapacity"/> levels a side.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCapacity"/> is below 1 or above <see cref="MaxLevelsPerSide"/>.</exception>
    public DepthUpdate(int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialCapacity, MaxLevelsPerSide);
        _bids = new BookLevel[initialCapacity];
        _asks = new BookLevel[initialCapacity];
        PreviousFinalUpdateId = -1;
    }

    /// <summary>The symbol; empty for a REST snapshot, which does not name it.</summary>
    public Symbol Symbol { get; internal set; }

    /// <summary>True for a snapshot of the top of the book, false for a diff.</summary>
    public bool IsSnapshot { get; internal set; }

    /// <summary>Event time (<c>E</c>) in Unix epoch milliseconds; 0 when the message has none (spot snapshots).</summary>
    public long EventTimeMs { get; internal set; }

    /// <summary>Transaction time (<c>T</c>, USD-M futures) in Unix epoch milliseconds; 0 when the message has none.</summary>
    public long TransactionTimeMs { get; internal set; }

    /// <summary>First update id in the message (<c>U</c>, or <c>lastUpdateId</c> for a snapshot).</summary>
    public long FirstUpdateId { get; internal set; }

    /// <summary>Final update id in the message (<c>u</c>, or <c>lastUpdateId</c> for a snapshot).</summary>
    public long FinalUpdateId { get; internal set; }

    /// <summary>Final update id of the previous diff (<c>pu</c>, USD-M futures); -1 when absent.</summary>
    public long PreviousFinalUpdateId { get; internal set; }

    /// <summary>Bid levels in message order (Binance sends bids best first in snapshots).</summary>
    public ReadOnlySpan<BookLevel> Bids => _bids.AsSpan(0, _bidCount);

    /// <summary>Ask levels in message order (Binance sends asks best first in snapshots).</summary>
    public ReadOnlySpan<BookLevel> Asks => _asks.AsSpan(0, _askCount);

    /// <summary>Empties the update, keeping its arrays.</summary>
    public void Clear()
    {
        Symbol = default;
        IsSnapshot = false;
        EventTimeMs = 0;
        TransactionTimeMs = 0;
        FirstUpdateId = 0;
        FinalUpdateId = 0;
        PreviousFinalUpdateId = -1;
        _bidCount = 0;
        _askCount = 0;
        _clean = true;
    }

    /// <summary>True when nothing was written since the last <see cref="Clear"/>: lets the parser skip clearing
    /// a buffer that a run of trades never touches.</summary>
    internal bool IsClean => _clean;

    /// <summary>Copies every field and level into <paramref name="destination"/>, growing its arrays if needed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public void CopyTo(DepthUpdate destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(destination, this)) return;
        destination.Symbol = Symbol;
        destination.IsSnapshot = IsSnapshot;
        destination.EventTimeMs = EventTimeMs;
        destination.TransactionTimeMs = TransactionTimeMs;
        destination.FirstUpdateId = FirstUpdateId;
        destination.FinalUpdateId = FinalUpdateId;
        destination.PreviousFinalUpdateId = PreviousFinalUpdateId;
        destination._clean = false;
        destination._bidCount = 0;
        destination._askCount = 0;
        foreach (BookLevel level in Bids) destination.TryAdd(true, level);
        foreach (BookLevel level in Asks) destination.TryAdd(false, level);
    }

    /// <summary>Empties one side before it is read again (a repeated JSON key replaces, it does not append).</summary>
    internal void ClearSide(bool bids)
    {
        _clean = false;
        if (bids) _bidCount = 0;
        else _askCount = 0;
    }

    /// <summary>Appends a level; false when the side already holds <see cref="MaxLevelsPerSide"/>.</summary>
    internal bool TryAdd(bool bid, BookLevel level)
    {
        ref BookLevel[] array = ref bid ? ref _bids : ref _asks;
        ref int count = ref bid ? ref _bidCount : ref _askCount;
        _clean = false;
        if (count == array.Length)
        {
            if (count >= MaxLevelsPerSide) return false;
            Array.Resize(ref array, Math.Min(MaxLevelsPerSide, array.Length * 2));
        }
        array[count++] = level;
        return true;
    }
}
