using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>One execution of (part of) an order.</summary>
/// <param name="OrderId">The broker's id of the order.</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Base quantity filled, positive.</param>
/// <param name="Price">Execution price (quote per base), slippage included; exact.</param>
/// <param name="Fee">Fee paid, in the quote asset, exact.</param>
/// <param name="IsMaker">True when the order rested on the book (maker fee), false when it took liquidity.</param>
/// <param name="TimeMs">Execution time, Unix ms (the market event's time, never a wall clock).</param>
/// <remarks>The price is a decimal, not a <see cref="Price"/>: slippage and book walks give averages finer than a tick.</remarks>
public readonly record struct Fill(long OrderId, Symbol Symbol, OrderSide Side, Quantity Quantity, decimal Price, decimal Fee, bool IsMaker, long TimeMs)
{
    /// <summary>Quantity times price, in the quote asset.</summary>
    public decimal Notional => Quantity.ToDecimal() * Price;

    /// <summary>The signed base quantity: positive for a buy, negative for a sell.</summary>
    public decimal SignedQuantity => Side == OrderSide.Buy ? Quantity.ToDecimal() : -Quantity.ToDecimal();
}
