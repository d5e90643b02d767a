namespace Tickwise.Core.Indicators;

/// <summary>Count, mean and centered sum of squares of the last <c>capacity</c> values, updated in O(1).</summary>
/// <remarks>
/// <para>Uses Welford's update for adds and its exact inverse for replacements
/// (<c>M2' = M2 + (new - old)(new - mean' + old - mean)</c>), which keeps the centered sum free of the
/// cancellation that a raw sum of squares suffers on prices far from zero.</para>
/// <para>Rounding still accumulates over a long run, so each time the ring wraps (once every
/// <c>capacity</c> updates) mean and M2 are recomputed exactly with two passes over the window: O(1)
/// amortized, and the error never outlives one window.</para>
/// <para>When the variance collapses (a window turning flat after a volatile stretch), the rounding left
/// from the larger values would dominate it, so a fall of M2 below 1e-6 of its peak since the last exact
/// pass also triggers one. A window whose spread is below a few ulps of its mean counts as flat (M2 = 0),
/// so that a constant series has a deviation of exactly zero rather than rounding noise.</para>
/// </remarks>
internal sealed class RollingMoments
{
    private readonly RingBuffer _window;
    private double _mean;
    private double _m2;
    private double _peakM2;

    public RollingMoments(int capacity) => _window = new RingBuffer(capacity);

    public int Count => _window.Count;
    public int Capacity => _window.Capacity;
    public bool IsFull => _window.IsFull;
    public double Mean => _window.Count == 0 ? double.NaN : _mean;
    public double Sum => _mean * _window.Count;
    public RingBuffer Window => _window;

    /// <summary>Centered sum of squares: never negative, and 0 when the spread is at rounding level of the mean.</summary>
    public double M2
    {
        get
        {
            double ulps = 4 * double.Epsilon + 4 * 2.220446049250313e-16 * Math.Abs(_mean);
            return _m2 > _window.Count * ulps * ulps ? _m2 : 0;
        }
    }

    public double PopulationVariance => _window.Count == 0 ? double.NaN : M2 / _window.Count;
    public double SampleVariance => _window.Count < 2 ? double.NaN : M2 / (_window.Count - 1);

    /// <summary>Adds a finite value, evicting the oldest when full.</summary>
    public void Add(double x)
    {
        if (_window.IsFull)
        {
            double old = _window.Add(x);
            double oldMean = _mean;
            double delta = x - old;
            _mean += delta / _window.Count;
            _m2 += delta * (x - _mean + old - oldMean);
        }
        else
        {
            _window.Add(x);
            double d = x - _mean;
            _mean += d / _window.Count;
            _m2 += d * (x - _mean);
        }

        if (_m2 > _peakM2) _peakM2 = _m2;
        if (_window.Wrapped || _m2 < 1e-6 * _peakM2) Recompute();
    }

    public void Clear()
    {
        _window.Clear();
        _mean = 0;
        _m2 = 0;
        _peakM2 = 0;
    }

    private void Recompute()
    {
        int n = _window.Count;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += _window[i];
        double mean = sum / n;
        double m2 = 0, correction = 0;
        for (int i = 0; i < n; i++)
        {
            double d = _window[i] - mean;
            m2 += d * d;
            correction += d;
        }

        // The second pass's residual sum corrects the mean's own rounding (Chan, Golub and LeVeque 1983).
        _mean = mean + correction / n;
        _m2 = m2 - correction * correction / n;
        _peakM2 = _m2;
    }
}
