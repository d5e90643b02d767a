using System.Globalization;
using System.IO.Compression;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

using Market = Tickwise.Core.Market;

/// <summary>A trade as the test reads it: decimals straight from the text, independent of the fixed-point parser.</summary>
internal sealed record CsvTrade(long Id, decimal Price, decimal Quantity, long TimestampMs, bool BuyerIsAggressor, int Count = 1)
{
    public Trade ToTrade(Symbol symbol) =>
        new(symbol, Id, Market.Price.Parse(Price.ToString(CultureInfo.InvariantCulture)), Market.Quantity.Parse(Quantity.ToString(CultureInfo.InvariantCulture)),
            TimestampMs, BuyerIsAggressor ? AggressorSide.Buyer : AggressorSide.Seller, Count);
}

/// <summary>Reads the shared Binance files by path relative to the repository root; never copies them.</summary>
internal static class BarTestData
{
    public static string SharedDirectory(params string[] parts)
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Tickwise.slnx"))) directory = Path.GetDirectoryName(directory);
        if (directory is null) throw new InvalidOperationException("Tickwise.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine([directory, "..", "shared", .. parts]);
    }

    public static IEnumerable<string> TradeFiles() =>
        Directory.GetFiles(SharedDirectory("data", "binance", "trades"), "*.csv").OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Reads a spot (<c>id,price,qty,quote_qty,time,is_buyer_maker,is_best_match</c>, no header) or USD-M (with header) trades dump.</summary>
    public static List<CsvTrade> ReadTrades(string path)
    {
        var trades = new List<CsvTrade>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith("id,", StringComparison.Ordinal)) continue;
            string[] f = line.Split(',');
            bool buyerIsMaker = bool.Parse(f[5]);
            trades.Add(new CsvTrade(long.Parse(f[0], CultureInfo.InvariantCulture), decimal.Parse(f[1], CultureInfo.InvariantCulture),
                decimal.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture), !buyerIsMaker));
        }
        return trades;
    }

    /// <summary>Reads a zipped 1m klines dump (12-column header) as bars.</summary>
    public static List<Bar> ReadKlines(string zipPath, Symbol symbol)
    {
        using ZipArchive archive = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(archive.Entries.Single().Open());
        var bars = new List<Bar>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith("open_time", StringComparison.Ordinal)) continue;
            string[] f = line.Split(',');
            bars.Add(new Bar(symbol, Interval.OneMinute, long.Parse(f[0], CultureInfo.InvariantCulture),
                Price.Parse(f[1]), Price.Parse(f[2]), Price.Parse(f[3]), Price.Parse(f[4]),
                Dec(f[5]), Dec(f[7]), long.Parse(f[8], CultureInfo.InvariantCulture), Dec(f[9]), Dec(f[10])));
        }
        return bars;
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
