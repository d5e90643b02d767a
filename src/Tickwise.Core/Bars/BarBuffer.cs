using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>A growable list of bars that is read as a span and cleared without freeing its storage.</summary>
/// <remarks>Shared by every symbol of a <see cref="BarAggregator"/> so that all closed bars land in one emission order.</remarks>
internal sealed class BarBuffer
{
    private Bar[] _items = new Bar[64];
    private int _count;

    public ReadOnlySpan<Bar> Span => new(_items, 0, _count);

    public void Add(in Bar bar)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_count++] = bar;
    }

    // The bars hold only interned symbol strings, so leaving stale copies in the array keeps nothing alive.
    public void Clear() => _count = 0;
}
