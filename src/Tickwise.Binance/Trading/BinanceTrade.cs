using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>One of the account's trades (<c>GET /api/v3/myTrades</c>): a fill of one of its orders, with its fee.</summary>
/// <param name="TradeId">Binance's trade id (ascending per symbol).</param>
/// <param name="OrderId">The order it filled.</param>
/// <param name="Price">The fill price.</param>
/// <param name="Quantity">The filled base quantity.</param>
/// <param name="Commission">The fee charged, exact.</param>
/// <param name="CommissionAsset">The asset the fee is charged in.</param>
/// <param name="TimeMs">When it traded, exchange time (Unix ms).</param>
/// <param name="IsMaker">Whether the order was the resting side.</param>
public readonly record struct BinanceTrade(long TradeId, long OrderId, Price Price, Quantity Quantity, decimal Commission, string CommissionAsset, long TimeMs, bool IsMaker);
