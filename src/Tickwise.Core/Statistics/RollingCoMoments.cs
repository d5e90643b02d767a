using Tickwise.Core.Indicators;

namespace Tickwise.Core.Statistics;

/// <summary>Means and centered second moments (Sxx, Syy, Sxy) of the last <c>capacity</c> (x, y) pairs, O(1) per update.</summary>
/// <remarks>
/// <para>Adds use Welford's update; once full, a replacement updates the moments in one step
/// (<c>Sxy' = Sxy + dx (y_new - mean_y') + dy (x_old - mean_x)</c>, dx and dy the new minus the evicted
/// values), which avoids the cancellation of raw sums of products on prices far from zero.</para>
/// <para>Rounding that still accumulates is cleared by an exact two-pass recomputation every <c>capacity</c>
/// updates (when the ring wraps: O(1) amortized), and also whenever Sxx or Syy falls below 1e-6 of its peak
/// since the last exact pass, where the leftover rounding of larger values would dominate. A spread below a
/// few ulps of the mean counts as none (flat), so that a constant series is exactly constant.</para>
/// </remarks>
internal sealed class RollingCoMoments
{
    private readonly double[] _x;
    private readonly double[] _y;
    private int _next;
    private double _meanX, _meanY, _sxx, _syy, _sxy, _peakSxx, _peakSyy;

    public RollingCoMoments(int capacity)
    {
        _x = new double[capacity];
        _y = new double[capacity];
    }

    public int Capacity => _x.Length;
    public int Count { get; private set; }
    public bool IsFull => Count == _x.Length;
    public double MeanX => _meanX;
    public double MeanY => _meanY;
    /// <summary>Cross moment; 0 when either series is flat, since |Sxy| &lt;= sqrt(Sxx Syy) (rounding aside).</summary>
    public double Sxy => Sxx == 0 || Syy == 0 ? 0 : _sxy;
    public double Sxx => Flatness.IsFlat(_sxx, Count, _meanX) ? 0 : _sxx;
    public double Syy => Flatness.IsFlat(_syy, Count, _meanY) ? 0 : _syy;

    public void Add(double x, double y)
    {
        int capacity = _x.Length;
        if (Count == capacity)
        {
            double oldX = _x[_next], oldY = _y[_next];
            double dx = x - oldX, dy = y - oldY;
            double oldMeanX = _meanX, oldMeanY = _meanY;
            _meanX += dx / capacity;
            _meanY += dy / capacity;
            _sxx += dx * (x - _meanX + oldX - oldMeanX);
            _syy += dy * (y - _meanY + oldY - oldMeanY);
            _sxy += dx * (y - _meanY) + dy * (oldX - oldMeanX);
        }
        else
        {
            Count++;
            double dx = x - _meanX, dy = y - _meanY;
            _meanX += dx / Count;
            _meanY += dy / Count;
            _sxx += dx * (x - _meanX);
            _syy += dy * (y - _meanY);
            _sxy += dx * (y - _meanY);
        }

        _x[_next] = x;
        _y[_next] = y;
        if (++_next == capacity) _next = 0;

        if (_sxx > _peakSxx) _peakSxx = _sxx;
        if (_syy > _peakSyy) _peakSyy = _syy;
        if ((_next == 0 && Count == capacity) || _sxx < 1e-6 * _peakSxx || _syy < 1e-6 * _peakSyy) Recompute();
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
        _meanX = _meanY = _sxx = _syy = _sxy = _peakSxx = _peakSyy = 0;
        Array.Clear(_x);
        Array.Clear(_y);
    }

    private void Recompute()
    {
        // The ring's slots hold exactly the window (order does not matter for moments).
        int n = Count;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += _x[i]; my += _y[i]; }
        mx /= n;
        my /= n;
        double cx = 0, cy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = _x[i] - mx, dy = _y[i] - my;
            cx += dx;
            cy += dy;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        // Correct for the rounding of the first pass's means (Chan, Golub and LeVeque 1983).
        _meanX = mx + cx / n;
        _meanY = my + cy / n;
        _sxx = sxx - cx * cx / n;
        _syy = syy - cy * cy / n;
        _sxy = sxy - cx * cy / n;
        _peakSxx = _sxx;
        _peakSyy = _syy;
    }
}
