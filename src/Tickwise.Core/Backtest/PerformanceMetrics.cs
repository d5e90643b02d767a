using System.Buffers;

namespace Tickwise.Core.Backtest;

/// <summary>The performance figures of a backtest, from its equity curve and its trades.</summary>
/// <remarks>
/// <para>Per-bar returns r_i = E_i / E_(i−1) − 1, with E_(−1) the initial equity and E_i the equity at bar i's close.</para>
/// <para><see cref="Sharpe"/> = mean(r) / sd(r) × √P with the sample deviation (n − 1) and no risk-free rate;
/// <see cref="Sortino"/> = mean(r) / √(Σ min(r, 0)² / n) × √P. P, the bars per year, is 365 days divided by the interval:
/// crypto markets trade every day. Both are NaN (JSON null) with fewer than two bars or no variation (no downside).</para>
/// <para><see cref="MaxDrawdown"/> is the largest fall from a running peak (the initial equity included), as a positive
/// fraction of the peak. <see cref="WinRate"/>: trades with positive P&amp;L / trades. <see cref="ProfitFactor"/>: gross
/// profit / gross loss of trades (NaN without a losing trade). <see cref="Exposure"/>: the fraction of bars during which a
/// position was held. <see cref="Turnover"/>: traded notional / initial equity.</para>
/// </remarks>
public readonly record struct PerformanceMetrics(double TotalReturn, double Sharpe, double Sortino, double MaxDrawdown, double WinRate,
    double ProfitFactor, double Exposure, double Turnover)
{
    /// <summary>Bars per year of <paramref name="intervalMs"/>: 365 days over the interval.</summary>
    public static double PeriodsPerYear(long intervalMs) => 365.0 * 86_400_000 / intervalMs;

    /// <summary>Computes the figures.</summary>
    /// <param name="initialEquity">Equity before the first bar.</param>
    /// <param name="equity">Equity at each bar's close.</param>
    /// <param name="tradePnls">P&amp;L of each closed trade.</param>
    /// <param name="exposedBars">Bars during which a position was held.</param>
    /// <param name="tradedNotional">Sum of the fills' notionals.</param>
    /// <param name="intervalMs">The bar interval, for annualising.</param>
    /// <exception cref="ArgumentOutOfRangeException">The initial equity or the interval is not positive.</exception>
    public static PerformanceMetrics Compute(decimal initialEquity, ReadOnlySpan<decimal> equity, ReadOnlySpan<decimal> tradePnls,
        long exposedBars, decimal tradedNotional, long intervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialEquity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);
        double[] converted = ArrayPool<double>.Shared.Rent(equity.Length);
        for (int i = 0; i < equity.Length; i++) converted[i] = (double)equity[i];
        PerformanceMetrics metrics = Compute(initialEquity, converted.AsSpan(0, equity.Length), tradePnls, exposedBars, tradedNotional, intervalMs);
        ArrayPool<double>.Shared.Return(converted);
        return metrics;
    }

    /// <summary>Computes the figures from an equity curve already converted to <see langword="double"/> (each value
    /// <c>(double)</c> of the exact equity): the same figures as from the decimals.</summary>
    /// <remarks>The engine keeps the variants' curves this way: they serve only these figures.</remarks>
    internal static PerformanceMetrics Compute(decimal initialEquity, ReadOnlySpan<double> equity, ReadOnlySpan<decimal> tradePnls,
        long exposedBars, decimal tradedNotional, long intervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialEquity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);
        int n = equity.Length;
        double initial = (double)initialEquity;
        double final = n == 0 ? initial : equity[^1];

        // The returns are kept from the first pass for the second (the deviations need the mean first): converting each
        // decimal once costs less than converting twice, and the figures are the same.
        double[] returns = ArrayPool<double>.Shared.Rent(n);
        double previous = initial, peak = initial, maxDrawdown = 0, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = equity[i];
            double r = previous != 0 ? e / previous - 1 : 0;
            returns[i] = r;
            sum += r;
            previous = e;
            if (e > peak) peak = e;
            else if (peak > 0) maxDrawdown = Math.Max(maxDrawdown, (peak - e) / peak);
        }
        double mean = n > 0 ? sum / n : double.NaN;
        double squares = 0, downside = 0;
        for (int i = 0; i < n; i++)
        {
            double r = returns[i];
            squares += (r - mean) * (r - mean);
            if (r < 0) downside += r * r;
        }
        ArrayPool<double>.Shared.Return(returns);
        double annual = Math.Sqrt(PeriodsPerYear(intervalMs));
        double sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        double sharpe = sd > 0 ? mean / sd * annual : double.NaN;
        double downsideDeviation = n > 1 ? Math.Sqrt(downside / n) : double.NaN;
        double sortino = downsideDeviation > 0 ? mean / downsideDeviation * annual : double.NaN;

        int wins = 0;
        decimal grossProfit = 0, grossLoss = 0;
        foreach (decimal pnl in tradePnls)
        {
            if (pnl > 0) { wins++; grossProfit += pnl; }
            else grossLoss -= pnl;
        }
        double winRate = tradePnls.Length > 0 ? (double)wins / tradePnls.Length : double.NaN;
        double profitFactor = grossLoss > 0 ? (double)(grossProfit / grossLoss) : double.NaN;
        double exposure = n > 0 ? (double)exposedBars / n : double.NaN;
        return new PerformanceMetrics(final / initial - 1, sharpe, sortino, maxDrawdown, winRate, profitFactor, exposure, (double)(tradedNotional / initialEquity));
    }
}
