namespace Tickwise.Core.Trading;

/// <summary>The life-cycle state of an order, as Binance names them.</summary>
public enum OrderStatus
{
    /// <summary>Accepted and resting, nothing filled.</summary>
    New,

    /// <summary>Part of the quantity filled; the rest still rests.</summary>
    PartiallyFilled,

    /// <summary>Completely filled.</summary>
    Filled,

    /// <summary>Canceled before it filled completely.</summary>
    Canceled,

    /// <summary>Refused before it reached the market; see <see cref="Order.RejectReason"/>.</summary>
    Rejected,
}
