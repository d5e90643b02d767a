namespace Tickwise.Core.Market;

/// <summary>What a source emits: one trade, one quote or one kline, whatever its origin.</summary>
/// <remarks>
/// A struct rather than a class hierarchy so that a channel of events allocates nothing per event.
/// Read the member that <see cref="Kind"/> names; the others are default.
/// </remarks>
public readonly struct MarketEvent
{
    private MarketEvent(MarketEventKind kind, Trade trade, Quote quote, Kline kline)
    {
        Kind = kind;
        Trade = trade;
        Quote = quote;
        Kline = kline;
    }

    public MarketEventKind Kind { get; }
    public Trade Trade { get; }
    public Quote Quote { get; }
    public Kline Kline { get; }

    public static MarketEvent Of(Trade trade) => new(MarketEventKind.Trade, trade, default, default);
    public static MarketEvent Of(Quote quote) => new(MarketEventKind.Quote, default, quote, default);
    public static MarketEvent Of(Kline kline) => new(MarketEventKind.Kline, default, default, kline);

    /// <summary>Exchange time of the event in Unix epoch milliseconds.</summary>
    public long TimestampMs => Kind switch
    {
        MarketEventKind.Trade => Trade.TimestampMs,
        MarketEventKind.Quote => Quote.TimestampMs,
        _ => Kline.EventTimeMs,
    };
}

/// <summary>Which member of a <see cref="MarketEvent"/> is set.</summary>
public enum MarketEventKind : byte
{
    Trade = 1,
    Quote = 2,
    Kline = 3,
}
