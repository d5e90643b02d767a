namespace Tickwise.Core.Indicators;

/// <summary>The minimum or maximum of the last <c>capacity</c> values, O(1) amortized per add.</summary>
/// <remarks>
/// Keeps candidates in a deque over fixed arrays, each stamped with its sequence number: a new value
/// drops every candidate it dominates from the back, and the front leaves once it is older than the window.
/// Each value enters and leaves once, so a run of n adds costs O(n) whatever the order of the values.
/// </remarks>
internal sealed class MonotonicDeque
{
    private readonly double[] _values;
    private readonly long[] _sequence;
    private readonly bool _isMax;
    private int _head;
    private int _count;
    private long _added;

    public MonotonicDeque(int capacity, bool isMax)
    {
        Guard.Period(capacity, nameof(capacity));
        _values = new double[capacity];
        _sequence = new long[capacity];
        _isMax = isMax;
    }

    /// <summary>Gets the extreme of the window, or NaN when empty.</summary>
    public double Extreme => _count == 0 ? double.NaN : _values[_head];

    public void Add(double x)
    {
        int capacity = _values.Length;
        while (_count > 0)
        {
            int back = _head + _count - 1;
            if (back >= capacity) back -= capacity;
            double last = _values[back];
            if (_isMax ? last <= x : last >= x) _count--;
            else break;
        }

        long seq = _added++;
        // Drop the front once it is out of the window of the last `capacity` adds.
        if (_count > 0 && _sequence[_head] <= seq - capacity)
        {
            _head++;
            if (_head == capacity) _head = 0;
            _count--;
        }

        int slot = _head + _count;
        if (slot >= capacity) slot -= capacity;
        _values[slot] = x;
        _sequence[slot] = seq;
        _count++;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
        _added = 0;
    }
}
