using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>One parsed Binance stream message: a trade, a quote, a kline or an order book update.</summary>
/// <remarks>
/// A struct so that parsing allocates nothing. Read the member that <see cref="Kind"/> names. <see cref="Depth"/> is
/// the buffer the caller passed to <see cref="BinanceMessageParser.Parse"/>, not a copy: it is overwritten by the
/// next parse into the same buffer.
/// </remarks>
public readonly struct StreamMessage
{
    private StreamMessage(StreamMessageKind kind, MarketEvent marketEvent, DepthUpdate? depth)
    {
        Kind = kind;
        Event = marketEvent;
        Depth = depth;
    }

    /// <summary>Which member is set.</summary>
    public StreamMessageKind Kind { get; }

    /// <summary>The trade, quote or kline as a source event; default for depth messages.</summary>
    public MarketEvent Event { get; }

    /// <summary>The trade of a <see cref="StreamMessageKind.Trade"/> or <see cref="StreamMessageKind.AggTrade"/> message.</summary>
    public Trade Trade => Event.Trade;

    /// <summary>The quote of a <see cref="StreamMessageKind.Quote"/> message.</summary>
    public Quote Quote => Event.Quote;

    /// <summary>The kline of a <see cref="StreamMessageKind.Kline"/> message.</summary>
    public Kline Kline => Event.Kline;

    /// <summary>The order book update of a <see cref="StreamMessageKind.Depth"/> or <see cref="StreamMessageKind.DepthSnapshot"/> message.</summary>
    public DepthUpdate? Depth { get; }

    /// <summary>True when <see cref="Event"/> holds a trade, quote or kline.</summary>
    public bool HasEvent => Kind is StreamMessageKind.Trade or StreamMessageKind.AggTrade or StreamMessageKind.Quote or StreamMessageKind.Kline;

    internal static StreamMessage Of(StreamMessageKind kind, MarketEvent marketEvent) => new(kind, marketEvent, null);

    internal static StreamMessage Of(StreamMessageKind kind, DepthUpdate depth) => new(kind, default, depth);
}
