namespace Tickwise.Core.Indicators;

/// <summary>Realized volatility: the sample standard deviation of the last <see cref="Period"/> log returns,
/// scaled by the square root of <see cref="PeriodsPerYear"/>.</summary>
/// <remarks>
/// <para>Fed prices. The deviation divides by N - 1 (an estimate of the return distribution's spread, the
/// usual convention for historical volatility). Annualization multiplies by <c>sqrt(PeriodsPerYear)</c>:
/// crypto trades around the clock, so daily bars use 365, hourly bars 8760, minute bars 525600; 1 leaves the
/// per-period volatility. Ready after <see cref="Period"/> + 1 prices.</para>
/// <para>A price that is not finite and positive is ignored and counted.</para>
/// </remarks>
public sealed class RealizedVolatility : ValueIndicator
{
    private readonly RollingMoments _returns;
    private readonly double _scale;
    private double _previous;

    /// <summary>Creates the volatility of <paramref name="period"/> log returns, annualized by <paramref name="periodsPerYear"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 2, or <paramref name="periodsPerYear"/> is not a positive finite number.</exception>
    public RealizedVolatility(int period, double periodsPerYear = 1)
    {
        Guard.Period(period, nameof(period), minimum: 2);
        if (!(periodsPerYear > 0) || !double.IsFinite(periodsPerYear))
            throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "Periods per year must be a positive finite number.");
        _returns = new RollingMoments(period);
        PeriodsPerYear = periodsPerYear;
        _scale = Math.Sqrt(periodsPerYear);
    }

    /// <summary>Gets the number of returns in the window.</summary>
    public int Period => _returns.Capacity;

    /// <summary>Gets the number of bar periods in a year used to annualize.</summary>
    public double PeriodsPerYear { get; }

    /// <inheritdoc/>
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc/>
    public override double Value => IsReady ? Math.Sqrt(_returns.SampleVariance) * _scale : double.NaN;

    /// <inheritdoc/>
    protected override bool Accepts(double value) => BatchInput.IsPrice(value);

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        if (SampleCount > 1) _returns.Add(Math.Log(value / _previous));
        _previous = value;
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _returns.Clear();
        _previous = 0;
    }

    /// <summary>Returns the realized volatility at every price, two-pass over each window of log returns (the reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 2.</exception>
    public static double[] Batch(ReadOnlySpan<double> prices, int period, double periodsPerYear = 1)
    {
        Guard.Period(period, nameof(period), minimum: 2);
        double scale = Math.Sqrt(periodsPerYear);
        return BatchInput.Map(prices, BatchInput.IsPrice, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            if (x.Length < 2) return output;
            var r = new double[x.Length - 1];
            for (int i = 1; i < x.Length; i++) r[i - 1] = Math.Log(x[i] / x[i - 1]);
            for (int i = period; i < x.Length; i++)
                output[i] = Math.Sqrt(RollingStatistics.CenteredSquares(r, i - period, period) / (period - 1)) * scale;
            return output;
        });
    }
}
