using System.Globalization;

namespace Tickwise.Tests.Cli;

/// <summary>
/// An independent, deliberately naive computation of bars from a Binance trades CSV: string splitting, decimal
/// arithmetic and LINQ grouping, sharing no code with Tickwise, to check its exported bars against.
/// </summary>
internal static class ReferenceBars
{
    public sealed record Row(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume,
        decimal QuoteVolume, long Trades, decimal TakerBuyVolume, decimal TakerBuyQuoteVolume);

    private sealed record RawTrade(long Id, decimal Price, decimal Quantity, long Time, bool BuyerIsMaker);

    /// <summary>Bars of <paramref name="intervalMs"/> from a trades CSV (spot layout without header, or futures with one), flat bars included.</summary>
    public static List<Row> FromTradesCsv(string path, long intervalMs)
    {
        var trades = File.ReadLines(path)
            .Where(line => line.Length > 0 && char.IsDigit(line[0]))
            .Select(line => line.Split(','))
            .Select(c => new RawTrade(long.Parse(c[0], CultureInfo.InvariantCulture), decimal.Parse(c[1], CultureInfo.InvariantCulture),
                decimal.Parse(c[2], CultureInfo.InvariantCulture), long.Parse(c[4], CultureInfo.InvariantCulture), bool.Parse(c[5])))
            .OrderBy(t => t.Id)
            .ToList();
        var groups = trades.GroupBy(t => t.Time - t.Time % intervalMs).ToDictionary(g => g.Key, g => g.ToList());
        long first = groups.Keys.Min(), last = groups.Keys.Max();
        var rows = new List<Row>();
        decimal previousClose = 0;
        for (long open = first; open <= last; open += intervalMs)
        {
            if (!groups.TryGetValue(open, out var g))
            {
                rows.Add(new Row(open, previousClose, previousClose, previousClose, previousClose, 0, 0, 0, 0, 0));
                continue;
            }
            var takers = g.Where(t => !t.BuyerIsMaker).ToList();
            rows.Add(new Row(open, g[0].Price, g.Max(t => t.Price), g.Min(t => t.Price), g[^1].Price, g.Sum(t => t.Quantity),
                g.Sum(t => t.Price * t.Quantity), g.Count, takers.Sum(t => t.Quantity), takers.Sum(t => t.Price * t.Quantity)));
            previousClose = g[^1].Price;
        }
        return rows;
    }

    /// <summary>Rows of a kline dump (12 columns, optional header) as reference rows.</summary>
    public static List<Row> FromKlineCsvLines(IEnumerable<string> lines) =>
        lines.Where(line => line.Length > 0 && char.IsDigit(line[0]))
            .Select(line => line.Split(','))
            .Select(c => new Row(long.Parse(c[0], CultureInfo.InvariantCulture), D(c[1]), D(c[2]), D(c[3]), D(c[4]), D(c[5]), D(c[7]),
                long.Parse(c[8], CultureInfo.InvariantCulture), D(c[9]), D(c[10])))
            .ToList();

    /// <summary>Resamples rows into a coarser interval, naively.</summary>
    public static List<Row> Resample(List<Row> rows, long intervalMs) =>
        rows.GroupBy(r => r.OpenTime - r.OpenTime % intervalMs)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(r => r.OpenTime).ToList())
            .Select(g => new Row(g[0].OpenTime - g[0].OpenTime % intervalMs, g[0].Open, g.Max(r => r.High), g.Min(r => r.Low), g[^1].Close,
                g.Sum(r => r.Volume), g.Sum(r => r.QuoteVolume), g.Sum(r => r.Trades), g.Sum(r => r.TakerBuyVolume), g.Sum(r => r.TakerBuyQuoteVolume)))
            .ToList();

    /// <summary>Rows of Tickwise's exported bar CSV (header <c>open_time,open,high,low,close,volume,quote_volume,trades,taker_buy_volume,vwap,taker_buy_quote_volume</c>).</summary>
    public static List<Row> FromExportCsv(string csv)
    {
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("open_time,open,high,low,close,volume,quote_volume,trades,taker_buy_volume,vwap");
        return lines.Skip(1).Select(line => line.Split(','))
            .Select(c => new Row(long.Parse(c[0], CultureInfo.InvariantCulture), D(c[1]), D(c[2]), D(c[3]), D(c[4]), D(c[5]), D(c[6]),
                long.Parse(c[7], CultureInfo.InvariantCulture), D(c[8]), D(c[10])))
            .ToList();
    }

    // Plain decimals only: an exponent or a thousands separator in an export would be a defect.
    private static decimal D(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
