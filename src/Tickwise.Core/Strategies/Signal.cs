using Tickwise.Core.Market;

namespace Tickwise.Core.Strategies;

/// <summary>A strategy's decision at a bar close, with the price it saw and why.</summary>
/// <param name="TimeMs">When the decision was taken: the close of the bar, i.e. its open time plus the interval, Unix ms.</param>
/// <param name="Strategy">The strategy's name (<c>crossover</c>, <c>meanrev</c>).</param>
/// <param name="Variant">The variant (its own book), such as <c>A</c> or <c>B</c>.</param>
/// <param name="Symbol">The instrument concerned (one signal per pair leg).</param>
/// <param name="Side">Buy, sell or exit.</param>
/// <param name="Strength">STRONG, MODERATE or none.</param>
/// <param name="Price">The bar's close, exact.</param>
/// <param name="Reason">Human-readable cause, such as <c>sma(5) crossed above sma(20)</c>.</param>
public readonly record struct Signal(long TimeMs, string Strategy, string Variant, Symbol Symbol, SignalSide Side, SignalStrength Strength, decimal Price, string Reason)
{
    /// <summary>A stable id: <c>strategy:variant:symbol:time</c> (a strategy emits at most one signal per variant, symbol and bar).</summary>
    public string Id => $"{Strategy}:{Variant}:{Symbol}:{TimeMs}";
}
