namespace Tickwise.Core.Market;

/// <summary>One price level of an order book side.</summary>
/// <remarks>In an update, a quantity of zero removes the level.</remarks>
public readonly record struct BookLevel(Price Price, Quantity Quantity);
