using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

/// <summary>The correlation of the random shocks of two symbols' prices.</summary>
/// <param name="First">One symbol.</param>
/// <param name="Second">The other symbol.</param>
/// <param name="Correlation">Pearson correlation of the shocks, in (-1, 1).</param>
/// <remarks>
/// Pairs not listed are uncorrelated. The shocks of a free symbol move its log price, so this is the
/// correlation of its log returns over any horizon. The shock of a <see cref="CointegratedPair"/> follower
/// moves its spread, not its price.
/// </remarks>
public sealed record SymbolCorrelation(Symbol First, Symbol Second, double Correlation);
