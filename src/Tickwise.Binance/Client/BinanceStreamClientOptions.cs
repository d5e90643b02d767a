namespace Tickwise.Binance.Client;

/// <summary>Settings of a <see cref="BinanceStreamClient"/>: where to connect, what to subscribe to, and its timings.</summary>
/// <remarks>The defaults suit the real exchange; tests shorten the timings so reconnects take milliseconds.</remarks>
public sealed record BinanceStreamClientOptions
{
    /// <summary>The stream and REST endpoints.</summary>
    public required BinanceEndpoints Endpoints { get; init; }

    /// <summary>The symbols and streams of the one connection.</summary>
    public required StreamSubscription Subscription { get; init; }

    /// <summary>The first reconnect delay, doubled after each failure up to <see cref="MaxBackoff"/>. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest reconnect delay. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long from the first failure of an outage reconnects are tried about every <see cref="InitialBackoff"/>
    /// before the doubling starts; zero for pure doubling. Default 30 s.</summary>
    /// <remarks>So that a short outage costs at most one first delay once the exchange is back (see
    /// <see cref="ReconnectBackoff"/>, which also weighs it against Binance's 300 connections per 5 minutes).</remarks>
    public TimeSpan FastRetryWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connection must have lasted for the delay to start again from <see cref="InitialBackoff"/>. Default 30 s.</summary>
    public TimeSpan HealthyAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect when no message has arrived for this long (the watchdog). Default 60 s.</summary>
    public TimeSpan NoDataTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Give up one connection attempt after this long. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message read; longer ones are skipped and counted as oversized. Default 1 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>Trades asked for per REST page (Binance's maximum is 1000). Default 1000.</summary>
    public int RestPageLimit { get; init; } = 1000;

    /// <summary>REST attempts for one page before a gap is given up and counted as lost. Default 10.</summary>
    public int RestAttempts { get; init; } = 10;

    /// <summary>How long one connection is used before a new one replaces it; Binance closes connections after 24 h.
    /// Default 23 h 50 min.</summary>
    /// <remarks>The replacement opens before the old connection closes and streams alongside it for
    /// <see cref="ConnectionOverlap"/>, so nothing is missed (see <c>BinanceStreamClient.Rollover.cs</c>).</remarks>
    public TimeSpan MaxConnectionLifetime { get; init; } = TimeSpan.FromHours(23) + TimeSpan.FromMinutes(50);

    /// <summary>How long the new connection of a rollover streams alongside the old one before the switch. Default 2 s.</summary>
    public TimeSpan ConnectionOverlap { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Returns a copy of these options for another subscription (one connection of a split one).</summary>
    public BinanceStreamClientOptions With(StreamSubscription subscription) => this with { Subscription = subscription };

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A timing is not positive, the backoff cap is below its start, the
    /// fast-retry window is negative, the overlap is not shorter than the connection lifetime, or a size or count is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoints);
        ArgumentNullException.ThrowIfNull(Subscription);
        Positive(InitialBackoff, nameof(InitialBackoff));
        Positive(MaxBackoff, nameof(MaxBackoff));
        Positive(HealthyAfter, nameof(HealthyAfter));
        Positive(NoDataTimeout, nameof(NoDataTimeout));
        if (FastRetryWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(FastRetryWindow), FastRetryWindow, "Must not be negative.");
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(MaxConnectionLifetime, nameof(MaxConnectionLifetime));
        Positive(ConnectionOverlap, nameof(ConnectionOverlap));
        if (ConnectionOverlap >= MaxConnectionLifetime)
            throw new ArgumentOutOfRangeException(nameof(ConnectionOverlap), ConnectionOverlap, "The overlap must be shorter than the connection lifetime.");
        if (MaxBackoff < InitialBackoff)
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, "The backoff cap is below the first delay.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 1024, nameof(MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageBytes, 64 << 20, nameof(MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(RestPageLimit, 1, nameof(RestPageLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RestPageLimit, 1000, nameof(RestPageLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(RestAttempts, 1, nameof(RestAttempts));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
    }
}
