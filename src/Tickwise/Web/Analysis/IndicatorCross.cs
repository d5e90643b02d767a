using Tickwise.Core.Market;

namespace Tickwise.Web.Analysis;

/// <summary>A crossover of the fast line over (up) or under (down) the slow one.</summary>
/// <param name="TimeMs">The bar's open time.</param>
/// <param name="Up">True when the fast line went above.</param>
/// <param name="Price">The bar's close.</param>
internal readonly record struct IndicatorCross(long TimeMs, bool Up, Price Price);
