namespace Tickwise.Core.Indicators;

/// <summary>Simple moving average: the mean of the last <see cref="Period"/> inputs.</summary>
/// <remarks>
/// Ready after <see cref="Period"/> inputs, as Stock.Indicators' <c>ToSma</c> (first value at index N-1).
/// Keeps a running sum, recomputed exactly every <see cref="Period"/> updates so that rounding never
/// accumulates beyond one window.
/// </remarks>
public sealed class Sma : ValueIndicator
{
    private readonly RingBuffer _window;
    private double _sum;

    /// <summary>Creates an SMA over <paramref name="period"/> inputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Sma(int period)
    {
        Guard.Period(period, nameof(period));
        _window = new RingBuffer(period);
    }

    /// <summary>Gets the look-back length.</summary>
    public int Period => _window.Capacity;

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public override double Value => _window.IsFull ? _sum / _window.Count : double.NaN;

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        double evicted = _window.Add(value);
        _sum += value;
        if (!double.IsNaN(evicted)) _sum -= evicted;
        if (_window.Wrapped)
        {
            double sum = 0;
            for (int i = 0; i < _window.Count; i++) sum += _window[i];
            _sum = sum;
        }
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _window.Clear();
        _sum = 0;
    }

    /// <summary>Returns the SMA of every prefix of <paramref name="values"/>, summing each window afresh (the reference).</summary>
    /// <returns>One value per input; NaN before the window fills; at a non-finite input, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] Batch(ReadOnlySpan<double> values, int period)
    {
        Guard.Period(period, nameof(period));
        return BatchInput.Map(values, BatchInput.IsFinite, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            for (int i = period - 1; i < x.Length; i++)
            {
                double sum = 0;
                for (int j = i - period + 1; j <= i; j++) sum += x[j];
                output[i] = sum / period;
            }

            return output;
        });
    }
}
