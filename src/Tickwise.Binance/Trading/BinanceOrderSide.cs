namespace Tickwise.Binance.Trading;

/// <summary>An order's side as Binance names it (<c>BUY</c>, <c>SELL</c>).</summary>
public enum BinanceOrderSide : byte
{
    /// <summary><c>BUY</c>: buy the base asset.</summary>
    Buy = 1,

    /// <summary><c>SELL</c>: sell the base asset.</summary>
    Sell = 2,
}
