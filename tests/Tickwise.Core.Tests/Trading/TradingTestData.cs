using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Tests.Trading;

/// <summary>Small builders for trading tests.</summary>
internal static class TradingTestData
{
    public static readonly Symbol Btc = new("BTCUSDT");
    public static readonly Symbol Eth = new("ETHUSDT");

    public static Fill Fill(OrderSide side, string quantity, decimal price, decimal fee = 0, long timeMs = 1_700_000_000_000, Symbol? symbol = null) =>
        new(1, symbol ?? Btc, side, Quantity.Parse(quantity), price, fee, false, timeMs);

    public static Quote Quote(string bid, string ask, long timeMs = 1_700_000_000_000, Symbol? symbol = null) =>
        new(symbol ?? Btc, 1, Price.Parse(bid), Quantity.Parse("1"), Price.Parse(ask), Quantity.Parse("1"), timeMs);

    public static OrderRequest MarketOrder(string id, OrderSide side, string quantity, Symbol? symbol = null) =>
        new(id, symbol ?? Btc, side, OrderType.Market, Quantity.Parse(quantity));

    public static OrderRequest LimitOrder(string id, OrderSide side, string quantity, string price, Symbol? symbol = null) =>
        new(id, symbol ?? Btc, side, OrderType.Limit, Quantity.Parse(quantity), Price.Parse(price));
}
