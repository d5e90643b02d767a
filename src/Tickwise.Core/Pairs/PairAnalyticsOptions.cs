using Tickwise.Core.Market;

namespace Tickwise.Core.Pairs;

/// <summary>Settings of a <see cref="PairAnalytics"/>.</summary>
/// <remarks>Windows count bars of the interval the closes come from (1m bars: minutes).</remarks>
public sealed record PairAnalyticsOptions
{
    /// <summary>Gets the interval of the bars <see cref="PairAnalytics.OnBar"/> takes; bars of other intervals are ignored. Default 1 minute.</summary>
    public Interval BarInterval { get; init; } = Interval.OneMinute;

    /// <summary>Gets the bars over which the hedge ratios (except Kalman), the cointegration test, the half-life and the
    /// correlations are computed. Default 240.</summary>
    public int WindowBars { get; init; } = 240;

    /// <summary>Gets the bars of the spread's z-score window (at most <see cref="WindowBars"/>). Default 60.</summary>
    public int ZScoreBars { get; init; } = 60;

    /// <summary>Gets the hedge method whose ratio defines the spread, its z-score and half-life. Default <see cref="HedgeMethod.WindowOls"/>.</summary>
    public HedgeMethod SpreadMethod { get; init; } = HedgeMethod.WindowOls;

    /// <summary>Gets whether the legs are log prices (then the hedge ratio is an elasticity and the spread a log ratio). Default false.</summary>
    public bool UseLogPrices { get; init; }

    /// <summary>Gets the largest lag of the cointegration test's residual ADF, or null for statsmodels' default (AIC choice up to it). Default null.</summary>
    public int? AdfMaxLag { get; init; }

    /// <summary>Gets whether to compute Spearman's correlation of the returns too (O(n log n) per bar). Default false.</summary>
    public bool ComputeSpearman { get; init; }

    /// <summary>Gets whether snapshots carry only what the spread needs: the OLS, rolling OLS and Kalman hedges, the
    /// spread method's own hedge, the spread, its z-score and the correlation. Huber and Theil-Sen are then fitted only
    /// when they define the spread, and the cointegration test, the half-life and Spearman's correlation are left out
    /// (status <see cref="Statistics.StatisticStatus.NotComputed"/>). Default false.</summary>
    /// <remarks>For per-bar series (<c>/api/pairs/series</c>, <c>export pair</c>): the full snapshot costs about a third
    /// of a millisecond a bar, most of it in the statistics a series does not show.</remarks>
    public bool SpreadOnly { get; init; }

    /// <summary>Gets the Kalman filter's process noise δ. Default 1e-4.</summary>
    public double KalmanDelta { get; init; } = 1e-4;

    /// <summary>Gets the Kalman filter's observation noise variance, or null to estimate it from the innovations. Default null.</summary>
    public double? KalmanObservationVariance { get; init; }

    /// <summary>Gets the pairs Theil-Sen samples when the window has more; with fewer it is exact. Default 20,000.</summary>
    public int TheilSenSamplePairs { get; init; } = Statistics.TheilSen.DefaultSamplePairs;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window is too short, the z-score window exceeds the window, a lag is
    /// negative, or a Kalman or Theil-Sen setting is invalid (the exception names it).</exception>
    public void Validate()
    {
        if (BarInterval.Milliseconds <= 0) throw new ArgumentOutOfRangeException(nameof(BarInterval), BarInterval, "The bar interval must be positive.");
        if (WindowBars < 20) throw new ArgumentOutOfRangeException(nameof(WindowBars), WindowBars, "The window needs at least 20 bars for the cointegration test.");
        if (ZScoreBars < 2 || ZScoreBars > WindowBars)
            throw new ArgumentOutOfRangeException(nameof(ZScoreBars), ZScoreBars, $"The z-score window must lie in [2, {WindowBars}].");
        if (SpreadMethod is < HedgeMethod.WindowOls or > HedgeMethod.Kalman)
            throw new ArgumentOutOfRangeException(nameof(SpreadMethod), SpreadMethod, "Unknown hedge method.");
        if (AdfMaxLag < 0) throw new ArgumentOutOfRangeException(nameof(AdfMaxLag), AdfMaxLag, "The lag cannot be negative.");
        if (!(KalmanDelta >= 0 && KalmanDelta < 1)) throw new ArgumentOutOfRangeException(nameof(KalmanDelta), KalmanDelta, "delta must lie in [0, 1).");
        if (KalmanObservationVariance is { } r && !(r > 0 && double.IsFinite(r)))
            throw new ArgumentOutOfRangeException(nameof(KalmanObservationVariance), r, "The observation variance must be positive and finite.");
        if (TheilSenSamplePairs < 1) throw new ArgumentOutOfRangeException(nameof(TheilSenSamplePairs), TheilSenSamplePairs, "Sample at least one pair.");
    }
}
