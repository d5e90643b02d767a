using Tickwise.Core.Market;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Pairs;

/// <summary>Everything known about a pair after one bar close: hedge ratios by each method, the spread and its
/// z-score, cointegration, half-life and correlation, each with its status.</summary>
/// <remarks>
/// <para>Leg A is the hedged leg (y), leg B the hedge (x): spread = A - (β B + α) with the β and α of
/// <see cref="SpreadMethod"/>, in prices or log prices as configured. Statistics over the window are NaN with
/// a status until <see cref="Observations"/> reaches the window (<see cref="IsReady"/>).</para>
/// <para><see cref="Correlation"/> and <see cref="SpearmanCorrelation"/> are of the legs' log returns over the window
/// (correlating price levels is spurious for trending prices).</para>
/// </remarks>
public sealed record PairSnapshot
{
    /// <summary>Gets the time of the bar close the snapshot follows (the bar's open time, Unix ms, as bars are stamped).</summary>
    public required long TimestampMs { get; init; }

    /// <summary>Gets the hedged leg A.</summary>
    public required Symbol SymbolA { get; init; }

    /// <summary>Gets the hedging leg B.</summary>
    public required Symbol SymbolB { get; init; }

    /// <summary>Gets the bars in the window now (at most the configured window).</summary>
    public required int Observations { get; init; }

    /// <summary>Gets whether the window is full, so every window statistic could be computed.</summary>
    public required bool IsReady { get; init; }

    /// <summary>Gets the last close of A (a log price when configured).</summary>
    public required double LegA { get; init; }

    /// <summary>Gets the last close of B (a log price when configured).</summary>
    public required double LegB { get; init; }

    /// <summary>Gets the OLS hedge over the window (full refit).</summary>
    public required HedgeEstimate WindowOls { get; init; }

    /// <summary>Gets the OLS hedge over the window from running moments.</summary>
    public required HedgeEstimate RollingOls { get; init; }

    /// <summary>Gets the Huber hedge over the window.</summary>
    public required HedgeEstimate Huber { get; init; }

    /// <summary>Gets the Theil-Sen hedge over the window.</summary>
    public required HedgeEstimate TheilSen { get; init; }

    /// <summary>Gets the Kalman hedge after every bar seen.</summary>
    public required HedgeEstimate Kalman { get; init; }

    /// <summary>Gets the method whose hedge defines <see cref="Spread"/>.</summary>
    public required HedgeMethod SpreadMethod { get; init; }

    /// <summary>Gets A - (β B + α) at the last bar, or NaN when that hedge is undefined.</summary>
    public required double Spread { get; init; }

    /// <summary>Gets whether the z-score is defined.</summary>
    public required StatisticStatus ZScoreStatus { get; init; }

    /// <summary>Gets the last spread's z-score over the z-score window, with the current hedge applied to the whole window.</summary>
    public required double ZScore { get; init; }

    /// <summary>Gets the mean of the spread over the z-score window.</summary>
    public required double SpreadMean { get; init; }

    /// <summary>Gets the population standard deviation of the spread over the z-score window.</summary>
    public required double SpreadStdDev { get; init; }

    /// <summary>Gets the Engle-Granger test of A on B over the window (its own OLS hedge).</summary>
    public required EngleGrangerResult Cointegration { get; init; }

    /// <summary>Gets the half-life of the spread over the window, in bars.</summary>
    public required HalfLifeResult HalfLife { get; init; }

    /// <summary>Gets whether <see cref="Correlation"/> is defined.</summary>
    public required StatisticStatus CorrelationStatus { get; init; }

    /// <summary>Gets the Pearson correlation of the legs' log returns over the window.</summary>
    public required double Correlation { get; init; }

    /// <summary>Gets Spearman's correlation of the log returns over the window, or NaN when not asked for or undefined.</summary>
    public required double SpearmanCorrelation { get; init; }

    /// <summary>Returns the estimate of the given method.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is unknown.</exception>
    public HedgeEstimate Hedge(HedgeMethod method) => method switch
    {
        HedgeMethod.WindowOls => WindowOls,
        HedgeMethod.RollingOls => RollingOls,
        HedgeMethod.Huber => Huber,
        HedgeMethod.TheilSen => TheilSen,
        HedgeMethod.Kalman => Kalman,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown hedge method."),
    };
}
