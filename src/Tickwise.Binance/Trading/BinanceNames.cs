namespace Tickwise.Binance.Trading;

/// <summary>Binance's spellings of sides, types and statuses, both ways.</summary>
internal static class BinanceNames
{
    public static string Of(BinanceOrderSide side) => side switch
    {
        BinanceOrderSide.Buy => "BUY",
        BinanceOrderSide.Sell => "SELL",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Not an order side."),
    };

    public static string Of(BinanceOrderType type) => type switch
    {
        BinanceOrderType.Market => "MARKET",
        BinanceOrderType.Limit => "LIMIT",
        BinanceOrderType.LimitMaker => "LIMIT_MAKER",
        BinanceOrderType.StopLoss => "STOP_LOSS",
        BinanceOrderType.StopLossLimit => "STOP_LOSS_LIMIT",
        BinanceOrderType.TakeProfit => "TAKE_PROFIT",
        BinanceOrderType.TakeProfitLimit => "TAKE_PROFIT_LIMIT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an order type."),
    };

    public static bool TryParseSide(string? text, out BinanceOrderSide side)
    {
        side = text switch { "BUY" => BinanceOrderSide.Buy, "SELL" => BinanceOrderSide.Sell, _ => 0 };
        return side != 0;
    }

    public static bool TryParseType(string? text, out BinanceOrderType type)
    {
        type = text switch
        {
            "MARKET" => BinanceOrderType.Market,
            "LIMIT" => BinanceOrderType.Limit,
            "LIMIT_MAKER" => BinanceOrderType.LimitMaker,
            "STOP_LOSS" => BinanceOrderType.StopLoss,
            "STOP_LOSS_LIMIT" => BinanceOrderType.StopLossLimit,
            "TAKE_PROFIT" => BinanceOrderType.TakeProfit,
            "TAKE_PROFIT_LIMIT" => BinanceOrderType.TakeProfitLimit,
            _ => 0,
        };
        return type != 0;
    }

    public static bool TryParseStatus(string? text, out BinanceOrderStatus status)
    {
        status = text switch
        {
            "NEW" => BinanceOrderStatus.New,
            "PENDING_NEW" => BinanceOrderStatus.PendingNew,
            "PARTIALLY_FILLED" => BinanceOrderStatus.PartiallyFilled,
            "FILLED" => BinanceOrderStatus.Filled,
            "CANCELED" => BinanceOrderStatus.Canceled,
            "PENDING_CANCEL" => BinanceOrderStatus.PendingCancel,
            "REJECTED" => BinanceOrderStatus.Rejected,
            "EXPIRED" => BinanceOrderStatus.Expired,
            "EXPIRED_IN_MATCH" => BinanceOrderStatus.ExpiredInMatch,
            _ => 0,
        };
        return status != 0;
    }
}
