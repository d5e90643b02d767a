namespace Tickwise.Core.Indicators;

/// <summary>Exponential moving average with smoothing <c>k = 2 / (Period + 1)</c>.</summary>
/// <remarks>
/// Seeded with the SMA of the first <see cref="Period"/> inputs, then <c>ema += k (x - ema)</c>, as
/// Stock.Indicators' <c>ToEma</c>: ready after <see cref="Period"/> inputs.
/// </remarks>
public sealed class Ema : ValueIndicator
{
    private readonly double _k;
    private double _seedSum;
    private double _ema;

    /// <summary>Creates an EMA over <paramref name="period"/> inputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Ema(int period)
    {
        Guard.Period(period, nameof(period));
        Period = period;
        _k = 2.0 / (period + 1);
    }

    /// <summary>Gets the look-back length.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public override double Value => IsReady ? _ema : double.NaN;

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        if (SampleCount < Period) _seedSum += value;
        else if (SampleCount == Period) { _seedSum += value; _ema = _seedSum / Period; }
        else _ema += _k * (value - _ema);
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _seedSum = 0;
        _ema = 0;
    }

    /// <summary>Returns the EMA of every prefix of <paramref name="values"/> (the reference).</summary>
    /// <returns>One value per input; NaN before the seed; at a non-finite input, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] Batch(ReadOnlySpan<double> values, int period)
    {
        Guard.Period(period, nameof(period));
        double k = 2.0 / (period + 1);
        return BatchInput.Map(values, BatchInput.IsFinite, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            if (x.Length < period) return output;
            double sum = 0;
            for (int i = 0; i < period; i++) sum += x[i];
            output[period - 1] = sum / period;
            for (int i = period; i < x.Length; i++) output[i] = output[i - 1] + k * (x[i] - output[i - 1]);
            return output;
        });
    }
}
