using Tickwise.Core.Market;

namespace Tickwise.Binance.Book;

/// <summary>One side of an order book: price levels in a sorted array, best level last.</summary>
/// <remarks>
/// Levels are keyed by <see cref="Price.Raw"/>; asks store the negated key so that both sides sort ascending and
/// keep their best level at the end of the array. Binance's diffs touch the top of the book far more often than the
/// tail, so an insert or removal there moves only the few entries beyond it: a binary search plus one short block
/// move of (key, quantity) pairs, and no allocation once the array has grown to the book's size. In the BTCUSDT
/// recording (about 2,000 bids and 3,000 asks) half the level updates land within 87 levels of the best and 90% within
/// 600, so a move is typically a few kilobytes; a sorted tree would allocate a node per new level instead.
/// Not thread-safe.
/// </remarks>
internal sealed class BookSide
{
    private readonly bool _isAsk;
    private readonly int _maxLevels;
    private Entry[] _entries;
    private int _count;

    public BookSide(bool isAsk, int maxLevels, int initialCapacity = 1024)
    {
        _isAsk = isAsk;
        _maxLevels = maxLevels;
        _entries = new Entry[initialCapacity];
    }

    /// <summary>Price levels held.</summary>
    public int Count => _count;

    /// <summary>Removes every level, keeping the array.</summary>
    public void Clear() => _count = 0;

    /// <summary>Sets the quantity at a price; zero removes the level. False when a new level would exceed the limit.</summary>
    public bool Set(Price price, Quantity quantity)
    {
        long key = _isAsk ? -price.Raw : price.Raw;
        int index = Search(key);
        Span<Entry> entries = _entries.AsSpan(0, _count);
        if (index >= 0)
        {
            if (quantity.Raw == 0)
            {
                entries[(index + 1)..].CopyTo(entries[index..]);
                _count--;
            }
            else
            {
                entries[index].Quantity = quantity.Raw;
            }
            return true;
        }
        if (quantity.Raw == 0) return true; // removing a level the book does not hold: Binance sends these routinely
        if (_count == _maxLevels) return false;
        if (_count == _entries.Length) Grow();
        index = ~index;
        _entries.AsSpan(index, _count - index).CopyTo(_entries.AsSpan(index + 1));
        _entries[index] = new Entry(key, quantity.Raw);
        _count++;
        return true;
    }

    /// <summary>Replaces every level with <paramref name="levels"/> (any order; zero quantities skipped; a repeated price keeps one of its quantities).</summary>
    /// <returns>False when the levels exceed the limit; the side then holds the first levels up to the limit.</returns>
    public bool Load(ReadOnlySpan<BookLevel> levels)
    {
        _count = 0;
        while (_entries.Length < Math.Min(levels.Length, _maxLevels)) Grow();
        bool sorted = true;
        foreach (BookLevel level in levels)
        {
            if (level.Quantity.Raw == 0) continue;
            if (_count == _maxLevels) return false;
            long key = _isAsk ? -level.Price.Raw : level.Price.Raw;
            if (_count > 0 && key <= _entries[_count - 1].Key) sorted = false;
            _entries[_count++] = new Entry(key, level.Quantity.Raw);
        }
        if (sorted) return true;
        // Snapshots list the best level first, the reverse of this order; a sort also settles any other order.
        _entries.AsSpan(0, _count).Sort(static (a, b) => a.Key.CompareTo(b.Key));
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (kept > 0 && _entries[kept - 1].Key == _entries[i].Key) kept--; // an unstable sort: a repeat keeps one of them
            _entries[kept++] = _entries[i];
        }
        _count = kept;
        return true;
    }

    /// <summary>The level <paramref name="depth"/> steps from the best (0 is the best).</summary>
    public BookLevel At(int depth)
    {
        Entry entry = _entries[_count - 1 - depth];
        return new BookLevel(new Price(_isAsk ? -entry.Key : entry.Key), new Quantity(entry.Quantity));
    }

    /// <summary>Copies up to <c>destination.Length</c> levels, best first; returns how many.</summary>
    public int CopyTop(Span<BookLevel> destination)
    {
        int n = Math.Min(destination.Length, _count);
        for (int i = 0; i < n; i++) destination[i] = At(i);
        return n;
    }

    /// <summary>Index of <paramref name="key"/>, or the bitwise complement of where it would go (as <see cref="Array.BinarySearch(Array, object)"/>).</summary>
    private int Search(long key)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            int mid = (int)((uint)(low + high) >> 1);
            long probe = _entries[mid].Key;
            if (probe == key) return mid;
            if (probe < key) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }

    private void Grow() => Array.Resize(ref _entries, (int)Math.Min(_maxLevels, Math.Max(16L, 2L * _entries.Length)));

    private record struct Entry(long Key, long Quantity);
}
