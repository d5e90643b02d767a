using Tickwise.Binance.Streams;

namespace Tickwise.Binance.Book;

/// <summary>A bounded first-in first-out queue of copied depth diffs, waiting for a snapshot to bridge them.</summary>
/// <remarks>
/// The parser reuses its <see cref="DepthUpdate"/>, so a diff that must wait is copied into a slot of this ring; the
/// slots are created on first use and reused after, so buffering allocates nothing once warmed up. When full, the
/// oldest diff is dropped: a snapshot taken later than it makes it stale anyway, and one taken earlier is too old
/// to bridge the rest, which the book reports.
/// </remarks>
internal sealed class DiffBuffer
{
    private readonly DepthUpdate?[] _slots;
    private int _head;
    private int _count;

    public DiffBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new DepthUpdate?[capacity];
    }

    /// <summary>Diffs held.</summary>
    public int Count => _count;

    /// <summary>The diff at <paramref name="index"/>, oldest first.</summary>
    public DepthUpdate this[int index] => _slots[(_head + index) % _slots.Length]!;

    /// <summary>Copies <paramref name="update"/> in; returns false when the oldest diff had to be dropped for room.</summary>
    public bool Add(DepthUpdate update)
    {
        bool dropped = false;
        if (_count == _slots.Length)
        {
            RemoveFirst(1);
            dropped = true;
        }
        int slot = (_head + _count) % _slots.Length;
        DepthUpdate target = _slots[slot] ??= new DepthUpdate(Math.Max(1, Math.Max(update.Bids.Length, update.Asks.Length)));
        update.CopyTo(target);
        _count++;
        return !dropped;
    }

    /// <summary>Removes the <paramref name="n"/> oldest diffs, keeping their slots for reuse.</summary>
    public void RemoveFirst(int n)
    {
        n = Math.Min(n, _count);
        _head = (_head + n) % _slots.Length;
        _count -= n;
    }

    /// <summary>Removes every diff.</summary>
    public void Clear()
    {
        _head = 0;
        _count = 0;
    }
}
