using Tickwise.Core.Market;

namespace Tickwise.Binance.Book;

/// <summary>One side of an order book: price levels in a sorted array, best level last.</summary>
/// <remarks>
/// Levels are keyed by <see cref="Price.Raw"/>; asks store the negated key so that both sides sort ascending and
/// keep their best level at the end of the array. Binance's diffs touch the top of the book far more often than the
/// tail, so an insert or removal there moves only the few entries beyond it: a binary search plus a short
/// <see cref="Array.Copy(Array, int, Array, int, int)"/>, and no allocation once the arrays have grown to the book's size.
/// Not thread-safe.
/// </remarks>
internal sealed class BookSide
{
    private readonly bool _isAsk;
    private readonly int _maxLevels;
    private long[] _keys;
    private long[] _quantities;
    private int _count;

    public BookSide(bool isAsk, int maxLevels, int initialCapacity = 1024)
    {
        _isAsk = isAsk;
        _maxLevels = maxLevels;
        _keys = new long[initialCapacity];
        _quantities = new long[initialCapacity];
    }

    /// <summary>Price levels held.</summary>
    public int Count => _count;

    /// <summary>Removes every level, keeping the arrays.</summary>
    public void Clear() => _count = 0;

    /// <summary>Sets the quantity at a price; zero removes the level. False when a new level would exceed the limit.</summary>
    public bool Set(Price price, Quantity quantity)
    {
        long key = _isAsk ? -price.Raw : price.Raw;
        int index = Array.BinarySearch(_keys, 0, _count, key);
        if (index >= 0)
        {
            if (quantity.Raw == 0)
            {
                Array.Copy(_keys, index + 1, _keys, index, _count - index - 1);
                Array.Copy(_quantities, index + 1, _quantities, index, _count - index - 1);
                _count--;
            }
            else
            {
                _quantities[index] = quantity.Raw;
            }
            return true;
        }
        if (quantity.Raw == 0) return true; // removing a level the book does not hold: Binance sends these routinely
        if (_count == _maxLevels) return false;
        if (_count == _keys.Length) Grow();
        index = ~index;
        Array.Copy(_keys, index, _keys, index + 1, _count - index);
        Array.Copy(_quantities, index, _quantities, index + 1, _count - index);
        _keys[index] = key;
        _quantities[index] = quantity.Raw;
        _count++;
        return true;
    }

    /// <summary>Replaces every level with <paramref name="levels"/> (any order; zero quantities skipped; a repeated price keeps one of its quantities).</summary>
    /// <returns>False when the levels exceed the limit; the side then holds the first levels up to the limit.</returns>
    public bool Load(ReadOnlySpan<BookLevel> levels)
    {
        _count = 0;
        while (_keys.Length < Math.Min(levels.Length, _maxLevels)) Grow();
        bool sorted = true;
        foreach (BookLevel level in levels)
        {
            if (level.Quantity.Raw == 0) continue;
            if (_count == _maxLevels) return false;
            long key = _isAsk ? -level.Price.Raw : level.Price.Raw;
            if (_count > 0 && key <= _keys[_count - 1]) sorted = false;
            _keys[_count] = key;
            _quantities[_count] = level.Quantity.Raw;
            _count++;
        }
        if (sorted) return true;
        // Snapshots list the best level first, the reverse of this order; a sort also settles any other order.
        Array.Sort(_keys, _quantities, 0, _count);
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (kept > 0 && _keys[kept - 1] == _keys[i]) kept--; // Array.Sort is unstable: a repeat keeps one of them
            _keys[kept] = _keys[i];
            _quantities[kept] = _quantities[i];
            kept++;
        }
        _count = kept;
        return true;
    }

    /// <summary>The level <paramref name="depth"/> steps from the best (0 is the best).</summary>
    public BookLevel At(int depth)
    {
        int index = _count - 1 - depth;
        long key = _keys[index];
        return new BookLevel(new Price(_isAsk ? -key : key), new Quantity(_quantities[index]));
    }

    /// <summary>Copies up to <c>destination.Length</c> levels, best first; returns how many.</summary>
    public int CopyTop(Span<BookLevel> destination)
    {
        int n = Math.Min(destination.Length, _count);
        for (int i = 0; i < n; i++) destination[i] = At(i);
        return n;
    }

    private void Grow()
    {
        int size = (int)Math.Min(_maxLevels, Math.Max(16L, 2L * _keys.Length));
        Array.Resize(ref _keys, size);
        Array.Resize(ref _quantities, size);
    }
}
