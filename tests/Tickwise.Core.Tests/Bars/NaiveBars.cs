using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

/// <summary>
/// The batch reference: bars computed the obvious way, in decimal arithmetic with LINQ, sharing no code with the aggregators.
/// </summary>
internal static class NaiveBars
{
    /// <summary>
    /// Returns every bar of <paramref name="interval"/> from the one holding the first trade to the one holding the last,
    /// flat where no trade fell; the last one is the bar still open after the last trade. Trades are in arrival order.
    /// </summary>
    public static List<Bar> FromTrades(Symbol symbol, IReadOnlyList<CsvTrade> trades, Interval interval)
    {
        long length = interval.Milliseconds;
        var groups = trades.GroupBy(t => Floor(t.TimestampMs, length)).ToDictionary(g => g.Key, g => g.ToList());
        long first = Floor(trades[0].TimestampMs, length);
        long last = groups.Keys.Max();
        var bars = new List<Bar>();
        decimal previousClose = 0;
        for (long open = first; open <= last; open += length)
        {
            if (!groups.TryGetValue(open, out List<CsvTrade>? group))
            {
                bars.Add(Bar.Flat(symbol, interval, open, ToPrice(previousClose)));
                continue;
            }
            decimal close = group[^1].Price;
            bars.Add(new Bar(symbol, interval, open, ToPrice(group[0].Price), ToPrice(group.Max(t => t.Price)), ToPrice(group.Min(t => t.Price)), ToPrice(close),
                group.Sum(t => t.Quantity), group.Sum(t => t.Price * t.Quantity), group.Sum(t => (long)t.Count),
                group.Where(t => t.BuyerIsAggressor).Sum(t => t.Quantity), group.Where(t => t.BuyerIsAggressor).Sum(t => t.Price * t.Quantity)));
            previousClose = close;
        }
        return bars;
    }

    /// <summary>
    /// Returns the coarse bars of <paramref name="target"/> built from fine bars: first traded bar's open, last's close, extremes,
    /// sums; flat at the previous close for a coarse interval without traded fine bars, from the first fine bar's to the last's.
    /// </summary>
    public static List<Bar> Resample(IReadOnlyList<Bar> fine, Interval target)
    {
        long length = target.Milliseconds;
        var groups = fine.GroupBy(b => Floor(b.OpenTimeMs, length)).ToDictionary(g => g.Key, g => g.ToList());
        var bars = new List<Bar>();
        Price previousClose = default;
        for (long open = Floor(fine[0].OpenTimeMs, length); open <= Floor(fine[^1].OpenTimeMs, length); open += length)
        {
            List<Bar> group = groups.TryGetValue(open, out List<Bar>? g) ? g : [];
            List<Bar> traded = group.Where(b => b.TradeCount > 0 || b.Volume != 0).ToList();
            if (traded.Count == 0)
            {
                // Flat fine bars repeat the previous close; the coarse flat bar takes the last one's, as the resampler does.
                if (group.Count > 0) previousClose = group[^1].Close;
                bars.Add(Bar.Flat(fine[0].Symbol, target, open, previousClose));
                continue;
            }
            bars.Add(new Bar(fine[0].Symbol, target, open, traded[0].Open, traded.Max(b => b.High), traded.Min(b => b.Low), traded[^1].Close,
                group.Sum(b => b.Volume), group.Sum(b => b.QuoteVolume), group.Sum(b => b.TradeCount), group.Sum(b => b.TakerBuyVolume), group.Sum(b => b.TakerBuyQuoteVolume)));
            previousClose = traded[^1].Close;
        }
        return bars;
    }

    /// <summary>Orders bars as the aggregators emit them: by close time, then interval.</summary>
    public static List<Bar> InEmissionOrder(IEnumerable<Bar> bars) =>
        bars.OrderBy(b => b.OpenTimeMs + b.Interval.Milliseconds).ThenBy(b => b.Interval.Milliseconds).ToList();

    public static long Floor(long timestampMs, long length) => timestampMs - (timestampMs % length + length) % length;

    private static Price ToPrice(decimal value) => Price.TryFromDecimal(value, out Price price) ? price : throw new InvalidOperationException($"{value} is not a price.");
}
