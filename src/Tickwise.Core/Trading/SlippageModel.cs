using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>How far a taker's execution price lies from the reference price: a fixed number of basis points, or the
/// average price of walking an order book's levels.</summary>
/// <remarks>Slippage always hurts: a buy pays more than the reference, a sell receives less.</remarks>
public readonly record struct SlippageModel
{
    /// <summary>Creates a model of <paramref name="bps"/> basis points.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bps"/> is negative or above 1000 (10 %).</exception>
    public SlippageModel(decimal bps)
    {
        if (bps < 0 || bps > 1000) throw new ArgumentOutOfRangeException(nameof(bps), bps, "Slippage lies in [0, 1000] bps.");
        Bps = bps;
    }

    /// <summary>Basis points added to a buy's price and taken off a sell's.</summary>
    public decimal Bps { get; }

    /// <summary>No slippage.</summary>
    public static SlippageModel None => default;

    /// <summary>Returns the execution price of a taker order at <paramref name="reference"/>.</summary>
    public decimal Apply(decimal reference, OrderSide side) =>
        side == OrderSide.Buy ? reference * (1 + Bps / 10_000m) : reference * (1 - Bps / 10_000m);

    /// <summary>Walks <paramref name="levels"/> (best first: asks for a buy, bids for a sell) for <paramref name="quantity"/>
    /// and returns the quantity-weighted average price, or false when the levels hold less than the quantity.</summary>
    /// <remarks>Levels of zero quantity are skipped. The fixed <see cref="Bps"/> is not added: the walk is the slippage.</remarks>
    public static bool TryWalkBook(ReadOnlySpan<BookLevel> levels, Quantity quantity, out decimal averagePrice)
    {
        averagePrice = 0;
        long remaining = quantity.Raw;
        if (remaining <= 0) return false;
        decimal cost = 0;
        foreach (BookLevel level in levels)
        {
            long take = Math.Min(remaining, level.Quantity.Raw);
            if (take <= 0) continue;
            cost += FixedPoint.ToDecimal(take) * level.Price.ToDecimal();
            remaining -= take;
            if (remaining == 0) break;
        }
        if (remaining > 0) return false;
        averagePrice = cost / quantity.ToDecimal();
        return true;
    }
}
