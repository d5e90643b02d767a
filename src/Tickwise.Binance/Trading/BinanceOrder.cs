using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>An order as Binance reports it: after placing, querying or cancelling it, or in the open orders.</summary>
/// <remarks>
/// Binance reports a market order's <c>price</c> as zero. <see cref="TimeMs"/> is <c>transactTime</c> in a
/// new-order or cancel answer and <c>time</c> (creation) in a query; <see cref="Fills"/> is empty except in a FULL
/// new-order answer.
/// </remarks>
public sealed record BinanceOrder
{
    /// <summary>The symbol.</summary>
    public required Symbol Symbol { get; init; }

    /// <summary>Binance's order id.</summary>
    public required long OrderId { get; init; }

    /// <summary>The client order id (the caller's, or one Binance made up).</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    public required BinanceOrderSide Side { get; init; }

    /// <summary>The type.</summary>
    public required BinanceOrderType Type { get; init; }

    /// <summary>The status.</summary>
    public required BinanceOrderStatus Status { get; init; }

    /// <summary>The limit price; zero for a market order.</summary>
    public Price Price { get; init; }

    /// <summary>The quantity asked for (<c>origQty</c>).</summary>
    public Quantity OriginalQuantity { get; init; }

    /// <summary>The quantity filled so far (<c>executedQty</c>).</summary>
    public Quantity ExecutedQuantity { get; init; }

    /// <summary>The quote amount filled so far (<c>cummulativeQuoteQty</c>), exact.</summary>
    public decimal CumulativeQuoteQuantity { get; init; }

    /// <summary>The time Binance stamped on the answer or the order, Unix ms.</summary>
    public long TimeMs { get; init; }

    /// <summary>The last update time, Unix ms; <see cref="TimeMs"/> when Binance does not say.</summary>
    public long UpdateTimeMs { get; init; }

    /// <summary>The fills reported with the order (FULL new-order answers only).</summary>
    public IReadOnlyList<BinanceFill> Fills { get; init; } = [];

    /// <summary>The average fill price, <see cref="CumulativeQuoteQuantity"/> over <see cref="ExecutedQuantity"/>;
    /// zero when nothing is filled.</summary>
    public decimal AveragePrice => ExecutedQuantity.Raw == 0 ? 0m : CumulativeQuoteQuantity / ExecutedQuantity.ToDecimal();

    /// <summary>The fees of <see cref="Fills"/>, summed per asset.</summary>
    public IReadOnlyDictionary<string, decimal> CommissionByAsset()
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (BinanceFill fill in Fills)
            sums[fill.CommissionAsset] = sums.GetValueOrDefault(fill.CommissionAsset) + fill.Commission;
        return sums;
    }
}
