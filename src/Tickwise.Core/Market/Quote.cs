namespace Tickwise.Core.Market;

/// <summary>The best bid and ask of one symbol, with their sizes.</summary>
/// <remarks>
/// <see cref="TimestampMs"/> is the exchange's event time where the feed gives one; Binance's spot
/// <c>bookTicker</c> has none, and the source then stamps the quote with its receive time.
/// <see cref="UpdateId"/> is the book update id the quote reflects, for ordering.
/// </remarks>
public readonly record struct Quote(Symbol Symbol, long UpdateId, Price BidPrice, Quantity BidQuantity, Price AskPrice, Quantity AskQuantity, long TimestampMs)
{
    /// <summary>Mid price (bid + ask) / 2 as a double, for statistics.</summary>
    public double MidPrice => (BidPrice.ToDouble() + AskPrice.ToDouble()) / 2;

    /// <summary>Ask minus bid.</summary>
    public decimal Spread => AskPrice.ToDecimal() - BidPrice.ToDecimal();

    /// <summary>False for a crossed or empty quote, which downstream code ignores.</summary>
    public bool IsValid => BidPrice.Raw > 0 && AskPrice.Raw > 0 && BidPrice <= AskPrice;
}
