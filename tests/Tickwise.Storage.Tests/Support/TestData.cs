using System.Globalization;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Tests.Support;

/// <summary>Trades and bars for store tests, made up or read from the shared real Binance data.</summary>
public static class TestData
{
    public static readonly Symbol Btc = new("BTCUSDT");
    public static readonly Symbol Eth = new("ETHUSDT");

    /// <summary>2024-08-08T23:54:15Z, the start of the shared data.</summary>
    public const long StartMs = 1_723_161_255_000;

    /// <summary>Returns <paramref name="count"/> trades with ids from <paramref name="firstId"/>, one per 10 ms.</summary>
    public static Trade[] Trades(Symbol symbol, long firstId, int count, long startMs = StartMs)
    {
        var trades = new Trade[count];
        for (int i = 0; i < count; i++)
        {
            long id = firstId + i;
            trades[i] = new Trade(symbol, id, new Price(6_183_763_000_000 + id % 1000 * 1_234_567),
                new Quantity(1 + id % 777 * 12_345_679), startMs + i * 10L,
                id % 3 == 0 ? AggressorSide.Seller : id % 3 == 1 ? AggressorSide.Buyer : AggressorSide.None, 1 + (int)(id % 5));
        }
        return trades;
    }

    /// <summary>Returns a one-minute bar opening <paramref name="index"/> minutes after <see cref="StartMs"/>'s minute.</summary>
    public static Bar Bar(Symbol symbol, int index, Interval? interval = null, decimal? volume = null)
    {
        Interval length = interval ?? Interval.OneMinute;
        long openMs = length.FloorMs(StartMs) + index * length.Milliseconds;
        decimal baseVolume = volume ?? 12.34567891m + index;
        return new Bar(symbol, length, openMs,
            Price.Parse("61837.63"), Price.Parse("61900.12345678"), Price.Parse("61800.00000001"), Price.Parse("61850.5"),
            baseVolume, 763_212.1234567812345678m + index, 42 + index, Math.Min(1.5m, baseVolume), 92_000.0000000000000001m);
    }

    /// <summary>Reads the shared spot BTCUSDT trade dump (id,price,qty,quote_qty,time,is_buyer_maker,is_best_match).</summary>
    public static Trade[] RealBtcTrades()
    {
        string path = SharedFile("data", "binance", "trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");
        var trades = new List<Trade>();
        foreach (string line in File.ReadLines(path))
        {
            string[] f = line.Split(',');
            trades.Add(new Trade(Btc, long.Parse(f[0], CultureInfo.InvariantCulture), Price.Parse(f[1]), Quantity.Parse(f[2]),
                long.Parse(f[4], CultureInfo.InvariantCulture), f[5] == "True" ? AggressorSide.Seller : AggressorSide.Buyer));
        }
        return [.. trades];
    }

    /// <summary>Returns a path under the shared folder next to the repository.</summary>
    public static string SharedFile(params string[] parts) => Path.Combine([Tickwise.Testing.RepositoryPaths.Root, "..", "shared", .. parts]);
}
