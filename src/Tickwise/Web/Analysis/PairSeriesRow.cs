using Tickwise.Core.Market;
using Tickwise.Core.Pairs;

namespace Tickwise.Web.Analysis;

/// <summary>One bar of a pair series: both closes and the pair's statistics after that bar.</summary>
/// <param name="OpenTimeMs">The shared open time.</param>
/// <param name="CloseA">Leg A's close.</param>
/// <param name="CloseB">Leg B's close.</param>
/// <param name="Snapshot">The statistics after the bar (null when a close was rejected).</param>
internal readonly record struct PairSeriesRow(long OpenTimeMs, Price CloseA, Price CloseB, PairSnapshot? Snapshot);
