namespace Tickwise.Core.Statistics;

/// <summary>Pearson correlation of two series over the last <see cref="RollingPairStatistic.Window"/> pairs, updated in O(1).</summary>
/// <remarks>
/// <para>Ready after <see cref="RollingPairStatistic.Window"/> pairs. Computed from running centered moments (population
/// normalization, which cancels in the correlation), recomputed exactly every <see cref="RollingPairStatistic.Window"/> updates.
/// Stock.Indicators' <c>ToCorrelation</c> correlates raw prices the same way; correlate returns by feeding returns.</para>
/// <para>A pair with a NaN or infinite member is ignored and counted. When either series is flat over the
/// window the correlation is undefined: NaN, and <see cref="Status"/> is <see cref="StatisticStatus.ConstantSeries"/>.</para>
/// </remarks>
public sealed class RollingCorrelation : RollingPairStatistic
{
    /// <summary>Creates a rolling correlation over <paramref name="window"/> pairs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public RollingCorrelation(int window)
        : base(window)
    {
    }

    /// <summary>Gets whether the correlation is defined now.</summary>
    public StatisticStatus Status =>
        !IsReady ? StatisticStatus.NotEnoughData
        : Moments.Sxx > 0 && Moments.Syy > 0 ? StatisticStatus.Ok : StatisticStatus.ConstantSeries;

    /// <summary>Gets the correlation, in [-1, 1], or NaN when <see cref="Status"/> is not Ok.</summary>
    public override double Value
    {
        get
        {
            if (Status != StatisticStatus.Ok) return double.NaN;
            double r = Moments.Sxy / Math.Sqrt(Moments.Sxx * Moments.Syy);
            return r > 1 ? 1 : r < -1 ? -1 : r;
        }
    }

    /// <summary>Gets the squared correlation, or NaN when not Ok.</summary>
    public double RSquared => Value * Value;

    /// <summary>Gets the population covariance (divided by n), or NaN until ready.</summary>
    public double Covariance => IsReady ? Moments.Sxy / Window : double.NaN;

    /// <summary>Gets the population variance of x, or NaN until ready.</summary>
    public double VarianceX => IsReady ? Moments.Sxx / Window : double.NaN;

    /// <summary>Gets the population variance of y, or NaN until ready.</summary>
    public double VarianceY => IsReady ? Moments.Syy / Window : double.NaN;
}
