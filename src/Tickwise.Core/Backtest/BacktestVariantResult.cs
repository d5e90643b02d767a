namespace Tickwise.Core.Backtest;

/// <summary>One variant's own book in a backtest: its capital, its end equity, its figures and its number of trades.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="InitialEquity">Starting capital.</param>
/// <param name="FinalEquity">Equity at the last bar's close, open positions marked there.</param>
/// <param name="Metrics">Its figures, from its own equity curve and trades.</param>
/// <param name="TradeCount">Its closed trades.</param>
public sealed record BacktestVariantResult(string Variant, decimal InitialEquity, decimal FinalEquity, PerformanceMetrics Metrics, int TradeCount);
