namespace Tickwise.Binance.Trading;

/// <summary>What a <see cref="BinanceTradingClient"/> reports to its notice callback.</summary>
public enum BinanceTradingNoticeKind : byte
{
    /// <summary>The clock offset to the server was measured.</summary>
    ClockSynced = 1,

    /// <summary>Binance refused a timestamp (-1021); the client resynchronises and tries once more.</summary>
    TimestampRejected = 2,

    /// <summary>Binance asked the client to slow down (429 or 418); it waits as told.</summary>
    RateLimited = 3,

    /// <summary>An order was accepted.</summary>
    OrderPlaced = 4,

    /// <summary>An order was cancelled.</summary>
    OrderCanceled = 5,

    /// <summary>A request failed; an exception follows.</summary>
    RequestFailed = 6,
}
