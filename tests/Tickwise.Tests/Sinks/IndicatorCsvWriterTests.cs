using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Sinks;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Sinks;

public sealed class IndicatorCsvWriterTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private const long Minute0 = 1_723_161_240_000;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Rows_BarsThenAQuoteAcrossTheSma_AreWrittenAsBarAndCrossRows()
    {
        using (var sut = new IndicatorCsvWriter(_temp.Path, new CrossoverTrackerOptions { SmaBars = 2 }))
        {
            sut.OnBarClosed(Bar(0, "100"));
            sut.OnBarClosed(Bar(1, "102")); // SMA(2) = 101
            sut.OnQuote(Quote(Minute0 + 120_500, "103", "103.02")); // mid 103.01 over 101: a cross
            sut.OnQuote(Quote(Minute0 + 121_000, "99", "99.02")); // mid 99.01 under 101: a cross back
            sut.OnBarClosed(new Bar(Btc, Interval.OneSecond, Minute0, P("1"), P("1"), P("1"), P("1"), 1, 1, 1, 0, 0)); // other interval: ignored
        }

        string[] lines = File.ReadAllLines(Path.Combine(_temp.Path, "BTCUSDT-crossover.csv"));
        lines[0].ShouldBe("time_ms,time,event,mid,sma,state,last_cross_time_ms,micro_price,imbalance,pressure,spread,spread_bps");
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        rows.Select(r => r[2]).ShouldBe(["bar", "bar", "cross", "cross"]);
        rows[1][4].ShouldBe("101");
        rows[2][5].ShouldBe("OVER");
        rows[3][5].ShouldBe("UNDER");
        rows[3][6].ShouldBe((Minute0 + 121_000).ToString());
        rows[3][10].ShouldBe("0.02");
    }

    [Fact]
    public void Open_ExistingFile_AppendsWithoutASecondHeader()
    {
        for (int run = 0; run < 2; run++)
        {
            using var sut = new IndicatorCsvWriter(_temp.Path);
            sut.OnBarClosed(Bar(run, "100"));
        }

        string[] lines = File.ReadAllLines(Path.Combine(_temp.Path, "BTCUSDT-crossover.csv"));
        lines.Count(l => l.StartsWith("time_ms", StringComparison.Ordinal)).ShouldBe(1);
        lines.Length.ShouldBe(3);
    }

    private static Price P(string text) => Price.Parse(text);

    private static Bar Bar(int minute, string close) =>
        new(Btc, Interval.OneMinute, Minute0 + minute * 60_000L, P(close), P(close), P(close), P(close), 1, decimal.Parse(close), 1, 0, 0);

    private static Quote Quote(long timeMs, string bid, string ask) => new(Btc, timeMs, P(bid), Quantity.Parse("1"), P(ask), Quantity.Parse("1"), timeMs);
}
