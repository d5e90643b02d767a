namespace Tickwise.Binance.Trading;

/// <summary>An order's status as Binance reports it.</summary>
public enum BinanceOrderStatus : byte
{
    /// <summary><c>NEW</c>: accepted, nothing filled.</summary>
    New = 1,

    /// <summary><c>PENDING_NEW</c>: accepted in an order list, not yet working.</summary>
    PendingNew = 2,

    /// <summary><c>PARTIALLY_FILLED</c>.</summary>
    PartiallyFilled = 3,

    /// <summary><c>FILLED</c>.</summary>
    Filled = 4,

    /// <summary><c>CANCELED</c> by the user.</summary>
    Canceled = 5,

    /// <summary><c>PENDING_CANCEL</c> (unused by Binance today).</summary>
    PendingCancel = 6,

    /// <summary><c>REJECTED</c> by the engine.</summary>
    Rejected = 7,

    /// <summary><c>EXPIRED</c> by the order's rules (an IOC or FOK, a market order without liquidity) or by the exchange.</summary>
    Expired = 8,

    /// <summary><c>EXPIRED_IN_MATCH</c> by self-trade prevention.</summary>
    ExpiredInMatch = 9,
}
