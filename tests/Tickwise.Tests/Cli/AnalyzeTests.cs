using System.Globalization;
using System.Text.Json;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>One database with four years of BTC and ETH hourly bars, imported once for the analysis tests.</summary>
public sealed class HourlyBarsFixture : IDisposable
{
    public HourlyBarsFixture()
    {
        Ok(TickwiseProcess.Run(Temp.Path, "import", RepositoryPaths.Binance("klines", "1h", "BTC_USDT_1h.csv"), RepositoryPaths.Binance("klines", "1h", "ETH_USDT_1h.csv"), "--db", Db));
    }

    public TempDirectory Temp { get; } = new();

    public string Db => Temp.File("hourly.db");

    /// <summary>(open time, close) of a generic OHLCV file, read naively.</summary>
    public static List<(long Time, double Close)> Closes(string name) =>
        File.ReadLines(RepositoryPaths.Binance("klines", "1h", name)).Skip(1).Select(l => l.Split(','))
            .Select(c => (long.Parse(c[0], CultureInfo.InvariantCulture), double.Parse(c[4], CultureInfo.InvariantCulture))).ToList();

    public void Dispose() => Temp.Dispose();
}

/// <summary><c>analyze stats</c>, <c>analyze correlation</c> and <c>export pair</c> against naive recomputations from the files.</summary>
public class AnalyzeTests(HourlyBarsFixture fixture) : IClassFixture<HourlyBarsFixture>
{
    [Fact]
    public void AnalyzeCorrelation_Json_EqualsPearsonOfLogReturnsOfTheLatestSharedBars()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "analyze", "correlation", "--symbols", "BTCUSDT,ETHUSDT", "--interval", "1h", "--window", "500", "--json", "--db", fixture.Db));

        using var doc = JsonDocument.Parse(result.Stdout);
        var btc = HourlyBarsFixture.Closes("BTC_USDT_1h.csv").ToDictionary(p => p.Time, p => p.Close);
        var eth = HourlyBarsFixture.Closes("ETH_USDT_1h.csv").ToDictionary(p => p.Time, p => p.Close);
        long[] shared = [.. btc.Keys.Intersect(eth.Keys).Order().TakeLast(500)];
        double[] rb = [.. shared.Skip(1).Select((t, i) => Math.Log(btc[t] / btc[shared[i]]))];
        double[] re = [.. shared.Skip(1).Select((t, i) => Math.Log(eth[t] / eth[shared[i]]))];
        double expected = NaivePearson(rb, re);
        JsonElement matrix = doc.RootElement.GetProperty("matrix");
        matrix[0][1].GetDouble().ShouldBe(expected, 1e-12);
        matrix[1][0].GetDouble().ShouldBe(expected, 1e-12);
        matrix[0][0].GetDouble().ShouldBe(1.0, 1e-12);
        doc.RootElement.GetProperty("bars").GetInt32().ShouldBe(500);
    }

    [Fact]
    public void AnalyzeStats_Json_EqualsTheLatestWindow()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "analyze", "stats", "--symbol", "BTCUSDT", "--interval", "1h,1d", "--window", "24", "--json", "--db", fixture.Db));

        using var doc = JsonDocument.Parse(result.Stdout);
        var closes = HourlyBarsFixture.Closes("BTC_USDT_1h.csv").TakeLast(24).Select(p => p.Close).ToArray();
        JsonElement hourly = doc.RootElement[0];
        hourly.GetProperty("interval").GetString().ShouldBe("1h");
        hourly.GetProperty("bars").GetInt32().ShouldBe(24);
        hourly.GetProperty("last_price").GetDouble().ShouldBe(closes[^1]);
        hourly.GetProperty("mean").GetDouble().ShouldBe(closes.Average(), 1e-9);
        doc.RootElement[1].GetProperty("interval").GetString().ShouldBe("1d");
    }

    [Fact]
    public void ExportPair_Csv_HasEverySharedBarAndTheWindowOlsHedgeRatio()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "export", "pair", "--a", "ETHUSDT", "--b", "BTCUSDT", "--interval", "1h", "--window", "240",
            "--from", "2026-01-01T00:00:00Z", "--db", fixture.Db));

        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("open_time,price_a,price_b,hedge_ratio,spread,zscore,correlation");
        string[] last = lines[^1].Split(',');
        last.Length.ShouldBe(7);
        // Window OLS of ETH on BTC closes over the last 240 shared bars, computed naively.
        var eth = HourlyBarsFixture.Closes("ETH_USDT_1h.csv").ToDictionary(p => p.Time, p => p.Close);
        var btc = HourlyBarsFixture.Closes("BTC_USDT_1h.csv").ToDictionary(p => p.Time, p => p.Close);
        long[] shared = [.. eth.Keys.Intersect(btc.Keys).Where(t => t >= 1_767_225_600_000).Order()];
        lines.Length.ShouldBe(shared.Length + 1);
        long[] window = shared[^240..];
        double[] x = [.. window.Select(t => btc[t])], y = [.. window.Select(t => eth[t])];
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        double.Parse(last[3], CultureInfo.InvariantCulture).ShouldBe(slope, Math.Abs(slope) * 1e-9);
        lines[1].Split(',')[3].ShouldBe(""); // not enough bars yet
    }

    [Theory]
    [InlineData("analyze", "correlation", "--symbols", "BTCUSDT", "--interval", "1h")]
    [InlineData("analyze", "correlation", "--symbols", "BTCUSDT,DOGEUSDT", "--interval", "1h")]
    [InlineData("analyze", "correlation", "--symbols", "BTCUSDT,ETHUSDT", "--interval", "1m")]
    [InlineData("analyze", "stats", "--symbol", "BTCUSDT", "--window", "0")]
    [InlineData("export", "pair", "--a", "BTCUSDT", "--b", "BTCUSDT", "--interval", "1h")]
    [InlineData("export", "pair", "--a", "BTCUSDT", "--b", "ETHUSDT", "--interval", "1h", "--window", "1")]
    [InlineData("export", "pair", "--a", "BTCUSDT", "--b", "ETHUSDT", "--interval", "1h", "--hedge", "Guess")]
    public void Analysis_BadValue_FailsWithOneClearLine(params string[] args)
    {
        var result = TickwiseProcess.Run(fixture.Temp.Path, [.. args, "--db", fixture.Db]);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1, result.Stderr);
    }

    private static double NaivePearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return sxy / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }
}
