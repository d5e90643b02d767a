using Tickwise.Core.Market;
using Tickwise.Core.Strategies;

namespace Tickwise.Trading;

/// <summary>One strategy to run live: the strategy object, the symbols it trades (leg A, then B) and its bar interval.</summary>
internal sealed record StrategySetup(IStrategy Strategy, IReadOnlyList<Symbol> Symbols, Interval Interval);
