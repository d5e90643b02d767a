using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>An order as a broker holds it: the request, its id, and how much of it has filled.</summary>
/// <remarks>The broker that created it updates it; callers read it. <see cref="AveragePrice"/> is the quantity-weighted
/// mean of its fills (exact decimal), zero before the first fill.</remarks>
public sealed class Order
{
    /// <summary>Creates an order in state <see cref="OrderStatus.New"/>.</summary>
    public Order(long id, OrderRequest request, long timeMs, string broker)
    {
        ArgumentNullException.ThrowIfNull(request);
        Id = id;
        Request = request;
        TimeMs = timeMs;
        Broker = broker;
    }

    /// <summary>The broker's id, increasing from 1.</summary>
    public long Id { get; }

    /// <summary>What was asked.</summary>
    public OrderRequest Request { get; }

    /// <summary>When it was placed, Unix ms.</summary>
    public long TimeMs { get; }

    /// <summary>Which broker holds it: <c>paper</c>, <c>backtest</c>, <c>testnet</c>.</summary>
    public string Broker { get; }

    /// <summary>The life-cycle state.</summary>
    public OrderStatus Status { get; internal set; }

    /// <summary>Why the broker refused it, when <see cref="Status"/> is <see cref="OrderStatus.Rejected"/>.</summary>
    public string? RejectReason { get; internal set; }

    /// <summary>Quantity filled so far.</summary>
    public Quantity FilledQuantity { get; private set; }

    /// <summary>Quantity-weighted average fill price, zero before the first fill.</summary>
    public decimal AveragePrice { get; private set; }

    /// <summary>Fees paid so far, quote asset.</summary>
    public decimal Fee { get; private set; }

    /// <summary>Quantity still to fill.</summary>
    public Quantity RemainingQuantity => new(Request.Quantity.Raw - FilledQuantity.Raw);

    /// <summary>True while the order can still fill or be canceled.</summary>
    public bool IsOpen => Status is OrderStatus.New or OrderStatus.PartiallyFilled;

    /// <summary>Applies an execution reported by an exchange (a broker outside Core, such as the Binance testnet's).</summary>
    /// <exception cref="ArgumentException">The fill belongs to another order, has a non-positive quantity, or exceeds the
    /// remaining quantity.</exception>
    /// <exception cref="InvalidOperationException">The order is no longer open.</exception>
    public void ApplyFill(in Fill fill)
    {
        if (fill.OrderId != Id) throw new ArgumentException($"The fill is for order {fill.OrderId}, not {Id}.", nameof(fill));
        if (fill.Quantity.Raw <= 0 || fill.Quantity.Raw > RemainingQuantity.Raw)
            throw new ArgumentException($"Fill quantity {fill.Quantity} is not within the remaining {RemainingQuantity} of order {Id}.", nameof(fill));
        if (!IsOpen) throw new InvalidOperationException($"Order {Id} is {Status}; it takes no fill.");
        Apply(fill);
    }

    /// <summary>Marks the order rejected with <paramref name="reason"/> (the exchange refused it after it was placed).</summary>
    /// <exception cref="InvalidOperationException">The order is no longer open or has fills (a partly filled order is
    /// canceled, not rejected).</exception>
    public void Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status != OrderStatus.New || FilledQuantity.Raw != 0) throw new InvalidOperationException($"Order {Id} is {Status} with {FilledQuantity} filled; only a new order can be rejected.");
        Status = OrderStatus.Rejected;
        RejectReason = reason;
    }

    /// <summary>Marks the order canceled (the exchange confirmed the cancel, or expired what was left of it).</summary>
    /// <exception cref="InvalidOperationException">The order is no longer open.</exception>
    public void MarkCanceled()
    {
        if (!IsOpen) throw new InvalidOperationException($"Order {Id} is {Status}; only an open order can be canceled.");
        Status = OrderStatus.Canceled;
    }

    internal void Apply(in Fill fill)
    {
        decimal before = FilledQuantity.ToDecimal();
        decimal quantity = fill.Quantity.ToDecimal();
        AveragePrice = (AveragePrice * before + fill.Price * quantity) / (before + quantity);
        FilledQuantity = new Quantity(FilledQuantity.Raw + fill.Quantity.Raw);
        Fee += fill.Fee;
        Status = FilledQuantity.Raw >= Request.Quantity.Raw ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
    }
}
