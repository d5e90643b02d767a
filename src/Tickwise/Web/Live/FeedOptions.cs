namespace Tickwise.Web.Live;

/// <summary>Settings of the live feed (<see cref="LiveFeedHub"/>).</summary>
internal sealed record FeedOptions
{
    /// <summary>Messages waiting per client before it is thinned. Default 4096.</summary>
    public int ClientQueueCapacity { get; init; } = 4096;

    /// <summary>How long a client's queue may stay full before the client is disconnected. Default 5 s.</summary>
    public TimeSpan SlowClientTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest time between two bar_update messages of one channel (4 a second by default).</summary>
    public TimeSpan BarUpdateInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the health channel carries the report. Default 1 s.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most channels one client may hold. Default 256.</summary>
    public int MaxChannelsPerClient { get; init; } = 256;

    /// <summary>The longest client message accepted, in bytes. Default 16 KiB.</summary>
    public int MaxClientMessageBytes { get; init; } = 16 * 1024;

    /// <summary>Bars of the pair channel's regression window. Default 100.</summary>
    public int PairWindowBars { get; init; } = 100;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity, count or time is not positive, or the pair window is under 20 bars.</exception>
    public void Validate()
    {
        if (ClientQueueCapacity < 16) throw new ArgumentOutOfRangeException(nameof(ClientQueueCapacity), ClientQueueCapacity, "At least 16 messages.");
        if (SlowClientTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SlowClientTimeout), SlowClientTimeout, "Must be positive.");
        if (BarUpdateInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BarUpdateInterval), BarUpdateInterval, "Must not be negative.");
        if (HealthInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HealthInterval), HealthInterval, "Must be positive.");
        if (MaxChannelsPerClient < 1) throw new ArgumentOutOfRangeException(nameof(MaxChannelsPerClient), MaxChannelsPerClient, "At least one.");
        if (MaxClientMessageBytes < 256) throw new ArgumentOutOfRangeException(nameof(MaxClientMessageBytes), MaxClientMessageBytes, "At least 256 bytes.");
        if (PairWindowBars < 20) throw new ArgumentOutOfRangeException(nameof(PairWindowBars), PairWindowBars, "At least 20 bars.");
    }
}
