using Tickwise.Core.Analytics;
using Tickwise.Core.Indicators;
using Tickwise.Core.Market;

namespace Tickwise.Web.Analysis;

/// <summary>Moving averages, support/resistance levels and crossovers over a run of bars, for the chart overlays.</summary>
/// <param name="OpenTimes">The bars' open times, oldest first.</param>
/// <param name="Sma">Per SMA period, one value per bar (NaN while warming up).</param>
/// <param name="Ema">Per EMA period, one value per bar (NaN while warming up).</param>
/// <param name="Levels">Support and resistance levels of the bars.</param>
/// <param name="Crosses">Where the fast line crossed the slow one.</param>
internal sealed record IndicatorSeries(long[] OpenTimes, IReadOnlyList<(int Period, double[] Values)> Sma, IReadOnlyList<(int Period, double[] Values)> Ema,
    IReadOnlyList<PriceLevel> Levels, IReadOnlyList<IndicatorCross> Crosses)
{
    /// <summary>Computes the series over <paramref name="bars"/>, reporting only the last <paramref name="shown"/> bars (the
    /// ones before warm the averages up).</summary>
    /// <remarks>Crosses: with two or more lines, the line of the shortest period (fast) crossing the one of the longest
    /// (slow), the EMA counting as the faster at equal periods; with one line, the close crossing it. A cross is "up" when the fast
    /// side goes from at or below to above, at the close of that bar.</remarks>
    public static IndicatorSeries Compute(ReadOnlySpan<Bar> bars, int shown, IReadOnlyList<int> smaPeriods, IReadOnlyList<int> emaPeriods)
    {
        int n = bars.Length, skip = Math.Max(0, n - shown);
        var closes = new double[n];
        for (int i = 0; i < n; i++) closes[i] = bars[i].Close.ToDouble();
        var sma = new List<(int, double[])>();
        foreach (int p in smaPeriods) sma.Add((p, Core.Indicators.Sma.Batch(closes, p)));
        var ema = new List<(int, double[])>();
        foreach (int p in emaPeriods) ema.Add((p, Core.Indicators.Ema.Batch(closes, p)));

        // Fastest first: shorter period, and at equal periods the EMA (it reacts sooner than the SMA).
        var lines = new List<(int Period, int Order, double[] Values)>();
        foreach (var (p, v) in ema) lines.Add((p, 0, v));
        foreach (var (p, v) in sma) lines.Add((p, 1, v));
        lines.Sort(static (x, y) => x.Period != y.Period ? x.Period.CompareTo(y.Period) : x.Order.CompareTo(y.Order));
        double[]? fast = null, slow = null;
        if (lines.Count >= 2)
        {
            fast = lines[0].Values;
            slow = lines[^1].Values;
        }
        else if (lines.Count == 1)
        {
            fast = closes;
            slow = lines[0].Values;
        }
        var crosses = new List<IndicatorCross>();
        if (fast is not null && slow is not null && !ReferenceEquals(fast, slow))
        {
            for (int i = Math.Max(1, skip); i < n; i++)
            {
                double before = fast[i - 1] - slow[i - 1], now = fast[i] - slow[i];
                if (!double.IsFinite(before) || !double.IsFinite(now)) continue;
                if (before <= 0 && now > 0) crosses.Add(new IndicatorCross(bars[i].OpenTimeMs, true, bars[i].Close));
                else if (before >= 0 && now < 0) crosses.Add(new IndicatorCross(bars[i].OpenTimeMs, false, bars[i].Close));
            }
        }
        ReadOnlySpan<Bar> visible = bars[skip..];
        var times = new long[visible.Length];
        for (int i = 0; i < visible.Length; i++) times[i] = visible[i].OpenTimeMs;
        return new IndicatorSeries(times, Cut(sma, skip), Cut(ema, skip), SupportResistance.Find(visible), crosses);
    }

    private static List<(int, double[])> Cut(List<(int Period, double[] Values)> lines, int skip) =>
        lines.ConvertAll(l => (l.Period, l.Values[skip..]));
}
