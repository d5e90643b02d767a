using Tickwise.Core.Market;
using Tickwise.Core.Strategies;

namespace Tickwise.Core.Backtest;

/// <summary>What a backtest produced: the trades, the equity curve, the figures of all variants together and of each.</summary>
/// <remarks>The combined figures treat the variants as one account whose capital is the sum of theirs.
/// <see cref="EquityTimesMs"/>[i] is bar i's close time (open + interval), when <see cref="Equity"/>[i] was measured.</remarks>
public sealed class BacktestResult
{
    /// <summary>The strategy's name.</summary>
    public required string Strategy { get; init; }

    /// <summary>The symbols, in the strategy's order.</summary>
    public required IReadOnlyList<Symbol> Symbols { get; init; }

    /// <summary>The bar interval.</summary>
    public required Interval Interval { get; init; }

    /// <summary>The first bar's open time (0 without bars).</summary>
    public required long FromMs { get; init; }

    /// <summary>The last bar's close time, exclusive (0 without bars).</summary>
    public required long ToMs { get; init; }

    /// <summary>The simulated market.</summary>
    public required BacktestOptions Options { get; init; }

    /// <summary>The capital of all variants together.</summary>
    public required decimal InitialEquity { get; init; }

    /// <summary>The equity of all variants together at the end.</summary>
    public required decimal FinalEquity { get; init; }

    /// <summary>Figures of all variants together.</summary>
    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>Each variant's own book.</summary>
    public required IReadOnlyList<BacktestVariantResult> Variants { get; init; }

    /// <summary>Closed trades in the order they closed.</summary>
    public required IReadOnlyList<BacktestTrade> Trades { get; init; }

    /// <summary>Signals in the order they were emitted.</summary>
    public required IReadOnlyList<Signal> Signals { get; init; }

    /// <summary>Times of the equity points (bar close times).</summary>
    public required long[] EquityTimesMs { get; init; }

    /// <summary>Equity of all variants together at each bar's close.</summary>
    public required decimal[] Equity { get; init; }

    /// <summary>Number of fills.</summary>
    public required int FillCount { get; init; }
}
