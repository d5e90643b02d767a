namespace Tickwise.Binance.Client;

/// <summary>A per-symbol Binance stream the client can subscribe to.</summary>
public enum StreamKind : byte
{
    /// <summary><c>&lt;symbol&gt;@aggTrade</c>: aggregated trades, whose ids run without gaps and can be repaired over REST.</summary>
    AggTrade = 0,

    /// <summary><c>&lt;symbol&gt;@trade</c>: raw trades (gaps are counted, not repaired: the REST history needs a key).</summary>
    Trade = 1,

    /// <summary><c>&lt;symbol&gt;@bookTicker</c>: best bid and ask.</summary>
    BookTicker = 2,

    /// <summary><c>&lt;symbol&gt;@depth@100ms</c>: order book diffs every 100 ms.</summary>
    Depth = 3,
}
