using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>What a strategy or a user asks a broker to do: an order not yet placed.</summary>
/// <param name="ClientOrderId">The caller's id for the order, unique per broker (Binance's <c>newClientOrderId</c>).</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="Quantity">Base quantity; must be positive.</param>
/// <param name="LimitPrice">The limit price of a limit order; ignored for a market order.</param>
/// <param name="Strategy">The strategy that sent it, or null for a manual order.</param>
/// <param name="Variant">The strategy's variant (its own book), or null.</param>
/// <remarks>Nothing is checked here; <see cref="FindProblem"/> and <see cref="SymbolFilters.Validate"/> say what is wrong,
/// and brokers reject an order that either finds fault with.</remarks>
public sealed record OrderRequest(string ClientOrderId, Symbol Symbol, OrderSide Side, OrderType Type, Quantity Quantity,
    Price? LimitPrice = null, string? Strategy = null, string? Variant = null)
{
    /// <summary>Returns why the order is malformed whatever the symbol's filters (no symbol, no quantity, a limit
    /// without a positive price, no client id), or null when it is well formed.</summary>
    public string? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(ClientOrderId)) return "the order has no client order id";
        if (Symbol.IsEmpty) return "the order has no symbol";
        if (Quantity.Raw <= 0) return $"quantity {Quantity} is not positive";
        if (Type == OrderType.Limit && (LimitPrice is not { } price || price.Raw <= 0)) return "a limit order needs a positive limit price";
        return null;
    }
}
