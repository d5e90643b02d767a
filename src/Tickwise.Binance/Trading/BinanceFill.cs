using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>One trade that filled part of an order, from the <c>fills</c> of a FULL new-order answer.</summary>
/// <param name="TradeId">Binance's trade id.</param>
/// <param name="Price">The fill price.</param>
/// <param name="Quantity">The filled base quantity.</param>
/// <param name="Commission">The fee charged, exact.</param>
/// <param name="CommissionAsset">The asset the fee is charged in (<c>BNB</c>, <c>USDT</c>, the base asset).</param>
public readonly record struct BinanceFill(long TradeId, Price Price, Quantity Quantity, decimal Commission, string CommissionAsset);
