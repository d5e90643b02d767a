namespace Tickwise.Binance.Client;

/// <summary>Where a client connects: the stream base, the REST base and the REST path prefix of one venue.</summary>
/// <remarks>
/// The stream base is the origin to which the client appends <c>/stream?streams=...</c>; the REST base is the origin
/// to which it appends <see cref="RestPathPrefix"/> and the endpoint (<c>/api/v3/aggTrades</c>). Either base may be
/// replaced by a local server (tests, a proxy) while the venue keeps its path prefix.
/// </remarks>
/// <param name="StreamBase">The WebSocket origin, <c>ws://</c> or <c>wss://</c>.</param>
/// <param name="RestBase">The REST origin, <c>http://</c> or <c>https://</c>.</param>
/// <param name="RestPathPrefix">The REST path prefix: <c>/api/v3</c> on spot, <c>/fapi/v1</c> on futures.</param>
public sealed record BinanceEndpoints(Uri StreamBase, Uri RestBase, string RestPathPrefix)
{
    /// <summary>Returns Binance's public endpoints of <paramref name="market"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="market"/> is not a defined value.</exception>
    public static BinanceEndpoints Of(BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => new(new Uri("wss://stream.binance.com:9443"), new Uri("https://api.binance.com"), "/api/v3"),
        BinanceMarket.Futures => new(new Uri("wss://fstream.binance.com"), new Uri("https://fapi.binance.com"), "/fapi/v1"),
        BinanceMarket.Testnet => new(new Uri("wss://stream.testnet.binance.vision"), new Uri("https://testnet.binance.vision"), "/api/v3"),
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Not a Binance market."),
    };

    /// <summary>Returns these endpoints with the bases replaced where given (null keeps the venue's own).</summary>
    /// <exception cref="ArgumentException">A base has the wrong scheme or is not absolute.</exception>
    public BinanceEndpoints With(Uri? streamBase, Uri? restBase)
    {
        if (streamBase is not null && !(streamBase.IsAbsoluteUri && streamBase.Scheme is "ws" or "wss"))
            throw new ArgumentException($"'{streamBase}' is not a ws:// or wss:// address.", nameof(streamBase));
        if (restBase is not null && !(restBase.IsAbsoluteUri && restBase.Scheme is "http" or "https"))
            throw new ArgumentException($"'{restBase}' is not an http:// or https:// address.", nameof(restBase));
        return this with { StreamBase = streamBase ?? StreamBase, RestBase = restBase ?? RestBase };
    }

    /// <summary>Returns the combined-stream address for <paramref name="streamNames"/> (<c>btcusdt@aggTrade</c>, ...).</summary>
    /// <exception cref="ArgumentException">No stream, or more than <see cref="StreamSubscription.MaxStreamsPerConnection"/>.</exception>
    public Uri CombinedStreamUri(IReadOnlyList<string> streamNames)
    {
        if (streamNames.Count == 0) throw new ArgumentException("At least one stream is needed.", nameof(streamNames));
        if (streamNames.Count > StreamSubscription.MaxStreamsPerConnection)
            throw new ArgumentException($"{streamNames.Count} streams: Binance allows at most {StreamSubscription.MaxStreamsPerConnection} per connection.", nameof(streamNames));
        return new Uri(StreamBase, "/stream?streams=" + string.Join('/', streamNames));
    }

    /// <summary>Returns the REST address of <paramref name="endpoint"/> (<c>aggTrades</c>) with the query <paramref name="query"/>.</summary>
    public Uri RestUri(string endpoint, string query) => new(RestBase, $"{RestPathPrefix}/{endpoint}?{query}");
}
