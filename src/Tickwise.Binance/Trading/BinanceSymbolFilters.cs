using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>The trading rules of one symbol, from Binance's <c>exchangeInfo</c>: the filters an order must pass.</summary>
/// <remarks>
/// Zero disables a bound, as in Binance's filters (<c>PRICE_FILTER</c> with <c>maxPrice</c> "0.00000000" has no
/// maximum). A price must be <c>minPrice + k * tickSize</c>, a quantity <c>minQty + k * stepSize</c>, exactly, in
/// fixed point. <c>LOT_SIZE</c> applies to every order and <c>MARKET_LOT_SIZE</c> to market orders as well. The
/// notional is price times quantity; a market order's is checked only when the order carries a reference price and the
/// filter applies to market orders (Binance itself uses its average price, which the client does not know).
/// </remarks>
public sealed record BinanceSymbolFilters
{
    /// <summary>The symbol.</summary>
    public required Symbol Symbol { get; init; }

    /// <summary>Binance's status, <c>TRADING</c> when orders are accepted.</summary>
    public string Status { get; init; } = "TRADING";

    /// <summary>The base asset, <c>BTC</c>.</summary>
    public string BaseAsset { get; init; } = "";

    /// <summary>The quote asset, <c>USDT</c>.</summary>
    public string QuoteAsset { get; init; } = "";

    /// <summary>Whether MARKET orders are allowed (<c>orderTypes</c>).</summary>
    public bool MarketAllowed { get; init; } = true;

    /// <summary>Whether LIMIT orders are allowed (<c>orderTypes</c>).</summary>
    public bool LimitAllowed { get; init; } = true;

    /// <summary><c>PRICE_FILTER</c> tickSize; zero disables the check.</summary>
    public Price TickSize { get; init; }

    /// <summary><c>PRICE_FILTER</c> minPrice; zero disables the check.</summary>
    public Price MinPrice { get; init; }

    /// <summary><c>PRICE_FILTER</c> maxPrice; zero disables the check.</summary>
    public Price MaxPrice { get; init; }

    /// <summary><c>LOT_SIZE</c> stepSize; zero disables the check.</summary>
    public Quantity StepSize { get; init; }

    /// <summary><c>LOT_SIZE</c> minQty.</summary>
    public Quantity MinQuantity { get; init; }

    /// <summary><c>LOT_SIZE</c> maxQty; zero disables the check.</summary>
    public Quantity MaxQuantity { get; init; }

    /// <summary><c>MARKET_LOT_SIZE</c> stepSize for market orders; zero disables the check.</summary>
    public Quantity MarketStepSize { get; init; }

    /// <summary><c>MARKET_LOT_SIZE</c> minQty for market orders.</summary>
    public Quantity MarketMinQuantity { get; init; }

    /// <summary><c>MARKET_LOT_SIZE</c> maxQty for market orders; zero disables the check.</summary>
    public Quantity MarketMaxQuantity { get; init; }

    /// <summary><c>NOTIONAL</c> (or the older <c>MIN_NOTIONAL</c>) minNotional in the quote asset; zero disables the check.</summary>
    public decimal MinNotional { get; init; }

    /// <summary>Whether <see cref="MinNotional"/> applies to market orders (<c>applyMinToMarket</c>).</summary>
    public bool ApplyMinNotionalToMarket { get; init; } = true;

    /// <summary><c>NOTIONAL</c> maxNotional in the quote asset; zero disables the check.</summary>
    public decimal MaxNotional { get; init; }

    /// <summary>Whether <see cref="MaxNotional"/> applies to market orders (<c>applyMaxToMarket</c>).</summary>
    public bool ApplyMaxNotionalToMarket { get; init; }

    /// <summary>Checks <paramref name="order"/> against these rules.</summary>
    /// <returns>True when the order passes; otherwise false, with the rule broken and a sentence saying how.</returns>
    /// <exception cref="ArgumentException"><paramref name="order"/> is for another symbol.</exception>
    public bool Check(BinanceNewOrder order, out BinanceOrderViolation violation, out string reason)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Symbol != Symbol) throw new ArgumentException($"The order is for {order.Symbol}, these filters for {Symbol}.", nameof(order));
        violation = 0;
        reason = "";
        bool market = order.Type == BinanceOrderType.Market;
        if (order.Type is not (BinanceOrderType.Market or BinanceOrderType.Limit))
            return Fail(BinanceOrderViolation.OrderTypeNotAllowed, "only MARKET and LIMIT orders are placed", out violation, out reason);
        if (Status != "TRADING")
            return Fail(BinanceOrderViolation.SymbolNotTrading, $"{Symbol} is {Status}, not TRADING", out violation, out reason);
        if (market ? !MarketAllowed : !LimitAllowed)
            return Fail(BinanceOrderViolation.OrderTypeNotAllowed, $"{Symbol} does not allow {(market ? "MARKET" : "LIMIT")} orders", out violation, out reason);
        if (order.ClientOrderId is { } id && !IsValidClientOrderId(id))
            return Fail(BinanceOrderViolation.ClientOrderId, "the client order id must be 1 to 36 characters of A-Z, a-z, 0-9 and . : / _ -", out violation, out reason);
        if (order.Quantity.Raw <= 0)
            return Fail(BinanceOrderViolation.NonPositiveQuantity, "the quantity must be positive", out violation, out reason);
        if (market && order.Price is not null)
            return Fail(BinanceOrderViolation.InvalidPrice, "a market order takes no price", out violation, out reason);
        if (!market && order.Price is not { Raw: > 0 })
            return Fail(BinanceOrderViolation.InvalidPrice, "a limit order needs a positive price", out violation, out reason);

        if (!market && !CheckPrice(order.Price!.Value, out violation, out reason)) return false;
        if (!CheckLot(order.Quantity, MinQuantity, MaxQuantity, StepSize, "LOT_SIZE", out violation, out reason)) return false;
        if (market && !CheckLot(order.Quantity, MarketMinQuantity, MarketMaxQuantity, MarketStepSize, "MARKET_LOT_SIZE", out violation, out reason)) return false;

        Price? notionalPrice = market ? order.ReferencePrice : order.Price;
        if (notionalPrice is { } p)
        {
            Int128 product = (Int128)p.Raw * order.Quantity.Raw;
            // Beyond a decimal's 96 bits the notional is absurd (trillions) but still an answer: above any bound.
            decimal notional = product >> 96 == 0 ? FixedPoint.ProductSumToDecimal(product) : decimal.MaxValue;
            string quote = QuoteAsset.Length == 0 ? "" : " " + QuoteAsset;
            if (MinNotional > 0 && (!market || ApplyMinNotionalToMarket) && notional < MinNotional)
                return Fail(BinanceOrderViolation.MinNotional, $"the notional {Text(notional)}{quote} is below the minimum {Text(MinNotional)}{quote} (NOTIONAL minNotional)", out violation, out reason);
            if (MaxNotional > 0 && (!market || ApplyMaxNotionalToMarket) && notional > MaxNotional)
                return Fail(BinanceOrderViolation.MaxNotional, $"the notional {Text(notional)}{quote} is above the maximum {Text(MaxNotional)}{quote} (NOTIONAL maxNotional)", out violation, out reason);
        }
        return true;
    }

    /// <summary>Throws when <paramref name="order"/> breaks these rules.</summary>
    /// <exception cref="BinanceOrderValidationException">The order breaks a rule; the message names the order, the
    /// rule and the bound.</exception>
    public void Validate(BinanceNewOrder order)
    {
        if (!Check(order, out BinanceOrderViolation violation, out string reason))
            throw new BinanceOrderValidationException(order.Symbol, violation, $"Order {order} refused before sending: {reason}.");
    }

    /// <summary>True when <paramref name="id"/> matches Binance's <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c>.</summary>
    public static bool IsValidClientOrderId(string id)
    {
        if (id.Length is 0 or > 36) return false;
        foreach (char c in id)
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or ':' or '/' or '_' or '-')) return false;
        return true;
    }

    private bool CheckPrice(Price price, out BinanceOrderViolation violation, out string reason)
    {
        violation = 0;
        reason = "";
        if (MinPrice.Raw > 0 && price < MinPrice)
            return Fail(BinanceOrderViolation.PriceRange, $"the price {price} is below the minimum {MinPrice} (PRICE_FILTER minPrice)", out violation, out reason);
        if (MaxPrice.Raw > 0 && price > MaxPrice)
            return Fail(BinanceOrderViolation.PriceRange, $"the price {price} is above the maximum {MaxPrice} (PRICE_FILTER maxPrice)", out violation, out reason);
        if (TickSize.Raw > 0 && (price.Raw - MinPrice.Raw) % TickSize.Raw != 0)
            return Fail(BinanceOrderViolation.TickSize, $"the price {price} is not a multiple of the tick size {TickSize} (PRICE_FILTER tickSize)", out violation, out reason);
        return true;
    }

    private static bool CheckLot(Quantity quantity, Quantity min, Quantity max, Quantity step, string filter, out BinanceOrderViolation violation, out string reason)
    {
        violation = 0;
        reason = "";
        if (quantity < min)
            return Fail(BinanceOrderViolation.MinQuantity, $"the quantity {quantity} is below the minimum {min} ({filter} minQty)", out violation, out reason);
        if (max.Raw > 0 && quantity > max)
            return Fail(BinanceOrderViolation.MaxQuantity, $"the quantity {quantity} is above the maximum {max} ({filter} maxQty)", out violation, out reason);
        if (step.Raw > 0 && (quantity.Raw - min.Raw) % step.Raw != 0)
            return Fail(BinanceOrderViolation.StepSize, $"the quantity {quantity} is not a multiple of the step size {step} ({filter} stepSize)", out violation, out reason);
        return true;
    }

    private static string Text(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool Fail(BinanceOrderViolation what, string why, out BinanceOrderViolation violation, out string reason)
    {
        violation = what;
        reason = why;
        return false;
    }
}
