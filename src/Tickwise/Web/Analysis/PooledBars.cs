using System.Buffers;
using Tickwise.Core.Market;

namespace Tickwise.Web.Analysis;

/// <summary>A growable list of bars over arrays rented from <see cref="ArrayPool{T}.Shared"/>, returned on dispose.</summary>
/// <remarks>
/// The API reads up to 100,000 bars per request (10,000 for the chart: about 1.3 MB). A fresh array per request lands
/// on the large object heap and each one brings a full collection closer, which is what showed in the p99 of
/// <c>/api/bars</c>; a rented one is reused by the next request.
/// </remarks>
internal sealed class PooledBars : IDisposable
{
    private Bar[] _array;
    private int _start;
    private int _end;

    /// <summary>Creates an empty list with room for <paramref name="capacity"/> bars before it grows.</summary>
    public PooledBars(int capacity) => _array = ArrayPool<Bar>.Shared.Rent(Math.Max(16, capacity));

    /// <summary>The bars, oldest first.</summary>
    public ReadOnlySpan<Bar> Span => _array.AsSpan(_start, _end - _start);

    /// <summary>How many bars the list holds.</summary>
    public int Count => _end - _start;

    /// <summary>Appends one bar.</summary>
    public void Add(in Bar bar)
    {
        if (_end == _array.Length) Grow();
        _array[_end++] = bar;
    }

    /// <summary>Empties the list (a wider read starts over).</summary>
    public void Clear() => _start = _end = 0;

    /// <summary>Keeps only the last <paramref name="limit"/> bars.</summary>
    public void KeepLast(int limit)
    {
        if (Count > limit) _start = _end - limit;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Bar[] array = _array;
        _array = [];
        _start = _end = 0;
        // Bars hold a symbol (a string): clearing lets those go with the request.
        if (array.Length > 0) ArrayPool<Bar>.Shared.Return(array, clearArray: true);
    }

    private void Grow()
    {
        Bar[] bigger = ArrayPool<Bar>.Shared.Rent(_array.Length * 2);
        Array.Copy(_array, _start, bigger, 0, _end - _start);
        ArrayPool<Bar>.Shared.Return(_array, clearArray: true);
        _array = bigger;
        _end -= _start;
        _start = 0;
    }
}
