namespace Tickwise.Core.Indicators;

/// <summary>Relative strength index with Wilder smoothing, from 0 to 100.</summary>
/// <remarks>
/// <para>As Stock.Indicators' <c>ToRsi</c>: the first average gain and loss are the simple means of the
/// first <see cref="Period"/> changes, then <c>avg = (avg (N - 1) + current) / N</c>. Ready after
/// <see cref="Period"/> + 1 inputs (the first change needs two).</para>
/// <para>When the average loss is zero the RSI is 100 (also for a flat series), as in the source.</para>
/// </remarks>
public sealed class Rsi : ValueIndicator
{
    private double _previous;
    private double _avgGain;
    private double _avgLoss;

    /// <summary>Creates an RSI over <paramref name="period"/> changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Rsi(int period)
    {
        Guard.Period(period, nameof(period));
        Period = period;
    }

    /// <summary>Gets the number of changes averaged.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc/>
    public override double Value => IsReady ? Compute(_avgGain, _avgLoss) : double.NaN;

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        if (SampleCount > 1)
        {
            double change = value - _previous;
            double gain = change > 0 ? change : 0;
            double loss = change < 0 ? -change : 0;
            if (SampleCount <= WarmUpPeriod)
            {
                // Seed: plain sums, divided once the first Period changes are in.
                _avgGain += gain;
                _avgLoss += loss;
                if (SampleCount == WarmUpPeriod) { _avgGain /= Period; _avgLoss /= Period; }
            }
            else
            {
                _avgGain = (_avgGain * (Period - 1) + gain) / Period;
                _avgLoss = (_avgLoss * (Period - 1) + loss) / Period;
            }
        }

        _previous = value;
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _previous = 0;
        _avgGain = 0;
        _avgLoss = 0;
    }

    private static double Compute(double avgGain, double avgLoss) =>
        avgLoss == 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);

    /// <summary>Returns the RSI of every prefix of <paramref name="values"/> (the reference).</summary>
    /// <returns>One value per input; NaN before index <paramref name="period"/>; at a non-finite input, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] Batch(ReadOnlySpan<double> values, int period)
    {
        Guard.Period(period, nameof(period));
        return BatchInput.Map(values, BatchInput.IsFinite, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            if (x.Length <= period) return output;
            double gain = 0, loss = 0;
            for (int i = 1; i <= period; i++)
            {
                double c = x[i] - x[i - 1];
                gain += Math.Max(c, 0);
                loss += Math.Max(-c, 0);
            }

            gain /= period;
            loss /= period;
            output[period] = Compute(gain, loss);
            for (int i = period + 1; i < x.Length; i++)
            {
                double c = x[i] - x[i - 1];
                gain = (gain * (period - 1) + Math.Max(c, 0)) / period;
                loss = (loss * (period - 1) + Math.Max(-c, 0)) / period;
                output[i] = Compute(gain, loss);
            }

            return output;
        });
    }
}
