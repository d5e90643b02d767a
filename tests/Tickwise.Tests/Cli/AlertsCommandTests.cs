using System.Globalization;
using System.Text.Json;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary><c>tickwise alerts ...</c> and alerts in <c>replay</c>, end to end through the real executable.</summary>
public class AlertsCommandTests
{
    private static readonly string BtcTrades = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");
    private static readonly string EthTrades = RepositoryPaths.Binance("trades", "ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv");
    private static readonly string Btc08 = RepositoryPaths.Binance("ws", "spot", "btcusdt_20240808.gz");
    private static readonly string Btc09 = RepositoryPaths.Binance("ws", "spot", "btcusdt_20240809.gz");

    private static string Imported(TempDirectory temp, params string[] files)
    {
        string db = temp.File("a.db");
        foreach (string file in files) Ok(TickwiseProcess.Run(temp.Path, "import", file, "--db", db));
        return db;
    }

    private static TickwiseProcess.Result Alerts(TempDirectory temp, params string[] args) => TickwiseProcess.Run(temp.Path, ["alerts", .. args]);

    private static JsonElement[] Json(TickwiseProcess.Result result)
    {
        using JsonDocument document = JsonDocument.Parse(Ok(result).Stdout);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public void AddListDisableEnableRm_OneRule_ChangesWhatListShows()
    {
        using var temp = new TempDirectory();
        string db = Imported(temp, BtcTrades);

        var added = Ok(Alerts(temp, "add", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "62000", "--priority", "high",
            "--cooldown", "60s", "--hysteresis", "10", "--name", "btc 62k", "--db", db));
        string id = added.Stdout.Split(' ')[3].TrimEnd(':');
        added.Stdout.ShouldBe($"added alert rule {id}: price_above BTCUSDT 1m 62000\n");

        JsonElement rule = Json(Alerts(temp, "list", "--json", "--db", db)).ShouldHaveSingleItem();
        rule.GetProperty("id").GetString().ShouldBe(id);
        rule.GetProperty("name").GetString().ShouldBe("btc 62k");
        rule.GetProperty("type").GetString().ShouldBe("price_above");
        rule.GetProperty("symbol").GetString().ShouldBe("BTCUSDT");
        rule.GetProperty("threshold").GetDouble().ShouldBe(62000);
        rule.GetProperty("priority").GetString().ShouldBe("high");
        rule.GetProperty("cooldown_s").GetDouble().ShouldBe(60);
        rule.GetProperty("hysteresis").GetDouble().ShouldBe(10);
        rule.GetProperty("enabled").GetBoolean().ShouldBeTrue();

        Ok(Alerts(temp, "disable", id, "--db", db)).Stdout.ShouldBe($"disabled alert rule {id}\n");
        string table = Ok(Alerts(temp, "list", "--db", db)).Stdout;
        table.ShouldStartWith("ID ");
        table.Split('\n')[1].ShouldStartWith($"{id}  no ");
        Ok(Alerts(temp, "enable", id, "--db", db));
        Json(Alerts(temp, "list", "--json", "--db", db)).Single().GetProperty("enabled").GetBoolean().ShouldBeTrue();
        Ok(Alerts(temp, "rm", id, "--db", db)).Stdout.ShouldBe($"removed alert rule {id}\n");
        Json(Alerts(temp, "list", "--json", "--db", db)).ShouldBeEmpty();
    }

    [Fact]
    public void Add_ZScoreRuleWithoutThreshold_TakesTwoAndThreeAsExtreme()
    {
        using var temp = new TempDirectory();
        string db = Imported(temp, BtcTrades, EthTrades);

        var added = Ok(Alerts(temp, "add", "--type", "zscore_cross", "--pair", "BTCUSDT,ETHUSDT", "--interval", "5m", "--json", "--db", db));

        using JsonDocument rule = JsonDocument.Parse(added.Stdout);
        rule.RootElement.GetProperty("pair").GetProperty("a").GetString().ShouldBe("BTCUSDT");
        rule.RootElement.GetProperty("pair").GetProperty("b").GetString().ShouldBe("ETHUSDT");
        rule.RootElement.GetProperty("interval").GetString().ShouldBe("5m");
        rule.RootElement.GetProperty("threshold").GetDouble().ShouldBe(2);
        rule.RootElement.GetProperty("threshold2").GetDouble().ShouldBe(3);
    }

    [Theory]
    [InlineData("unknown type", "--type", "price_sideways", "--symbol", "BTCUSDT", "--threshold", "1")]
    [InlineData("no threshold", "--type", "price_above", "--symbol", "BTCUSDT")]
    [InlineData("negative threshold", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "-5")]
    [InlineData("NaN threshold", "--type", "price_below", "--symbol", "BTCUSDT", "--threshold", "NaN")]
    [InlineData("absurd threshold", "--type", "price_below", "--symbol", "BTCUSDT", "--threshold", "1e300")]
    [InlineData("not a number", "--type", "price_below", "--symbol", "BTCUSDT", "--threshold", "abc")]
    [InlineData("bad interval", "--type", "volume_spike", "--symbol", "BTCUSDT", "--threshold", "3", "--interval", "7m")]
    [InlineData("negative cooldown", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "1", "--cooldown", "-5")]
    [InlineData("bad cooldown", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "1", "--cooldown", "soon")]
    [InlineData("negative hysteresis", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "1", "--hysteresis", "-1")]
    [InlineData("unknown symbol", "--type", "price_above", "--symbol", "DOGEUSDT", "--threshold", "1")]
    [InlineData("bad symbol", "--type", "price_above", "--symbol", "BTC/USDT", "--threshold", "1")]
    [InlineData("unknown leg", "--type", "zscore_above", "--pair", "BTCUSDT,DOGEUSDT")]
    [InlineData("same legs", "--type", "zscore_above", "--pair", "BTCUSDT,BTCUSDT")]
    [InlineData("three legs", "--type", "zscore_above", "--pair", "BTCUSDT,ETHUSDT,BNBUSDT")]
    [InlineData("pair rule without pair", "--type", "correlation_below", "--symbol", "BTCUSDT", "--threshold", "0.5")]
    [InlineData("correlation out of range", "--type", "correlation_below", "--pair", "BTCUSDT,ETHUSDT", "--threshold", "2")]
    [InlineData("bad priority", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "1", "--priority", "urgent")]
    [InlineData("threshold on crossover", "--type", "crossover", "--symbol", "BTCUSDT", "--threshold", "1")]
    [InlineData("short window too long", "--type", "volatility_change", "--symbol", "BTCUSDT", "--threshold", "2", "--window", "5", "--short-window", "5")]
    [InlineData("ftp webhook", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "1", "--webhook", "ftp://x/y")]
    public void Add_InvalidDefinition_FailsWithOneClearLineAndStoresNothing(string why, params string[] args)
    {
        using var temp = new TempDirectory();
        string db = Imported(temp, BtcTrades, EthTrades);

        var result = Alerts(temp, ["add", .. args, "--db", db]);

        result.ExitCode.ShouldBe(1, why);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1, $"{why}: {result.Stderr}");
        result.Stderr.ShouldStartWith("tickwise: error:", Case.Sensitive, why);
        Json(Alerts(temp, "list", "--json", "--db", db)).ShouldBeEmpty(why);
    }

    [Theory]
    [InlineData("rm")]
    [InlineData("enable")]
    [InlineData("disable")]
    public void ChangeRule_UnknownId_FailsWithOneLine(string verb)
    {
        using var temp = new TempDirectory();
        string db = Imported(temp, BtcTrades);

        var result = Alerts(temp, verb, "nosuchrule", "--db", db);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldBe("tickwise: error: no alert rule 'nosuchrule'; 'tickwise alerts list' shows them.\n");
    }

    [Fact]
    public void Add_NoDatabase_FailsWithoutCreatingOne()
    {
        using var temp = new TempDirectory();

        var result = Alerts(temp, "add", "--type", "price_above", "--symbol", "BTCUSDT", "--threshold", "1", "--db", temp.File("none.db"));

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("No database at");
        File.Exists(temp.File("none.db")).ShouldBeFalse();
    }

    [Fact]
    public void Replay_WithPriceRule_FiresAtTheCrossingsOfTheRecordedTradesAndStoresThemOnce()
    {
        using var temp = new TempDirectory();
        string db = Imported(temp, BtcTrades);
        const double threshold = 61700, hysteresis = 20;
        const long cooldownMs = 30_000;
        Ok(Alerts(temp, "add", "--type", "price_below", "--symbol", "BTCUSDT", "--threshold", "61700", "--hysteresis", "20", "--cooldown", "30s", "--db", db));

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, Btc09, "--db", db));
        JsonElement[] events = Json(Alerts(temp, "events", "--limit", "1000", "--json", "--db", db));
        Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, Btc09, "--db", db));
        JsonElement[] again = Json(Alerts(temp, "events", "--limit", "1000", "--json", "--db", db));

        // The reference: the same crossing rule, written plainly over the trades file (the frames hold the same trades).
        var expected = new List<(long Time, double Price)>();
        bool? armed = null;
        long lastFire = long.MinValue;
        foreach (string line in File.ReadLines(BtcTrades))
        {
            string[] f = line.Split(',');
            double price = double.Parse(f[1], CultureInfo.InvariantCulture);
            long time = long.Parse(f[4], CultureInfo.InvariantCulture);
            bool reached = price <= threshold;
            if (armed == true && reached)
            {
                armed = false;
                if (lastFire == long.MinValue || time - lastFire >= cooldownMs)
                {
                    expected.Add((time, price));
                    lastFire = time;
                }
            }
            else if (armed is null) armed = !reached;
            else if (armed == false && price > threshold + hysteresis) armed = true;
        }

        expected.Count.ShouldBeGreaterThan(0, "the recorded prices cross 61700");
        events.Select(e => (e.GetProperty("time").GetInt64(), e.GetProperty("value").GetDouble())).Reverse().ShouldBe(expected);
        again.Length.ShouldBe(events.Length, "a second replay stores the same events under the same ids");
        replay.Stderr.ShouldContain($"1 alert rules fired {expected.Count} alerts");
        events[0].GetProperty("type").GetString().ShouldBe("price_below");
        events[0].GetProperty("values").GetProperty("price").GetDouble().ShouldBe(expected[^1].Price);
        Ok(Alerts(temp, "events", "--limit", "1", "--db", db)).Stdout.Split('\n')[1].ShouldContain("BTCUSDT price");
    }

    [Fact]
    public void Replay_WithVolumeSpikeRule_FiresAtTheBarsWhoseVolumeCrossesKTimesTheMeanOfTheReferenceBars()
    {
        using var temp = new TempDirectory();
        string db = Imported(temp, BtcTrades);
        const int window = 4;
        const decimal k = 2.5m;
        Ok(Alerts(temp, "add", "--type", "volume_spike", "--symbol", "BTCUSDT", "--interval", "15s", "--threshold", "2.5", "--window", "4", "--db", db));

        Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, Btc09, "--db", db));
        JsonElement[] events = Json(Alerts(temp, "events", "--limit", "1000", "--json", "--db", db));

        // The reference: naive 15 s bars of the trades file; every bar but the last (still open when the stream ends) closes.
        List<ReferenceBars.Row> bars = ReferenceBars.FromTradesCsv(BtcTrades, 15_000);
        var expected = new List<(long Time, double Ratio)>();
        bool? armed = null;
        for (int i = window; i < bars.Count - 1; i++)
        {
            decimal mean = bars.Skip(i - window).Take(window).Sum(b => b.Volume) / window;
            if (mean == 0) continue;
            decimal ratio = bars[i].Volume / mean;
            if (armed == true && ratio >= k) expected.Add((bars[i].OpenTime + 15_000, (double)ratio));
            armed = ratio < k;
        }

        expected.Count.ShouldBeGreaterThan(0, "the recorded volumes spike");
        var fired = events.Select(e => (Time: e.GetProperty("time").GetInt64(), Ratio: e.GetProperty("value").GetDouble())).Reverse().ToList();
        fired.Select(e => e.Time).ShouldBe(expected.Select(e => e.Time));
        for (int i = 0; i < fired.Count; i++) fired[i].Ratio.ShouldBe(expected[i].Ratio, 1e-9 * expected[i].Ratio);
    }
}
