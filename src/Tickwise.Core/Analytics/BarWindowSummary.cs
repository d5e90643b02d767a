using Tickwise.Core.Market;

namespace Tickwise.Core.Analytics;

/// <summary>Statistics of the last bars of one symbol and interval.</summary>
/// <remarks>
/// <para>Mean and standard deviation are of the closes; the standard deviation is the sample one (n - 1), NaN for
/// fewer than two bars. Min and Max are the lowest low and highest high. Return = last close / first bar's open - 1,
/// the change over the whole window (NaN when that open is 0). Volumes and trade counts are exact sums.</para>
/// <para>With no bar, <see cref="Count"/> is 0, prices are NaN and sums 0.</para>
/// </remarks>
/// <param name="Symbol">The symbol.</param>
/// <param name="Interval">The bars' interval.</param>
/// <param name="Count">The bars summarised.</param>
/// <param name="FirstOpenTimeMs">The open time of the oldest bar (Unix ms), or 0 with no bar.</param>
/// <param name="LastOpenTimeMs">The open time of the newest bar (Unix ms), or 0 with no bar.</param>
/// <param name="LastPrice">The newest close.</param>
/// <param name="Mean">The mean close.</param>
/// <param name="StdDev">The sample standard deviation of the closes.</param>
/// <param name="Min">The lowest low.</param>
/// <param name="Max">The highest high.</param>
/// <param name="Return">Newest close over oldest open, minus one.</param>
/// <param name="Volume">The base-asset volume.</param>
/// <param name="QuoteVolume">The quote-asset volume.</param>
/// <param name="TradeCount">The number of trades.</param>
public readonly record struct BarWindowSummary(Symbol Symbol, Interval Interval, int Count, long FirstOpenTimeMs, long LastOpenTimeMs,
    double LastPrice, double Mean, double StdDev, double Min, double Max, double Return, decimal Volume, decimal QuoteVolume, long TradeCount);
