using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>Places, cancels and reports orders, and keeps the positions their fills build.</summary>
/// <remarks>
/// <para>An order that is malformed (non-positive quantity, limit without price), for a symbol the broker does not
/// trade, or that breaks the symbol's <see cref="SymbolFilters"/> comes back <see cref="OrderStatus.Rejected"/> with
/// <see cref="Order.RejectReason"/> saying why; nothing reaches the market.</para>
/// <para>Fills are announced through <see cref="Filled"/> in the order they happen, on the caller's thread.</para>
/// </remarks>
public interface IBroker
{
    /// <summary>The broker's name as orders carry it: <c>paper</c>, <c>backtest</c>, <c>testnet</c>.</summary>
    string Name { get; }

    /// <summary>Raised after each fill, with the order it belongs to (already updated).</summary>
    event Action<Order, Fill>? Filled;

    /// <summary>Places an order and returns it: filled, resting, or rejected with a reason.</summary>
    Order Place(OrderRequest request);

    /// <summary>Cancels an open order; returns false when there is no such open order.</summary>
    bool Cancel(long orderId);

    /// <summary>Returns the order of <paramref name="orderId"/>, or null.</summary>
    Order? GetOrder(long orderId);

    /// <summary>Returns the orders still open, oldest first.</summary>
    IReadOnlyList<Order> OpenOrders();

    /// <summary>Returns the position in <paramref name="symbol"/> (flat when never traded).</summary>
    Position GetPosition(Symbol symbol);

    /// <summary>Returns the exchange's rules for <paramref name="symbol"/> when the broker trades on an exchange whose
    /// rules callers must size orders to (the testnet broker: step size, tick size, minimum notional), else null.</summary>
    /// <remarks>A strategy sizes in quote currency, so its quantities have any number of decimals;
    /// <see cref="Strategies.StrategyRunner"/> rounds them down to the step size given here. Null (the default, the paper
    /// and backtest brokers) leaves quantities as the strategy computed them.</remarks>
    SymbolFilters? GetFilters(Symbol symbol) => null;
}
