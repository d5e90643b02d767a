namespace Tickwise.Core.Indicators;

/// <summary>Bollinger bands: the SMA of the last <see cref="Period"/> inputs plus and minus
/// <see cref="Multiplier"/> population standard deviations.</summary>
/// <remarks>
/// <para>As Stock.Indicators' <c>ToBollingerBands</c>: population standard deviation (divided by N),
/// %B = (x - lower) / (upper - lower), z-score = (x - middle) / sd, width = (upper - lower) / middle,
/// x being the latest input. <see cref="Value"/> is the middle band. Ready after <see cref="Period"/> inputs.</para>
/// <para>%B and the z-score are NaN when the window is flat (sd = 0); the width is NaN when the middle is 0.</para>
/// </remarks>
public sealed class BollingerBands : ValueIndicator
{
    private readonly RollingMoments _moments;
    private double _last;

    /// <summary>Creates bands over <paramref name="period"/> inputs, <paramref name="multiplier"/> deviations wide.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1 or <paramref name="multiplier"/> is not a positive finite number.</exception>
    public BollingerBands(int period = 20, double multiplier = 2)
    {
        Guard.Period(period, nameof(period));
        if (!(multiplier > 0) || !double.IsFinite(multiplier))
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The multiplier must be a positive finite number.");
        _moments = new RollingMoments(period);
        Multiplier = multiplier;
    }

    /// <summary>Gets the window length.</summary>
    public int Period => _moments.Capacity;

    /// <summary>Gets the number of standard deviations between the middle and each band.</summary>
    public double Multiplier { get; }

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period;

    /// <summary>Gets the middle band.</summary>
    public override double Value => Middle;

    /// <summary>Gets the middle band (the SMA), or NaN until ready.</summary>
    public double Middle => IsReady ? _moments.Mean : double.NaN;

    /// <summary>Gets the population standard deviation of the window, or NaN until ready.</summary>
    public double StdDev => IsReady ? Math.Sqrt(_moments.PopulationVariance) : double.NaN;

    /// <summary>Gets the upper band, or NaN until ready.</summary>
    public double Upper => Middle + Multiplier * StdDev;

    /// <summary>Gets the lower band, or NaN until ready.</summary>
    public double Lower => Middle - Multiplier * StdDev;

    /// <summary>Gets where the latest input sits between the bands (0 at the lower, 1 at the upper), or NaN.</summary>
    public double PercentB => StdDev > 0 ? (_last - Lower) / (Upper - Lower) : double.NaN;

    /// <summary>Gets the latest input's distance from the middle in standard deviations, or NaN.</summary>
    public double ZScore => StdDev > 0 ? (_last - Middle) / StdDev : double.NaN;

    /// <summary>Gets the band width relative to the middle, or NaN.</summary>
    public double Width => Middle != 0 ? (Upper - Lower) / Middle : double.NaN;

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

    /// <summary>Returns the middle, upper and lower bands of every window of <paramref name="values"/>, two-pass (the reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static (double[] Middle, double[] Upper, double[] Lower) Batch(ReadOnlySpan<double> values, int period = 20, double multiplier = 2)
    {
        double[] middle = Sma.Batch(values, period);
        double[] sd = RollingStatistics.BatchPopulationStdDev(values, period);
        var upper = new double[values.Length];
        var lower = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            upper[i] = middle[i] + multiplier * sd[i];
            lower[i] = middle[i] - multiplier * sd[i];
        }

        return (middle, upper, lower);
    }
}
