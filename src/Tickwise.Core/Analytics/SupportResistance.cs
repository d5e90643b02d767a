using Tickwise.Core.Market;

namespace Tickwise.Core.Analytics;

/// <summary>Support and resistance levels of one symbol and interval from fractal pivots (swing highs and lows)
/// clustered by price.</summary>
/// <remarks>
/// <para>Bar i is a swing high when its high is strictly above the highs of the <c>LeftBars</c> bars before it and
/// not below those of the <c>RightBars</c> bars after it (so a flat top counts once, at its first bar); a swing low
/// likewise with lows. The first <c>LeftBars</c> and last <c>RightBars</c> bars cannot be pivots yet.</para>
/// <para>Pivots are sorted by price and grouped greedily: a cluster takes every next pivot within
/// <c>TolerancePercent</c> of its lowest price, so no cluster is wider than the tolerance and the result does not
/// depend on the bars' order. A level's price is the mean of its pivots; it is support at or below the last close
/// and resistance above (a broken resistance becomes support). Levels come out sorted by price.</para>
/// <para>O(n (L + R) + p log p) for n bars and p pivots.</para>
/// </remarks>
public static class SupportResistance
{
    /// <summary>Returns the levels of <paramref name="bars"/> (oldest first, one symbol and interval).</summary>
    /// <returns>The levels with at least <c>MinTouches</c> touches, by price; empty when the bars are too few for a pivot.</returns>
    /// <exception cref="ArgumentException">The bars mix symbols or intervals.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IReadOnlyList<PriceLevel> Find(ReadOnlySpan<Bar> bars, SupportResistanceOptions? options = null)
    {
        options ??= new SupportResistanceOptions();
        options.Validate();
        if (bars.IsEmpty) return [];
        for (int i = 1; i < bars.Length; i++)
            if (bars[i].Symbol != bars[0].Symbol || bars[i].Interval != bars[0].Interval)
                throw new ArgumentException($"Bars of {bars[i].Symbol} {bars[i].Interval} mixed with {bars[0].Symbol} {bars[0].Interval}.", nameof(bars));

        var pivots = new List<Pivot>();
        int left = options.LeftBars, right = options.RightBars, n = bars.Length;
        for (int i = left; i + right < n; i++)
        {
            if (IsPivot(bars, i, left, right, high: true)) pivots.Add(new Pivot(bars[i].High.ToDouble(), true, i, bars[i].OpenTimeMs));
            if (IsPivot(bars, i, left, right, high: false)) pivots.Add(new Pivot(bars[i].Low.ToDouble(), false, i, bars[i].OpenTimeMs));
        }

        pivots.Sort(static (a, b) => a.Price != b.Price ? a.Price.CompareTo(b.Price) : a.Index.CompareTo(b.Index));
        double lastClose = bars[^1].Close.ToDouble();
        double factor = 1 + options.TolerancePercent / 100;
        var levels = new List<PriceLevel>();
        for (int start = 0; start < pivots.Count;)
        {
            int end = start + 1;
            double limit = pivots[start].Price * factor;
            while (end < pivots.Count && pivots[end].Price <= limit) end++;
            PriceLevel level = Level(pivots, start, end, n, lastClose, options.RecencyHalfLifeBars);
            if (level.Touches >= options.MinTouches) levels.Add(level);
            start = end;
        }

        return levels;
    }

    // Strictly beyond the left neighbours, not exceeded by the right ones: a flat top or bottom counts at its first bar.
    private static bool IsPivot(ReadOnlySpan<Bar> bars, int i, int left, int right, bool high)
    {
        long p = high ? bars[i].High.Raw : bars[i].Low.Raw;
        for (int j = i - left; j < i; j++)
        {
            long q = high ? bars[j].High.Raw : bars[j].Low.Raw;
            if (high ? q >= p : q <= p) return false;
        }

        for (int j = i + 1; j <= i + right; j++)
        {
            long q = high ? bars[j].High.Raw : bars[j].Low.Raw;
            if (high ? q > p : q < p) return false;
        }

        return true;
    }

    private static PriceLevel Level(List<Pivot> pivots, int start, int end, int barCount, double lastClose, double halfLife)
    {
        double sum = 0, strength = 0;
        int highs = 0;
        long first = long.MaxValue, last = long.MinValue;
        for (int k = start; k < end; k++)
        {
            Pivot p = pivots[k];
            sum += p.Price;
            if (p.IsHigh) highs++;
            first = Math.Min(first, p.OpenTimeMs);
            last = Math.Max(last, p.OpenTimeMs);
            strength += double.IsPositiveInfinity(halfLife) ? 1 : Math.Pow(0.5, (barCount - 1 - p.Index) / halfLife);
        }

        int touches = end - start;
        double price = sum / touches;
        return new PriceLevel(price, price <= lastClose ? LevelKind.Support : LevelKind.Resistance, touches, highs, touches - highs,
            strength, pivots[start].Price, pivots[end - 1].Price, first, last);
    }

    private readonly record struct Pivot(double Price, bool IsHigh, int Index, long OpenTimeMs);
}
