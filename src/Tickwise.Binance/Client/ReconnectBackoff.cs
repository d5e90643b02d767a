namespace Tickwise.Binance.Client;

/// <summary>Reconnect delays: about one first delay apart for a short fast-retry window at the start of an outage, then
/// exponential (the first delay doubled after each failure up to a cap), with jitter; started again once a connection
/// has stayed up for a healthy period.</summary>
/// <remarks>
/// <para>Each delay is drawn uniformly from <c>[d/2, d]</c>, where <c>d</c> is the current step, so that many clients
/// dropped together by the exchange do not all return in the same instant.</para>
/// <para>Why a fast-retry window: most outages are short (a restart, a load balancer dropping the socket). Pure
/// doubling from 1 s makes a 5 s outage cost up to 4 more seconds after the exchange is back (the client waits out
/// a step of 4 or 8 s), and the missed trades reach the pipeline that much later. During the window (counted from the
/// first failure after a healthy connection, on the injected clock) every delay is drawn from the first step, so the
/// client is back at most one first delay after the exchange. After the window the usual schedule runs (1 s, 2 s,
/// 4 s ... the cap), so a persistent failure still backs off to one attempt a minute.</para>
/// <para>Binance allows 300 new connections per 5 minutes per IP. A 30 s window at 1 s costs at most about 60
/// attempts (jitter draws in <c>[0.5 s, 1 s]</c>), then the doubling adds about 8 more per 5 minutes: well under the
/// limit for one connection, and still under it for up to four connections failing together (a subscription split
/// over more than 4096 streams should shorten the window). A connection that opens and drops again before the healthy
/// period does not start a new window: a flapping endpoint falls through to the doubling like a dead one.</para>
/// <para>Not thread-safe: the reconnect loop owns it.</para>
/// </remarks>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly TimeSpan _healthyAfter;
    private readonly TimeSpan _fastRetryWindow;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private TimeSpan _step;
    private long _outageStart;

    /// <summary>Creates a purely exponential schedule (no fast-retry window) on the system clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A timing is not positive or <paramref name="max"/> is below <paramref name="initial"/>.</exception>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, TimeSpan healthyAfter, Random random)
        : this(initial, max, healthyAfter, TimeSpan.Zero, TimeProvider.System, random)
    {
    }

    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The first delay, and the step of the fast-retry window.</param>
    /// <param name="max">The longest delay.</param>
    /// <param name="healthyAfter">How long a connection must last for the schedule (and the window) to start again.</param>
    /// <param name="fastRetryWindow">How long from the first failure of an outage delays stay at <paramref name="initial"/>;
    /// zero for pure doubling.</param>
    /// <param name="time">The clock the window is measured on.</param>
    /// <param name="random">The jitter source.</param>
    /// <exception cref="ArgumentOutOfRangeException">A timing is not positive (the window: negative), or
    /// <paramref name="max"/> is below <paramref name="initial"/>.</exception>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, TimeSpan healthyAfter, TimeSpan fastRetryWindow, TimeProvider time, Random random)
    {
        if (initial <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initial), initial, "Must be positive.");
        if (max < initial) throw new ArgumentOutOfRangeException(nameof(max), max, "The cap is below the first delay.");
        if (healthyAfter <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(healthyAfter), healthyAfter, "Must be positive.");
        if (fastRetryWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(fastRetryWindow), fastRetryWindow, "Must not be negative.");
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        _initial = initial;
        _max = max;
        _healthyAfter = healthyAfter;
        _fastRetryWindow = fastRetryWindow;
        _time = time;
        _random = random;
        _step = initial;
    }

    /// <summary>Failures since the last healthy connection.</summary>
    public int Attempt { get; private set; }

    /// <summary>Returns the delay before the next attempt: the first delay (with jitter) while the outage is younger
    /// than the fast-retry window, otherwise the current step, which then doubles (up to the cap).</summary>
    public TimeSpan Next()
    {
        long now = _time.GetTimestamp();
        if (Attempt == 0) _outageStart = now;
        Attempt++;
        TimeSpan step;
        if (_time.GetElapsedTime(_outageStart, now) < _fastRetryWindow)
        {
            step = _initial;
        }
        else
        {
            step = _step;
            _step = step >= _max / 2 ? _max : step * 2;
        }
        double fraction = 0.5 + 0.5 * _random.NextDouble();
        return TimeSpan.FromTicks(Math.Max(1, (long)(step.Ticks * fraction)));
    }

    /// <summary>Records that a connection ended after <paramref name="connectedFor"/>; a healthy one restarts the
    /// schedule, a shorter one belongs to the same outage.</summary>
    public void OnConnectionEnded(TimeSpan connectedFor)
    {
        if (connectedFor >= _healthyAfter) Reset();
    }

    /// <summary>Starts the schedule again from the first delay, with a new fast-retry window at the next failure.</summary>
    public void Reset()
    {
        _step = _initial;
        Attempt = 0;
    }
}
