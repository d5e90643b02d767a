namespace Tickwise.Binance.Trading;

/// <summary>An order's type as Binance names it.</summary>
/// <remarks>The client places <see cref="Market"/> and <see cref="Limit"/> (GTC) orders; the other types are
/// recognised when Binance reports orders placed elsewhere (open orders of the same account).</remarks>
public enum BinanceOrderType : byte
{
    /// <summary><c>MARKET</c>.</summary>
    Market = 1,

    /// <summary><c>LIMIT</c>.</summary>
    Limit = 2,

    /// <summary><c>LIMIT_MAKER</c>.</summary>
    LimitMaker = 3,

    /// <summary><c>STOP_LOSS</c>.</summary>
    StopLoss = 4,

    /// <summary><c>STOP_LOSS_LIMIT</c>.</summary>
    StopLossLimit = 5,

    /// <summary><c>TAKE_PROFIT</c>.</summary>
    TakeProfit = 6,

    /// <summary><c>TAKE_PROFIT_LIMIT</c>.</summary>
    TakeProfitLimit = 7,
}
