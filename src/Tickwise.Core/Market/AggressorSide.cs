namespace Tickwise.Core.Market;

/// <summary>Which side crossed the spread to make a trade.</summary>
/// <remarks>
/// Binance says the opposite thing: <c>isBuyerMaker = true</c> means the buyer rested on the book,
/// so the seller was the aggressor. Convert once at the parser and never speak of makers again.
/// </remarks>
public enum AggressorSide : byte
{
    /// <summary>Unknown, as in a generic OHLCV source.</summary>
    None = 0,
    /// <summary>The buyer took liquidity (Binance <c>isBuyerMaker = false</c>).</summary>
    Buyer = 1,
    /// <summary>The seller took liquidity (Binance <c>isBuyerMaker = true</c>).</summary>
    Seller = 2,
}
