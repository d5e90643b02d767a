namespace Tickwise.Core.Market;

/// <summary>One trade, or one aggregated trade, as the exchange reported it.</summary>
/// <remarks>
/// <para><see cref="Id"/> is the exchange's id, unique per symbol within one id space: raw trades
/// (<c>t</c>) and aggregated trades (<c>a</c>) are different spaces, and a store keeps one of them per symbol.</para>
/// <para><see cref="TradeCount"/> is 1 for a raw trade and <c>last - first + 1</c> for an aggregated trade,
/// which is how Binance counts a kline's trades.</para>
/// </remarks>
public readonly record struct Trade
{
    /// <summary>Creates a trade, checking that it makes sense.</summary>
    /// <exception cref="ArgumentException">The symbol is empty, a number is out of range, or the quantity is zero.</exception>
    public Trade(Symbol symbol, long id, Price price, Quantity quantity, long timestampMs, AggressorSide aggressorSide, int tradeCount = 1)
    {
        if (symbol.IsEmpty) throw new ArgumentException("A trade needs a symbol.", nameof(symbol));
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfZero(quantity.Raw, nameof(quantity));
        if (!Timestamps.IsPlausibleMs(timestampMs))
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs, "Not a Unix time in milliseconds between 2000 and 2100.");
        ArgumentOutOfRangeException.ThrowIfLessThan(tradeCount, 1);
        Symbol = symbol;
        Id = id;
        Price = price;
        Quantity = quantity;
        TimestampMs = timestampMs;
        AggressorSide = aggressorSide;
        TradeCount = tradeCount;
    }

    public Symbol Symbol { get; }

    /// <summary>The exchange's trade id (or aggregated trade id).</summary>
    public long Id { get; }

    public Price Price { get; }

    public Quantity Quantity { get; }

    /// <summary>Exchange time of the trade, Unix epoch milliseconds, UTC.</summary>
    public long TimestampMs { get; }

    public AggressorSide AggressorSide { get; }

    /// <summary>How many exchange trades this one stands for: 1, or more for an aggregated trade.</summary>
    public int TradeCount { get; }

    /// <summary>Binance's flag: the buyer was the maker, so the seller was the aggressor.</summary>
    public bool IsBuyerMaker => AggressorSide == AggressorSide.Seller;

    /// <summary>Price times quantity in 10^-16 units of the quote asset: exact.</summary>
    public Int128 QuoteQuantityRaw => (Int128)Price.Raw * Quantity.Raw;
}
