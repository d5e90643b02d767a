namespace Tickwise.Core.Trading;

/// <summary>Trading fees in basis points of the notional, one rate for makers and one for takers.</summary>
/// <remarks>Binance's spot base rate is 10 bps for both; 1 bp = 0.01 %. The fee is charged in the quote asset.</remarks>
public readonly record struct FeeModel
{
    /// <summary>Creates a fee model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or above 1000 bps (10 %).</exception>
    public FeeModel(decimal makerBps, decimal takerBps)
    {
        if (makerBps < 0 || makerBps > 1000) throw new ArgumentOutOfRangeException(nameof(makerBps), makerBps, "A fee rate lies in [0, 1000] bps.");
        if (takerBps < 0 || takerBps > 1000) throw new ArgumentOutOfRangeException(nameof(takerBps), takerBps, "A fee rate lies in [0, 1000] bps.");
        MakerBps = makerBps;
        TakerBps = takerBps;
    }

    /// <summary>The rate for orders that rested on the book.</summary>
    public decimal MakerBps { get; }

    /// <summary>The rate for orders that took liquidity.</summary>
    public decimal TakerBps { get; }

    /// <summary>No fees.</summary>
    public static FeeModel None => default;

    /// <summary>Returns the fee on <paramref name="notional"/> (quote asset), rounded to 8 decimals half away from zero.</summary>
    public decimal Fee(decimal notional, bool isMaker) =>
        Math.Round(Math.Abs(notional) * (isMaker ? MakerBps : TakerBps) / 10_000m, 8, MidpointRounding.AwayFromZero);
}
