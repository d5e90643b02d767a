namespace Tickwise.Core.Trading;

/// <summary>The direction of an order or fill.</summary>
public enum OrderSide
{
    /// <summary>Buys the base asset.</summary>
    Buy,

    /// <summary>Sells the base asset.</summary>
    Sell,
}
