namespace Tickwise.Binance.Trading;

/// <summary>Why an order was refused before it was sent (see <see cref="BinanceSymbolFilters.Check"/>).</summary>
public enum BinanceOrderViolation : byte
{
    /// <summary>The exchange information does not list the symbol.</summary>
    UnknownSymbol = 1,

    /// <summary>The symbol is listed but not <c>TRADING</c> (halted, break).</summary>
    SymbolNotTrading = 2,

    /// <summary>The quantity is zero (quantities cannot be negative).</summary>
    NonPositiveQuantity = 3,

    /// <summary>A limit order without a positive price, or a market order with one.</summary>
    InvalidPrice = 4,

    /// <summary>The price is not a multiple of the tick size above the minimum price (<c>PRICE_FILTER</c>).</summary>
    TickSize = 5,

    /// <summary>The price is below <c>minPrice</c> or above <c>maxPrice</c> (<c>PRICE_FILTER</c>).</summary>
    PriceRange = 6,

    /// <summary>The quantity is not a multiple of the step size above the minimum (<c>LOT_SIZE</c>, <c>MARKET_LOT_SIZE</c>).</summary>
    StepSize = 7,

    /// <summary>The quantity is below <c>minQty</c> (<c>LOT_SIZE</c>, <c>MARKET_LOT_SIZE</c>).</summary>
    MinQuantity = 8,

    /// <summary>The quantity is above <c>maxQty</c> (<c>LOT_SIZE</c>, <c>MARKET_LOT_SIZE</c>).</summary>
    MaxQuantity = 9,

    /// <summary>Price times quantity is below <c>minNotional</c> (<c>NOTIONAL</c>, <c>MIN_NOTIONAL</c>).</summary>
    MinNotional = 10,

    /// <summary>Price times quantity is above <c>maxNotional</c> (<c>NOTIONAL</c>).</summary>
    MaxNotional = 11,

    /// <summary>The client order id is not 1 to 36 characters of <c>[.A-Z:/a-z0-9_-]</c>.</summary>
    ClientOrderId = 12,

    /// <summary>The order type is not allowed on the symbol.</summary>
    OrderTypeNotAllowed = 13,
}
