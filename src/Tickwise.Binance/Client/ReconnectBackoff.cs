namespace Tickwise.Binance.Client;

/// <summary>Exponential reconnect delays with jitter: the first, doubled after each failure up to a cap, and started
/// again once a connection has stayed up for a healthy period.</summary>
/// <remarks>
/// Each delay is drawn uniformly from <c>[d/2, d]</c>, where <c>d</c> is the current step, so that many clients
/// dropped together by the exchange do not all return in the same instant. Not thread-safe: the reconnect loop owns it.
/// </remarks>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly TimeSpan _healthyAfter;
    private readonly Random _random;
    private TimeSpan _step;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A timing is not positive or <paramref name="max"/> is below <paramref name="initial"/>.</exception>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, TimeSpan healthyAfter, Random random)
    {
        if (initial <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initial), initial, "Must be positive.");
        if (max < initial) throw new ArgumentOutOfRangeException(nameof(max), max, "The cap is below the first delay.");
        if (healthyAfter <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(healthyAfter), healthyAfter, "Must be positive.");
        ArgumentNullException.ThrowIfNull(random);
        _initial = initial;
        _max = max;
        _healthyAfter = healthyAfter;
        _random = random;
        _step = initial;
    }

    /// <summary>Failures since the last healthy connection.</summary>
    public int Attempt { get; private set; }

    /// <summary>Returns the delay before the next attempt and doubles the step (up to the cap).</summary>
    public TimeSpan Next()
    {
        TimeSpan step = _step;
        Attempt++;
        _step = step >= _max / 2 ? _max : step * 2;
        double fraction = 0.5 + 0.5 * _random.NextDouble();
        return TimeSpan.FromTicks(Math.Max(1, (long)(step.Ticks * fraction)));
    }

    /// <summary>Records that a connection ended after <paramref name="connectedFor"/>; a healthy one restarts the schedule.</summary>
    public void OnConnectionEnded(TimeSpan connectedFor)
    {
        if (connectedFor >= _healthyAfter) Reset();
    }

    /// <summary>Starts the schedule again from the first delay.</summary>
    public void Reset()
    {
        _step = _initial;
        Attempt = 0;
    }
}
