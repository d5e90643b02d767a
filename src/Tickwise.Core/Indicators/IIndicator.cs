namespace Tickwise.Core.Indicators;

/// <summary>The state every streaming indicator shares, whatever it is fed.</summary>
/// <remarks>
/// <para>An indicator is a small state machine: it is updated once per input, in time order, in O(1)
/// without allocating, and <see cref="Value"/> is <see cref="double.NaN"/> until <see cref="IsReady"/>.</para>
/// <para>Non-finite input (NaN or an infinity, and for price-based indicators a price that is not positive)
/// is ignored: it does not change the state and it is counted in <see cref="RejectedCount"/>. One bad tick
/// therefore never poisons a window; the count tells that it happened.</para>
/// <para>Variances square their inputs, so finite inputs beyond about 1e150 in magnitude can overflow them;
/// prices and returns are nowhere near that.</para>
/// </remarks>
public interface IIndicator
{
    /// <summary>Gets the current value, or <see cref="double.NaN"/> while the indicator is warming up.</summary>
    double Value { get; }

    /// <summary>Gets whether enough accepted inputs were seen for <see cref="Value"/> to be defined.</summary>
    bool IsReady { get; }

    /// <summary>Gets the number of accepted inputs after which the indicator is ready.</summary>
    int WarmUpPeriod { get; }

    /// <summary>Gets the number of inputs accepted since the last reset.</summary>
    long SampleCount { get; }

    /// <summary>Gets the number of inputs ignored since the last reset because they were not finite (or not a valid price).</summary>
    long RejectedCount { get; }

    /// <summary>Restores the state the indicator had when it was created.</summary>
    void Reset();
}
