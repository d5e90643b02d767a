namespace Tickwise.Binance.Client;

/// <summary>What happened to a <see cref="BinanceStreamClient"/>'s connection or history (never one per message).</summary>
public enum StreamNoticeKind : byte
{
    /// <summary>The connection is open and subscribed.</summary>
    Connected = 0,

    /// <summary>A connection attempt failed; the client retries after <see cref="StreamNotice.RetryIn"/>.</summary>
    ConnectFailed = 1,

    /// <summary>An open connection ended (closed, broken or silent); the client retries after <see cref="StreamNotice.RetryIn"/>.</summary>
    Disconnected = 2,

    /// <summary>Missing trades (aggregated or raw) were fetched over REST and delivered in order.</summary>
    GapRepaired = 3,

    /// <summary>Missing trades could not be fetched and are lost; the message names the range.</summary>
    GapLost = 4,

    /// <summary>The REST API asked the client to slow down (HTTP 429 or 418); it waits as told.</summary>
    RateLimited = 5,

    /// <summary>A REST call for missing trades failed; the client retries after <see cref="StreamNotice.RetryIn"/>.</summary>
    RestRetry = 6,

    /// <summary>A local order book lost synchronization and is being reloaded from a snapshot.</summary>
    BookResync = 7,

    /// <summary>A connection reached its lifetime and a new one, already streaming, took over; nothing was missed.</summary>
    RolledOver = 8,

    /// <summary>Something the exchange needs is not configured (an API key for a REST call); the message says which.</summary>
    MissingSetting = 9,
}
