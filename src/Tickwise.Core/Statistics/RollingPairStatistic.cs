using Tickwise.Core.Indicators;

namespace Tickwise.Core.Statistics;

/// <summary>
/// The shared state of a statistic of (x, y) pairs over a rolling window: the running centered moments, the
/// sample and rejection counts, readiness and reset. Subclasses read <see cref="Moments"/> to give their value.
/// </summary>
/// <remarks>A pair with a NaN or infinite member is ignored and counted in <see cref="RejectedCount"/>. O(1) per
/// update, no allocation; the moments are recomputed exactly every window (see <see cref="RollingCoMoments"/>).</remarks>
public abstract class RollingPairStatistic : IIndicator
{
    /// <summary>Creates the statistic over <paramref name="window"/> pairs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    protected RollingPairStatistic(int window)
    {
        Guard.Period(window, nameof(window), minimum: 2);
        Moments = new RollingCoMoments(window);
    }

    /// <summary>The running moments of the window.</summary>
    private protected RollingCoMoments Moments { get; }

    /// <summary>Gets the number of pairs in the window.</summary>
    public int Window => Moments.Capacity;

    /// <inheritdoc/>
    public int WarmUpPeriod => Window;

    /// <inheritdoc/>
    public bool IsReady => Moments.IsFull;

    /// <inheritdoc/>
    public long SampleCount { get; private set; }

    /// <inheritdoc/>
    public long RejectedCount { get; private set; }

    /// <inheritdoc/>
    public abstract double Value { get; }

    /// <summary>Feeds the next pair; a pair with a non-finite member is ignored and counted.</summary>
    public void Update(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            RejectedCount++;
            return;
        }

        SampleCount++;
        Moments.Add(x, y);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        SampleCount = 0;
        RejectedCount = 0;
        Moments.Clear();
    }
}
