namespace Tickwise.Tests.Live;

/// <summary>How a <see cref="FakeBinanceServer"/> misbehaves; the default behaves like Binance on a good day.</summary>
internal sealed record FakeBinanceScenario
{
    /// <summary>Close each connection (a normal close handshake) after this many frames; 0 never.</summary>
    public int CloseEvery { get; init; }

    /// <summary>Drop each connection's TCP without a close frame after this many frames; 0 never.</summary>
    public int AbortEvery { get; init; }

    /// <summary>Stop sending (but keep the connection open) after this many frames, on the first <see cref="SilentConnections"/> connections; 0 never.</summary>
    public int SilentAfter { get; init; }

    /// <summary>How many connections go silent.</summary>
    public int SilentConnections { get; init; } = 1;

    /// <summary>Send a bad frame (garbage, truncated JSON, binary, oversized, a non-trade JSON) before every this many trades; 0 never.</summary>
    public int GarbageEvery { get; init; }

    /// <summary>Among the garbage, send text frames that are not UTF-8 (a WebSocket protocol violation the client must fail the connection on).</summary>
    public bool InvalidUtf8 { get; init; }

    /// <summary>Size of the oversized frames among the garbage.</summary>
    public int OversizedBytes { get; init; } = 2 << 20;

    /// <summary>Answer the first this many REST requests with 429 and <c>Retry-After: 1</c>.</summary>
    public int RateLimitedRequests { get; init; }

    /// <summary>Answer REST with 418 instead of 429 for the rate-limited requests.</summary>
    public bool Banned { get; init; }

    /// <summary>Answer the first this many REST requests (after any rate-limited ones) with 500.</summary>
    public int FailedRequests { get; init; }

    /// <summary>Answer every REST request with 503: the API is down while the stream is up.</summary>
    public bool RestDown { get; init; }

    /// <summary>Answer <c>historicalTrades</c> without an <c>X-MBX-APIKEY</c> header with 401 (as a MARKET_DATA endpoint does).</summary>
    public bool HistoricalTradesNeedApiKey { get; init; }

    /// <summary>Refuse WebSocket upgrades with 503 for the first this many connection attempts.</summary>
    public int RefusedConnections { get; init; }

    /// <summary>Answer trade history (<c>aggTrades</c>, <c>historicalTrades</c>) for this symbol only after
    /// <see cref="SlowTradesDelay"/>: one symbol's backfill lags the others'.</summary>
    public string? SlowTradesSymbol { get; init; }

    /// <summary>How late <see cref="SlowTradesSymbol"/>'s trade history is answered.</summary>
    public TimeSpan SlowTradesDelay { get; init; }
}
