using System.Buffers;

namespace Tickwise.Core.Backtest;

/// <summary>A growable buffer over arrays rented from <see cref="ArrayPool{T}.Shared"/>: what a backtest collects while it
/// runs (signals, trades, trade P&amp;Ls), kept without the garbage of a <see cref="List{T}"/>'s doublings.</summary>
/// <remarks>Why: a backtest of 100,000 bars emits tens of thousands of signals and trades; growing lists allocated
/// about twice their final size on the large object heap each run, and fresh large arrays cost page faults and zeroing.
/// <see cref="ToArray"/> copies the items once into an exact-size array; <see cref="Dispose"/> returns the buffer. A
/// mutable struct: keep it in a local or a field, never copy it.</remarks>
internal struct PooledBuffer<T> : IDisposable
{
    private T[] _items;
    private int _count;

    /// <summary>Creates an empty buffer that rents on the first <see cref="Add"/>.</summary>
    public PooledBuffer() => _items = [];

    /// <summary>The number of items added.</summary>
    public readonly int Count => _count;

    /// <summary>The items added, in order; valid until the next <see cref="Add"/> or <see cref="Dispose"/>.</summary>
    public readonly ReadOnlySpan<T> Span => new(_items, 0, _count);

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(in T item)
    {
        if (_count == _items.Length) Grow();
        _items[_count++] = item;
    }

    /// <summary>Returns the items in an array of their exact count.</summary>
    public readonly T[] ToArray() => Span.ToArray();

    /// <summary>Returns the rented array to the pool; the buffer is empty after.</summary>
    public void Dispose()
    {
        if (_items.Length > 0) ArrayPool<T>.Shared.Return(_items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = [];
        _count = 0;
    }

    private void Grow()
    {
        T[] bigger = ArrayPool<T>.Shared.Rent(Math.Max(256, _items.Length * 2));
        Array.Copy(_items, bigger, _count);
        if (_items.Length > 0) ArrayPool<T>.Shared.Return(_items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = bigger;
    }
}
