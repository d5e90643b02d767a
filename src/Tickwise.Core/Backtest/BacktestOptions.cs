namespace Tickwise.Core.Backtest;

/// <summary>The simulated market of a backtest: fees, slippage and starting capital.</summary>
/// <param name="FeesBps">Taker fee in basis points of the notional (every backtest fill is a taker fill); Binance spot: 10.</param>
/// <param name="SlippageBps">Basis points added to a buy's fill price (taken off a sell's) at the next bar's open.</param>
/// <param name="InitialEquity">Starting capital of each variant, quote currency.</param>
public sealed record BacktestOptions(decimal FeesBps = 10m, decimal SlippageBps = 0m, decimal InitialEquity = 10_000m)
{
    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fees or slippage outside [0, 1000] bps, or a non-positive equity.</exception>
    public void Validate()
    {
        if (FeesBps < 0 || FeesBps > 1000) throw new ArgumentOutOfRangeException(nameof(FeesBps), FeesBps, "Fees lie in [0, 1000] bps.");
        if (SlippageBps < 0 || SlippageBps > 1000) throw new ArgumentOutOfRangeException(nameof(SlippageBps), SlippageBps, "Slippage lies in [0, 1000] bps.");
        if (InitialEquity <= 0) throw new ArgumentOutOfRangeException(nameof(InitialEquity), InitialEquity, "The initial equity must be positive.");
    }
}
