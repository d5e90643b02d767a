using System.Globalization;
using Tickwise.Core.Market;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Analytics;

/// <summary>Real Binance USD-M hourly bars (shared/data/binance/klines/1h) as <see cref="Bar"/>s; the file has no trade
/// count or quote volume, so the trade count is a made-up function of the row and the quote volume volume × close.</summary>
internal static class RealBars
{
    private static readonly Lazy<Bar[]> LazyBtc = new(() => Load("BTC"));

    public static Bar[] BtcHourly => LazyBtc.Value;

    private static Bar[] Load(string asset)
    {
        var symbol = new Symbol(asset + "USDT");
        var bars = new List<Bar>();
        int row = 0;
        foreach (string line in File.ReadLines(ReferenceData.SharedPath("data", "binance", "klines", "1h", $"{asset}_USDT_1h.csv")).Skip(1))
        {
            if (line.Length == 0) continue;
            string[] f = line.Split(',');
            decimal volume = decimal.Parse(f[5], CultureInfo.InvariantCulture);
            Price close = Price.Parse(f[4]);
            bars.Add(new Bar(symbol, Interval.OneHour, long.Parse(f[0], CultureInfo.InvariantCulture), Price.Parse(f[1]), Price.Parse(f[2]),
                Price.Parse(f[3]), close, volume, Math.Round(volume * close.ToDecimal(), 8), 1000 + row++ % 97, 0m, 0m));
            if (bars.Count == 3000) break; // enough for the tests
        }

        return bars.ToArray();
    }
}
