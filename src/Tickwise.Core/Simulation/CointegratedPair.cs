using Tickwise.Core.Market;

namespace Tickwise.Core.Simulation;

/// <summary>Two symbols whose prices are cointegrated: the follower tracks <c>beta</c> times the leader.</summary>
/// <param name="Leader">The symbol that walks freely.</param>
/// <param name="Follower">The symbol whose mid is <c>Beta * leader + mu + spread</c>.</param>
/// <param name="Beta">Hedge ratio in price units (follower per leader), positive.</param>
/// <param name="HalfLifeSeconds">Half-life of the Ornstein-Uhlenbeck spread: <c>ln 2 / theta</c>.</param>
/// <param name="SpreadVolatilityPerSqrtDay">
/// Volatility of the spread's shocks over one day, relative to the follower's start price (0.01 is 1 %).
/// </param>
/// <remarks>
/// <para>The follower's mid is <c>Beta * leaderMid + mu + s</c> where <c>mu = followerStart - Beta * leaderStart</c>
/// (so both start at their start prices) and <c>s</c> is a zero-mean Ornstein-Uhlenbeck process,
/// <c>ds = -theta s dt + sigma dW</c>, stepped exactly (<c>s' = phi s + sigma sqrt((1 - phi^2) / (2 theta)) z</c>,
/// <c>phi = exp(-theta dt)</c>). Regressing follower on leader prices finds <c>Beta</c>; the residual is an AR(1)
/// with coefficient <c>phi</c> per step.</para>
/// <para>A leader may lead several followers; a follower has one leader and leads nobody.</para>
/// </remarks>
public sealed record CointegratedPair(Symbol Leader, Symbol Follower, double Beta, double HalfLifeSeconds, double SpreadVolatilityPerSqrtDay);
