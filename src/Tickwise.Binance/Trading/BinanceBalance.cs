namespace Tickwise.Binance.Trading;

/// <summary>One asset's balance on the account (<c>/api/v3/account</c>).</summary>
/// <param name="Asset">The asset, <c>BTC</c>.</param>
/// <param name="Free">Available for trading, exact.</param>
/// <param name="Locked">Held by open orders, exact.</param>
public readonly record struct BinanceBalance(string Asset, decimal Free, decimal Locked)
{
    /// <summary>Free plus locked.</summary>
    public decimal Total => Free + Locked;
}
