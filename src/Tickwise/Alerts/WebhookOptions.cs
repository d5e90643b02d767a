namespace Tickwise.Alerts;

/// <summary>Settings of a <see cref="WebhookDispatcher"/>.</summary>
internal sealed record WebhookOptions
{
    /// <summary>Gets the URL every event is POSTed to besides its rule's own webhook, or null.</summary>
    public string? GlobalUrl { get; init; }

    /// <summary>Gets how long one attempt may take. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the attempts per delivery, the first included. Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Gets the wait before the second attempt; each later wait doubles it. Default 0.5 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets the longest wait between attempts. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the deliveries that may wait; beyond it new ones are dropped and counted. Default 1,000.</summary>
    public int QueueCapacity { get; init; } = 1_000;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time is not positive, attempts or capacity below 1, or the global URL not http(s).</exception>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive.");
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "Make at least one attempt.");
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
            throw new ArgumentOutOfRangeException(nameof(InitialBackoff), InitialBackoff, "Backoffs must be non-negative, the maximum at least the initial one.");
        if (QueueCapacity < 1) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "The queue needs room for one delivery.");
        if (GlobalUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"))
            throw new ArgumentOutOfRangeException(nameof(GlobalUrl), url, "The global webhook must be an absolute http:// or https:// URL.");
    }
}
