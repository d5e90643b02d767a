using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

/// <summary>How the simulator prices and trades one symbol.</summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="StartPrice">Mid price at the start time, in the quote asset.</param>
/// <param name="TickSize">Price grid: every bid, ask and trade price is a multiple of it.</param>
/// <param name="StepSize">Quantity grid: every trade and quote quantity is a positive multiple of it.</param>
/// <param name="VolatilityPerSqrtDay">Standard deviation of the log mid price over one day (0.03 is 3 %).</param>
/// <param name="TradesPerSecond">Long-run mean number of trades per second.</param>
/// <param name="MedianTradeQuantity">Median trade quantity before rounding to <paramref name="StepSize"/>.</param>
/// <remarks>
/// Validated by <see cref="SimulatorOptions.Validate"/>. For the follower of a <see cref="CointegratedPair"/>,
/// <paramref name="VolatilityPerSqrtDay"/> does not drive the price (the leader and the spread do); it only
/// scales how strongly the aggressor side follows the recent price move.
/// </remarks>
public sealed record SimulatedSymbol(
    Symbol Symbol,
    decimal StartPrice,
    decimal TickSize,
    decimal StepSize,
    double VolatilityPerSqrtDay,
    double TradesPerSecond,
    decimal MedianTradeQuantity);
