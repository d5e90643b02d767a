namespace Tickwise.Core.Trading;

/// <summary>How an order is priced.</summary>
public enum OrderType
{
    /// <summary>Fills at once at the best available price (taker).</summary>
    Market,

    /// <summary>Fills at its limit price or better; rests until the market crosses it.</summary>
    Limit,
}
