namespace Tickwise.Core.Indicators;

/// <summary>A fixed-capacity window of the latest doubles over one array.</summary>
/// <remarks>Indexes run from the oldest (0) to the newest (<see cref="Count"/> - 1).</remarks>
internal sealed class RingBuffer
{
    private readonly double[] _items;
    private int _next;

    public RingBuffer(int capacity)
    {
        Guard.Period(capacity, nameof(capacity));
        _items = new double[capacity];
    }

    public int Capacity => _items.Length;
    public int Count { get; private set; }
    public bool IsFull => Count == _items.Length;

    /// <summary>True right after an add that wrapped the write position to the start of the array:
    /// once every <see cref="Capacity"/> adds, which is when running sums are recomputed exactly.</summary>
    public bool Wrapped => _next == 0 && IsFull;

    /// <summary>Returns the element at <paramref name="index"/>, 0 being the oldest.</summary>
    public double this[int index]
    {
        get
        {
            int i = _next - Count + index;
            if (i < 0) i += _items.Length;
            return _items[i];
        }
    }

    /// <summary>Gets the oldest element, the one the next add evicts when full.</summary>
    public double Oldest => this[0];

    /// <summary>Gets the newest element.</summary>
    public double Newest => this[Count - 1];

    /// <summary>Adds <paramref name="value"/> and returns the evicted element, or NaN when none was evicted.</summary>
    public double Add(double value)
    {
        double evicted = double.NaN;
        if (IsFull) evicted = _items[_next];
        else Count++;
        _items[_next] = value;
        _next++;
        if (_next == _items.Length) _next = 0;
        return evicted;
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
        Array.Clear(_items);
    }
}
