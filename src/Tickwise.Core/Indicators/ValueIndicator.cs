namespace Tickwise.Core.Indicators;

/// <summary>Base of the indicators fed one number per step: counts accepted and rejected inputs.</summary>
/// <remarks>An input is accepted when <see cref="Accepts"/> says so (finite, by default); a rejected input
/// leaves the state and <see cref="Value"/> unchanged and increments <see cref="RejectedCount"/>.</remarks>
public abstract class ValueIndicator : IValueIndicator
{
    /// <inheritdoc/>
    public abstract double Value { get; }

    /// <inheritdoc/>
    public bool IsReady => SampleCount >= WarmUpPeriod;

    /// <inheritdoc/>
    public abstract int WarmUpPeriod { get; }

    /// <inheritdoc/>
    public long SampleCount { get; private set; }

    /// <inheritdoc/>
    public long RejectedCount { get; private set; }

    /// <inheritdoc/>
    public void Update(double value)
    {
        if (!Accepts(value))
        {
            RejectedCount++;
            return;
        }

        SampleCount++;
        Apply(value);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        SampleCount = 0;
        RejectedCount = 0;
        Clear();
    }

    /// <summary>Returns whether <paramref name="value"/> is a valid input; by default, whether it is finite.</summary>
    protected virtual bool Accepts(double value) => double.IsFinite(value);

    /// <summary>Applies an accepted input; <see cref="SampleCount"/> already counts it.</summary>
    protected abstract void Apply(double value);

    /// <summary>Clears the state kept by the derived indicator.</summary>
    protected abstract void Clear();
}
