namespace Tickwise.Core.Indicators;

/// <summary>Linearly weighted moving average: weights 1 (oldest) to <see cref="Period"/> (newest).</summary>
/// <remarks>
/// Ready after <see cref="Period"/> inputs, as Stock.Indicators' <c>ToWma</c>. O(1) per update from the
/// identity <c>W' = W - S + N x</c> (W the weighted sum, S the plain sum before the eviction); both sums
/// are recomputed exactly every <see cref="Period"/> updates so that rounding never accumulates.
/// </remarks>
public sealed class Wma : ValueIndicator
{
    private readonly RingBuffer _window;
    private readonly double _divisor;
    private double _sum;
    private double _weighted;

    /// <summary>Creates a WMA over <paramref name="period"/> inputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Wma(int period)
    {
        Guard.Period(period, nameof(period));
        _window = new RingBuffer(period);
        _divisor = period * (period + 1.0) / 2.0;
    }

    /// <summary>Gets the look-back length.</summary>
    public int Period => _window.Capacity;

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public override double Value => _window.IsFull ? _weighted / _divisor : double.NaN;

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        if (_window.IsFull)
        {
            // Every kept value loses one unit of weight (-S), the newest enters with weight N.
            _weighted += Period * value - _sum;
            _sum += value - _window.Add(value);
        }
        else
        {
            _window.Add(value);
            _sum += value;
            _weighted += _window.Count * value;
        }

        if (_window.Wrapped)
        {
            double sum = 0, weighted = 0;
            for (int i = 0; i < Period; i++)
            {
                sum += _window[i];
                weighted += (i + 1) * _window[i];
            }

            _sum = sum;
            _weighted = weighted;
        }
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _window.Clear();
        _sum = 0;
        _weighted = 0;
    }

    /// <summary>Returns the WMA of every prefix of <paramref name="values"/>, weighting each window afresh (the reference).</summary>
    /// <returns>One value per input; NaN before the window fills; at a non-finite input, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] Batch(ReadOnlySpan<double> values, int period)
    {
        Guard.Period(period, nameof(period));
        double divisor = period * (period + 1.0) / 2.0;
        return BatchInput.Map(values, BatchInput.IsFinite, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            for (int i = period - 1; i < x.Length; i++)
            {
                double weighted = 0;
                for (int j = 0; j < period; j++) weighted += (j + 1) * x[i - period + 1 + j];
                output[i] = weighted / divisor;
            }

            return output;
        });
    }
}
