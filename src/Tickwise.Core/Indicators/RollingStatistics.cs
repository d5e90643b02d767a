namespace Tickwise.Core.Indicators;

/// <summary>Mean, standard deviations, sum, minimum and maximum of the last <see cref="Period"/> inputs.</summary>
/// <remarks>
/// <para><see cref="Value"/> is the mean. Ready after <see cref="Period"/> inputs; before that every
/// statistic is NaN. The population standard deviation divides by N (as Stock.Indicators' <c>ToStdDev</c>),
/// the sample one by N - 1.</para>
/// <para>Mean and variance use a rolling Welford update, recomputed exactly every <see cref="Period"/>
/// updates; minimum and maximum use monotonic deques (exact, O(1) amortized).</para>
/// </remarks>
public sealed class RollingStatistics : ValueIndicator
{
    private readonly RollingMoments _moments;
    private readonly MonotonicDeque _min;
    private readonly MonotonicDeque _max;

    /// <summary>Creates the statistics of a window of <paramref name="period"/> inputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public RollingStatistics(int period)
    {
        Guard.Period(period, nameof(period));
        _moments = new RollingMoments(period);
        _min = new MonotonicDeque(period, isMax: false);
        _max = new MonotonicDeque(period, isMax: true);
    }

    /// <summary>Gets the window length.</summary>
    public int Period => _moments.Capacity;

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period;

    /// <summary>Gets the mean of the window.</summary>
    public override double Value => Mean;

    /// <summary>Gets the mean of the window, or NaN until ready.</summary>
    public double Mean => IsReady ? _moments.Mean : double.NaN;

    /// <summary>Gets the sum of the window, or NaN until ready.</summary>
    public double Sum => IsReady ? _moments.Sum : double.NaN;

    /// <summary>Gets the population variance (divided by N), or NaN until ready.</summary>
    public double PopulationVariance => IsReady ? _moments.PopulationVariance : double.NaN;

    /// <summary>Gets the sample variance (divided by N - 1), or NaN until ready or when the period is 1.</summary>
    public double SampleVariance => IsReady ? _moments.SampleVariance : double.NaN;

    /// <summary>Gets the population standard deviation, or NaN until ready.</summary>
    public double PopulationStdDev => Math.Sqrt(PopulationVariance);

    /// <summary>Gets the sample standard deviation, or NaN until ready or when the period is 1.</summary>
    public double SampleStdDev => Math.Sqrt(SampleVariance);

    /// <summary>Gets the smallest input in the window, or NaN until ready.</summary>
    public double Min => IsReady ? _min.Extreme : double.NaN;

    /// <summary>Gets the largest input in the window, or NaN until ready.</summary>
    public double Max => IsReady ? _max.Extreme : double.NaN;

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        _moments.Add(value);
        _min.Add(value);
        _max.Add(value);
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _moments.Clear();
        _min.Clear();
        _max.Clear();
    }

    /// <summary>Returns the population standard deviation of every window of <paramref name="values"/>, two-pass (the reference).</summary>
    /// <returns>One value per input; NaN before the window fills; at a non-finite input, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] BatchPopulationStdDev(ReadOnlySpan<double> values, int period) =>
        BatchWindow(values, period, static (x, start, n) => Math.Sqrt(CenteredSquares(x, start, n) / n));

    /// <summary>Returns the sample standard deviation of every window of <paramref name="values"/>, two-pass (the reference).</summary>
    /// <returns>One value per input; NaN before the window fills or when <paramref name="period"/> is 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] BatchSampleStdDev(ReadOnlySpan<double> values, int period) =>
        BatchWindow(values, period, static (x, start, n) => n < 2 ? double.NaN : Math.Sqrt(CenteredSquares(x, start, n) / (n - 1)));

    /// <summary>Returns the mean of every window of <paramref name="values"/> (the reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] BatchMean(ReadOnlySpan<double> values, int period) => Sma.Batch(values, period);

    /// <summary>Returns the minimum of every window of <paramref name="values"/> by scanning it (the reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] BatchMin(ReadOnlySpan<double> values, int period) =>
        BatchWindow(values, period, static (x, start, n) => { double m = x[start]; for (int j = start + 1; j < start + n; j++) m = Math.Min(m, x[j]); return m; });

    /// <summary>Returns the maximum of every window of <paramref name="values"/> by scanning it (the reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static double[] BatchMax(ReadOnlySpan<double> values, int period) =>
        BatchWindow(values, period, static (x, start, n) => { double m = x[start]; for (int j = start + 1; j < start + n; j++) m = Math.Max(m, x[j]); return m; });

    internal static double CenteredSquares(double[] x, int start, int n)
    {
        double mean = 0;
        for (int j = start; j < start + n; j++) mean += x[j];
        mean /= n;
        double m2 = 0;
        for (int j = start; j < start + n; j++) m2 += (x[j] - mean) * (x[j] - mean);
        return m2;
    }

    private static double[] BatchWindow(ReadOnlySpan<double> values, int period, Func<double[], int, int, double> window)
    {
        Guard.Period(period, nameof(period));
        return BatchInput.Map(values, BatchInput.IsFinite, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            for (int i = period - 1; i < x.Length; i++) output[i] = window(x, i - period + 1, period);
            return output;
        });
    }
}
