using Tickwise.Core.Market;
using Tickwise.Core.Pairs;

namespace Tickwise.Web.Analysis;

/// <summary>The per-bar pair series: <see cref="PairAnalytics"/> fed with the bars two symbols share, oldest first.</summary>
/// <remarks>Statistics are undefined (NaN) until the windows fill. Leg A is regressed on leg B. Shared by
/// <c>tickwise export pair</c> and <c>/api/pairs/series</c>, <c>/api/pairs/analytics</c>.</remarks>
internal static class PairSeries
{
    /// <summary>The column names of the series table, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["open_time", "price_a", "price_b", "hedge_ratio", "spread", "zscore", "correlation"];

    /// <summary>Feeds the shared bars of <paramref name="barsA"/> and <paramref name="barsB"/> (each ordered by open time) to
    /// a new <see cref="PairAnalytics"/> and returns one row per shared bar.</summary>
    /// <exception cref="ArgumentException">The symbols are the same or an option is out of range.</exception>
    public static List<PairSeriesRow> Compute(Symbol a, Symbol b, IReadOnlyList<Bar> barsA, IReadOnlyList<Bar> barsB, PairAnalyticsOptions options)
    {
        // A series shows hedge ratio, spread, z-score and correlation only: the rest of a snapshot would cost ~10x more.
        var analytics = new PairAnalytics(a, b, options with { SpreadOnly = true });
        var byTimeB = new Dictionary<long, Bar>(barsB.Count);
        foreach (Bar bar in barsB) byTimeB[bar.OpenTimeMs] = bar;
        var rows = new List<PairSeriesRow>(Math.Min(barsA.Count, barsB.Count));
        foreach (Bar barA in barsA)
        {
            if (!byTimeB.TryGetValue(barA.OpenTimeMs, out Bar barB)) continue;
            PairSnapshot? snapshot = analytics.Update(barA.OpenTimeMs, barA.Close.ToDouble(), barB.Close.ToDouble());
            rows.Add(new PairSeriesRow(barA.OpenTimeMs, barA.Close, barB.Close, snapshot));
        }
        return rows;
    }

    /// <summary>Returns the hedge ratio, spread, z-score and correlation of a row (NaN where undefined).</summary>
    public static (double HedgeRatio, double Spread, double ZScore, double Correlation) Values(in PairSeriesRow row, HedgeMethod method)
    {
        PairSnapshot? s = row.Snapshot;
        return s is null ? (double.NaN, double.NaN, double.NaN, double.NaN) : (s.Hedge(method).HedgeRatio, s.Spread, s.ZScore, s.Correlation);
    }
}
