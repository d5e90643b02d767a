using Tickwise.Core.Market;

namespace Tickwise.Core.Strategies;

/// <summary>A trading strategy fed closed bars, the same object live, in replay and in backtest.</summary>
/// <remarks>
/// <para>Each call gives one closed bar per symbol, all with the same open time, in the order of the symbols the strategy
/// was set up with (one for <c>crossover</c>, two for a pair). The strategy answers through the context: signals, and
/// target positions per variant, which the context turns into orders. It never reads a clock or places orders itself,
/// so the same bars give the same signals wherever it runs.</para>
/// <para>Each variant is a separate book (its own position and P&amp;L): the crossover's risk variants A and B.</para>
/// <para>Implementations update in O(1) per bar and allocate only when they emit a signal.</para>
/// </remarks>
public interface IStrategy
{
    /// <summary>The strategy's name, as <c>--strategy</c> takes it.</summary>
    string Name { get; }

    /// <summary>How many symbols each call carries (1, or 2 for a pair).</summary>
    int SymbolCount { get; }

    /// <summary>The variants' names, index = variant number in <see cref="IStrategyContext.SetTarget"/>.</summary>
    IReadOnlyList<string> Variants { get; }

    /// <summary>Takes the next closed bars (one per symbol, same open time) and answers through <paramref name="context"/>.</summary>
    void OnBars(ReadOnlySpan<Bar> bars, IStrategyContext context);

    /// <summary>Forgets everything seen, as if new.</summary>
    void Reset();
}
