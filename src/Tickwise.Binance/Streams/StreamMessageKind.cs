namespace Tickwise.Binance.Streams;

/// <summary>Which kind of market data a <see cref="StreamMessage"/> holds.</summary>
public enum StreamMessageKind : byte
{
    /// <summary>Nothing: the message was ignored or rejected.</summary>
    None = 0,

    /// <summary>A raw trade (<c>trade</c> event); <see cref="StreamMessage.Trade"/> is set.</summary>
    Trade = 1,

    /// <summary>An aggregated trade (<c>aggTrade</c> event); <see cref="StreamMessage.Trade"/> is set.</summary>
    AggTrade = 2,

    /// <summary>A best bid and ask (<c>bookTicker</c>); <see cref="StreamMessage.Quote"/> is set.</summary>
    Quote = 3,

    /// <summary>A kline, open or closed; <see cref="StreamMessage.Kline"/> is set.</summary>
    Kline = 4,

    /// <summary>A diff of the order book (<c>depthUpdate</c>); <see cref="StreamMessage.Depth"/> is set.</summary>
    Depth = 5,

    /// <summary>
    /// The top of the order book as a whole: a REST depth snapshot or a partial depth stream (<c>@depth5/10/20</c>);
    /// <see cref="StreamMessage.Depth"/> is set.
    /// </summary>
    DepthSnapshot = 6,
}
