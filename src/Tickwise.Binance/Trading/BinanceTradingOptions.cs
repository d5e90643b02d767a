using Tickwise.Binance.Client;

namespace Tickwise.Binance.Trading;

/// <summary>Settings of a <see cref="BinanceTradingClient"/>.</summary>
/// <remarks>The defaults point at Binance's spot testnet, <c>https://testnet.binance.vision/api/v3</c>; replace
/// <see cref="Endpoints"/> (<see cref="BinanceEndpoints.With"/>) to point at a local server or the live exchange.</remarks>
public sealed record BinanceTradingOptions
{
    /// <summary>Where requests go; the spot testnet by default.</summary>
    public BinanceEndpoints Endpoints { get; init; } = BinanceEndpoints.Of(BinanceMarket.Testnet);

    /// <summary>How long a signed request stays valid after its timestamp (<c>recvWindow</c>), 1 to 60000 ms; Binance's default 5000.</summary>
    public int RecvWindowMs { get; init; } = 5000;

    /// <summary>How many times one call waits out a 429 or 418 before it gives up.</summary>
    public int MaxRateLimitWaits { get; init; } = 3;

    /// <summary>The longest <c>Retry-After</c> waited out; a longer one (a 418 ban) fails the call at once.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after a 429 or 418 that names no <c>Retry-After</c>.</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = BinanceRestClient.DefaultRetryAfter;

    /// <summary>Whether the first signed request first reads the server time to set the clock offset.</summary>
    public bool SyncClockBeforeFirstRequest { get; init; } = true;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoints, nameof(Endpoints));
        if (RecvWindowMs is < 1 or > BinanceRequestSigner.MaxRecvWindowMs)
            throw new ArgumentException($"RecvWindowMs is {RecvWindowMs}: Binance accepts 1 to {BinanceRequestSigner.MaxRecvWindowMs} ms.", nameof(RecvWindowMs));
        if (MaxRateLimitWaits < 0) throw new ArgumentException($"MaxRateLimitWaits is {MaxRateLimitWaits}, below 0.", nameof(MaxRateLimitWaits));
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentException($"MaxRetryAfter is {MaxRetryAfter}, negative.", nameof(MaxRetryAfter));
        if (DefaultRetryAfter < TimeSpan.Zero) throw new ArgumentException($"DefaultRetryAfter is {DefaultRetryAfter}, negative.", nameof(DefaultRetryAfter));
    }
}
