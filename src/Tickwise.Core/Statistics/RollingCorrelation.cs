using Tickwise.Core.Indicators;

namespace Tickwise.Core.Statistics;

/// <summary>Pearson correlation of two series over the last <see cref="Window"/> pairs, updated in O(1).</summary>
/// <remarks>
/// <para>Ready after <see cref="Window"/> pairs. Computed from running centered moments (population
/// normalization, which cancels in the correlation), recomputed exactly every <see cref="Window"/> updates.
/// Stock.Indicators' <c>ToCorrelation</c> correlates raw prices the same way; correlate returns by feeding returns.</para>
/// <para>A pair with a NaN or infinite member is ignored and counted. When either series is flat over the
/// window the correlation is undefined: NaN, and <see cref="Status"/> is <see cref="StatisticStatus.ConstantSeries"/>.</para>
/// </remarks>
public sealed class RollingCorrelation : IIndicator
{
    private readonly RollingCoMoments _moments;

    /// <summary>Creates a rolling correlation over <paramref name="window"/> pairs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public RollingCorrelation(int window)
    {
        Guard.Period(window, nameof(window), minimum: 2);
        _moments = new RollingCoMoments(window);
    }

    /// <summary>Gets the number of pairs in the window.</summary>
    public int Window => _moments.Capacity;

    /// <inheritdoc/>
    public int WarmUpPeriod => Window;

    /// <inheritdoc/>
    public bool IsReady => _moments.IsFull;

    /// <inheritdoc/>
    public long SampleCount { get; private set; }

    /// <inheritdoc/>
    public long RejectedCount { get; private set; }

    /// <summary>Gets whether the correlation is defined now.</summary>
    public StatisticStatus Status =>
        !IsReady ? StatisticStatus.NotEnoughData
        : _moments.Sxx > 0 && _moments.Syy > 0 ? StatisticStatus.Ok : StatisticStatus.ConstantSeries;

    /// <summary>Gets the correlation, in [-1, 1], or NaN when <see cref="Status"/> is not Ok.</summary>
    public double Value
    {
        get
        {
            if (Status != StatisticStatus.Ok) return double.NaN;
            double r = _moments.Sxy / Math.Sqrt(_moments.Sxx * _moments.Syy);
            return r > 1 ? 1 : r < -1 ? -1 : r;
        }
    }

    /// <summary>Gets the squared correlation, or NaN when not Ok.</summary>
    public double RSquared => Value * Value;

    /// <summary>Gets the population covariance (divided by n), or NaN until ready.</summary>
    public double Covariance => IsReady ? _moments.Sxy / Window : double.NaN;

    /// <summary>Gets the population variance of x, or NaN until ready.</summary>
    public double VarianceX => IsReady ? _moments.Sxx / Window : double.NaN;

    /// <summary>Gets the population variance of y, or NaN until ready.</summary>
    public double VarianceY => IsReady ? _moments.Syy / Window : double.NaN;

    /// <summary>Feeds the next pair; a pair with a non-finite member is ignored and counted.</summary>
    public void Update(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            RejectedCount++;
            return;
        }

        SampleCount++;
        _moments.Add(x, y);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        SampleCount = 0;
        RejectedCount = 0;
        _moments.Clear();
    }
}
