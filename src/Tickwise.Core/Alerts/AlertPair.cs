using Tickwise.Core.Market;

namespace Tickwise.Core.Alerts;

/// <summary>The two legs of a pair rule: A is the hedged leg, B the hedge, as in <see cref="Pairs.PairSnapshot"/>.</summary>
/// <param name="A">The hedged leg.</param>
/// <param name="B">The hedging leg.</param>
public readonly record struct AlertPair(Symbol A, Symbol B)
{
    /// <summary>Returns <c>A,B</c>.</summary>
    public override string ToString() => $"{A},{B}";
}
