using System.Text;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>An order to place on Binance spot: MARKET, or LIMIT good-till-cancelled.</summary>
/// <remarks>
/// <see cref="ClientOrderId"/> becomes <c>newClientOrderId</c>, so a caller that keeps its own ids finds the order
/// again with <see cref="BinanceTradingClient.GetOrderAsync(Symbol, string, CancellationToken)"/>; Binance makes one up
/// when it is null. <see cref="ReferencePrice"/> is not sent: it is the price a market order is expected to fill near,
/// used only to check the minimum notional before sending (Binance checks market orders against its average price).
/// Validation happens in <see cref="BinanceSymbolFilters.Check"/>, not here, so that every refusal has one exception type.
/// </remarks>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type"><see cref="BinanceOrderType.Market"/> or <see cref="BinanceOrderType.Limit"/>.</param>
/// <param name="Quantity">The base-asset quantity.</param>
/// <param name="Price">The limit price; null for a market order.</param>
/// <param name="ClientOrderId">The caller's id for the order (1 to 36 of <c>[.A-Z:/a-z0-9_-]</c>), or null.</param>
/// <param name="ReferencePrice">For a market order, the expected price used for the minimum-notional check; not sent.</param>
public sealed record BinanceNewOrder(
    Symbol Symbol,
    BinanceOrderSide Side,
    BinanceOrderType Type,
    Quantity Quantity,
    Price? Price = null,
    string? ClientOrderId = null,
    Price? ReferencePrice = null)
{
    /// <summary>Returns a market order.</summary>
    public static BinanceNewOrder Market(Symbol symbol, BinanceOrderSide side, Quantity quantity, string? clientOrderId = null, Price? referencePrice = null) =>
        new(symbol, side, BinanceOrderType.Market, quantity, null, clientOrderId, referencePrice);

    /// <summary>Returns a limit order, good till cancelled.</summary>
    public static BinanceNewOrder Limit(Symbol symbol, BinanceOrderSide side, Quantity quantity, Price price, string? clientOrderId = null) =>
        new(symbol, side, BinanceOrderType.Limit, quantity, price, clientOrderId);

    /// <summary>Returns the order's request parameters, without timestamp and signature.</summary>
    internal string ToParameters()
    {
        var text = new StringBuilder(160);
        text.Append("symbol=").Append(Symbol.Value)
            .Append("&side=").Append(BinanceNames.Of(Side))
            .Append("&type=").Append(BinanceNames.Of(Type));
        if (Type == BinanceOrderType.Limit) text.Append("&timeInForce=GTC");
        text.Append("&quantity=").Append(Quantity.ToString());
        if (Price is { } price) text.Append("&price=").Append(price.ToString());
        // ':' and '/' are allowed in ids and reserved in queries; the signature covers the escaped form that is sent.
        if (ClientOrderId is not null) text.Append("&newClientOrderId=").Append(Uri.EscapeDataString(ClientOrderId));
        text.Append("&newOrderRespType=FULL");
        return text.ToString();
    }

    /// <summary>Returns <c>LIMIT BUY 0.01 BTCUSDT @ 60000</c>, for messages.</summary>
    public override string ToString() =>
        $"{BinanceNames.Of(Type)} {BinanceNames.Of(Side)} {Quantity} {Symbol}{(Price is { } p ? " @ " + p : "")}";
}
