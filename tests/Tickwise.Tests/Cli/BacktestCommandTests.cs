using System.Text.Json;
using Tickwise.Storage;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>One database with FIL and NEAR one-minute bars (August 2023) and BTC and ETH hourly bars, imported once.</summary>
public sealed class BacktestBarsFixture : IDisposable
{
    public BacktestBarsFixture()
    {
        Ok(TickwiseProcess.Run(Temp.Path, "import",
            RepositoryPaths.Binance("klines", "1m", "FILUSDT-1m-2023-08.zip"), RepositoryPaths.Binance("klines", "1m", "NEARUSDT-1m-2023-08.zip"),
            RepositoryPaths.Binance("klines", "1h", "BTC_USDT_1h.csv"), RepositoryPaths.Binance("klines", "1h", "ETH_USDT_1h.csv"), "--db", Db));
    }

    public TempDirectory Temp { get; } = new();

    public string Db => Temp.File("backtest.db");

    public void Dispose() => Temp.Dispose();
}

/// <summary><c>tickwise backtest</c> end to end on real Binance bars: reports, files, stored records, determinism, bad input.</summary>
public class BacktestCommandTests(BacktestBarsFixture fixture) : IClassFixture<BacktestBarsFixture>
{
    private static readonly string[] Files = ["report.json", "trades.csv", "equity.csv", "equity.html"];

    private (TickwiseProcess.Result Result, string Out) Backtest(string name, params string[] args)
    {
        string output = fixture.Temp.File(name);
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, ["backtest", .. args, "--db", fixture.Db, "--out", output]));
        return (result, output);
    }

    private void AssertDeterministicReport(string strategy, string symbols, string interval, params string[] more)
    {
        string[] args = ["--strategy", strategy, "--symbols", symbols, "--interval", interval, .. more];
        var (first, firstOut) = Backtest($"{strategy}-{interval}-1", args);
        var (second, secondOut) = Backtest($"{strategy}-{interval}-2", args);

        foreach (string file in Files)
        {
            File.Exists(Path.Combine(firstOut, file)).ShouldBeTrue(file);
            File.ReadAllBytes(Path.Combine(secondOut, file)).ShouldBe(File.ReadAllBytes(Path.Combine(firstOut, file)), file);
        }
        second.Stdout.ShouldBe(first.Stdout);

        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(firstOut, "report.json")));
        JsonElement root = report.RootElement;
        root.GetProperty("strategy").GetString().ShouldBe(strategy);
        root.GetProperty("interval").GetString().ShouldBe(interval);
        root.GetProperty("trades").GetArrayLength().ShouldBeGreaterThan(0);
        root.GetProperty("equity").GetArrayLength().ShouldBe(File.ReadAllLines(Path.Combine(firstOut, "equity.csv")).Length - 1);
        File.ReadAllLines(Path.Combine(firstOut, "trades.csv")).Length.ShouldBe(root.GetProperty("trade_count").GetInt32() + 1);
        string html = File.ReadAllText(Path.Combine(firstOut, "equity.html"));
        html.ShouldContain("<svg");
        html.ShouldContain("<polyline");
        html.ShouldNotContain("<script");
        first.Stdout.ShouldContain("sharpe");
        first.Stdout.ShouldContain(root.GetProperty("id").GetString()!);

        using ITickStore store = TickStores.Open(fixture.Db);
        StoredRecord record = store.GetRecord("backtest", root.GetProperty("id").GetString()!).ShouldNotBeNull();
        using var stored = JsonDocument.Parse(record.Json);
        stored.RootElement.GetProperty("final_equity").GetRawText().ShouldBe(root.GetProperty("final_equity").GetRawText());
        stored.RootElement.GetProperty("sharpe").GetRawText().ShouldBe(root.GetProperty("sharpe").GetRawText());
        record.TimeMs.ShouldBe(root.GetProperty("to_ms").GetInt64());
    }

    [Fact]
    public void Backtest_CrossoverFil1m_WritesAReportTwiceIdentically() => AssertDeterministicReport("crossover", "FILUSDT", "1m", "--slippage-bps", "2");

    [Fact]
    public void Backtest_MeanReversionFilNear1m_WritesAReportTwiceIdentically() => AssertDeterministicReport("meanrev", "FILUSDT,NEARUSDT", "1m", "--param", "window=240", "--param", "z_window=60");

    [Fact]
    public void Backtest_CrossoverBtc1h_WritesAReportTwiceIdentically() => AssertDeterministicReport("crossover", "BTCUSDT", "1h", "--param", "stop_b=5");

    [Fact]
    public void Backtest_MeanReversionEthBtc1hKalman_WritesAReportTwiceIdentically() => AssertDeterministicReport("meanrev", "ETHUSDT,BTCUSDT", "1h", "--param", "hedge=kalman");

    [Fact]
    public void Backtest_Json_PrintsTheReportWithParamsAndRange()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "backtest", "--strategy", "crossover", "--symbols", "ethusdt", "--interval", "1h",
            "--from", "2025-01-01T00:00:00Z", "--to", "2025-07-01T00:00:00Z", "--param", "fast=10", "--fees-bps", "5", "--json", "--db", fixture.Db));
        using var doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        root.GetProperty("symbols")[0].GetString().ShouldBe("ETHUSDT");
        root.GetProperty("from_ms").GetInt64().ShouldBe(1_735_689_600_000);
        root.GetProperty("to_ms").GetInt64().ShouldBe(1_751_328_000_000);
        root.GetProperty("params").GetProperty("fast").GetInt32().ShouldBe(10);
        root.GetProperty("params").GetProperty("slow").GetInt32().ShouldBe(20);
        root.GetProperty("fees_bps").GetDecimal().ShouldBe(5m);
        root.GetProperty("variants").GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [InlineData("Unknown strategy 'momentum'; known: crossover, meanrev", "--strategy", "momentum", "--symbols", "FILUSDT")]
    [InlineData("DOGEUSDT has no data in this database", "--strategy", "crossover", "--symbols", "DOGEUSDT")]
    [InlineData("The crossover strategy needs one symbol; --symbols gave 2", "--strategy", "crossover", "--symbols", "FILUSDT,NEARUSDT")]
    [InlineData("The meanrev strategy needs 2 different symbols", "--strategy", "meanrev", "--symbols", "FILUSDT")]
    [InlineData("Unknown parameter 'speed'; known: confirm, ema, fast", "--strategy", "crossover", "--symbols", "FILUSDT", "--param", "speed=3")]
    [InlineData("fast must be a whole number; got '2.5'", "--strategy", "crossover", "--symbols", "FILUSDT", "--param", "fast=2.5")]
    [InlineData("Parameter 'fast' is not name=value", "--strategy", "crossover", "--symbols", "FILUSDT", "--param", "fast")]
    [InlineData("fast (30) must be shorter than slow (20)", "--strategy", "crossover", "--symbols", "FILUSDT", "--param", "fast=30")]
    [InlineData("is after --to", "--strategy", "crossover", "--symbols", "FILUSDT", "--from", "2023-09-01T00:00:00Z", "--to", "2023-08-01T00:00:00Z")]
    [InlineData("FILUSDT has no 1s bars in that range", "--strategy", "crossover", "--symbols", "FILUSDT", "--interval", "1s")]
    [InlineData("'FIL-USDT' is not a symbol", "--strategy", "crossover", "--symbols", "FIL-USDT")]
    [InlineData("Fees lie in [0, 1000] bps", "--strategy", "crossover", "--symbols", "FILUSDT", "--fees-bps", "-1")]
    [InlineData("BTCUSDT has no 1m bars in that range", "--strategy", "meanrev", "--symbols", "FILUSDT,BTCUSDT")]
    public void Backtest_BadInput_FailsWithAClearMessage(string expected, params string[] args)
    {
        var result = TickwiseProcess.Run(fixture.Temp.Path, ["backtest", .. args, "--db", fixture.Db]);
        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldContain(expected);
        result.Stderr.ShouldStartWith("tickwise: error: ");
    }

    [Fact]
    public void Backtest_MissingDatabase_FailsPlainly()
    {
        var result = TickwiseProcess.Run(fixture.Temp.Path, "backtest", "--strategy", "crossover", "--symbols", "FILUSDT", "--db", fixture.Temp.File("none.db"));
        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("No database at");
    }
}
