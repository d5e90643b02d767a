namespace Tickwise.Core.Indicators;

/// <summary>Rolling z-score: how many population standard deviations the latest input lies from the
/// mean of the last <see cref="Period"/> inputs (itself included).</summary>
/// <remarks>
/// As the <c>zScore</c> of Stock.Indicators' <c>ToStdDev</c>. Ready after <see cref="Period"/> inputs;
/// NaN when the window is flat (the deviation is zero and the score undefined).
/// Mean and deviation come from a rolling Welford update recomputed exactly every <see cref="Period"/> updates.
/// </remarks>
public sealed class ZScore : ValueIndicator
{
    private readonly RollingMoments _moments;
    private double _last;

    /// <summary>Creates a z-score over a window of <paramref name="period"/> inputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 2.</exception>
    public ZScore(int period)
    {
        Guard.Period(period, nameof(period), minimum: 2);
        _moments = new RollingMoments(period);
    }

    /// <summary>Gets the window length.</summary>
    public int Period => _moments.Capacity;

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public override double Value
    {
        get
        {
            if (!IsReady) return double.NaN;
            double sd = Math.Sqrt(_moments.PopulationVariance);
            return sd > 0 ? (_last - _moments.Mean) / sd : double.NaN;
        }
    }

    /// <summary>Gets the mean of the window, or NaN until ready.</summary>
    public double Mean => IsReady ? _moments.Mean : double.NaN;

    /// <summary>Gets the population standard deviation of the window, or NaN until ready.</summary>
    public double StdDev => IsReady ? Math.Sqrt(_moments.PopulationVariance) : double.NaN;

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        _moments.Add(value);
        _last = value;
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _moments.Clear();
        _last = 0;
    }

    /// <summary>Returns the z-score of every input against its window, two-pass (the reference).</summary>
    /// <returns>One value per input; NaN before the window fills or for a flat window; at a non-finite input, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 2.</exception>
    public static double[] Batch(ReadOnlySpan<double> values, int period)
    {
        Guard.Period(period, nameof(period), minimum: 2);
        return BatchInput.Map(values, BatchInput.IsFinite, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            for (int i = period - 1; i < x.Length; i++)
            {
                int start = i - period + 1;
                double mean = 0;
                for (int j = start; j <= i; j++) mean += x[j];
                mean /= period;
                double sd = Math.Sqrt(RollingStatistics.CenteredSquares(x, start, period) / period);
                output[i] = sd > 0 ? (x[i] - mean) / sd : double.NaN;
            }

            return output;
        });
    }
}
