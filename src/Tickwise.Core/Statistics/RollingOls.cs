namespace Tickwise.Core.Statistics;

/// <summary>Least-squares line of y on x over the last <see cref="RollingPairStatistic.Window"/> (x, y) pairs, updated in O(1).</summary>
/// <remarks>
/// <para><see cref="Value"/> is the slope (the hedge ratio when x and y are two prices). Ready after
/// <see cref="RollingPairStatistic.Window"/> pairs. Slope = Sxy / Sxx and intercept = mean(y) - slope mean(x) from running centered
/// moments, which are recomputed exactly every <see cref="RollingPairStatistic.Window"/> updates (O(1) amortized), so accuracy does
/// not decay over millions of updates.</para>
/// <para>A pair with a NaN or infinite member is ignored and counted in <see cref="RollingPairStatistic.RejectedCount"/>. When x is
/// constant over the window, the slope is undefined: the outputs are NaN and <see cref="Status"/> is
/// <see cref="StatisticStatus.ConstantSeries"/>.</para>
/// <para><see cref="StdDevY"/> is the population standard deviation of y, as Stock.Indicators' <c>ToSlope</c>;
/// <see cref="ResidualStdDev"/> divides the residual sum of squares by n - 2.</para>
/// </remarks>
public sealed class RollingOls : RollingPairStatistic
{
    /// <summary>Creates a rolling regression over <paramref name="window"/> pairs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public RollingOls(int window)
        : base(window)
    {
    }

    /// <summary>Gets whether the line is defined now: not enough data before the window fills, constant series when x is flat.</summary>
    public StatisticStatus Status =>
        !IsReady ? StatisticStatus.NotEnoughData : Moments.Sxx > 0 ? StatisticStatus.Ok : StatisticStatus.ConstantSeries;

    /// <summary>Gets the slope.</summary>
    public override double Value => Slope;

    /// <summary>Gets the slope of y on x, or NaN when <see cref="Status"/> is not Ok.</summary>
    public double Slope => Status == StatisticStatus.Ok ? Moments.Sxy / Moments.Sxx : double.NaN;

    /// <summary>Gets the intercept, or NaN when <see cref="Status"/> is not Ok.</summary>
    public double Intercept => Moments.MeanY - Slope * Moments.MeanX;

    /// <summary>Gets R², the squared correlation of x and y; NaN when not Ok or when y is flat (no variation to explain).</summary>
    public double RSquared
    {
        get
        {
            if (Status != StatisticStatus.Ok) return double.NaN;
            double syy = Moments.Syy;
            if (syy == 0) return double.NaN;
            double r2 = Moments.Sxy * Moments.Sxy / (Moments.Sxx * syy);
            return r2 > 1 ? 1 : r2;
        }
    }

    /// <summary>Gets the residual standard deviation sqrt(SSR / (n - 2)), or NaN when not Ok or the window is 2.</summary>
    public double ResidualStdDev
    {
        get
        {
            if (Status != StatisticStatus.Ok || Window < 3) return double.NaN;
            double ssr = Moments.Syy - Moments.Sxy * Moments.Sxy / Moments.Sxx;
            return Math.Sqrt(Math.Max(ssr, 0) / (Window - 2));
        }
    }

    /// <summary>Gets the population standard deviation of y over the window, or NaN until ready.</summary>
    public double StdDevY => IsReady ? Math.Sqrt(Moments.Syy / Window) : double.NaN;

    /// <summary>Gets the mean of x over the window, or NaN until ready.</summary>
    public double MeanX => IsReady ? Moments.MeanX : double.NaN;

    /// <summary>Gets the mean of y over the window, or NaN until ready.</summary>
    public double MeanY => IsReady ? Moments.MeanY : double.NaN;
}
