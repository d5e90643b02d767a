using System.Text.Json;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary><c>analyze pair</c> against statsmodels (values from <c>reference/analyze_pair_reference.py</c>).</summary>
public class AnalyzePairTests(HourlyBarsFixture fixture) : IClassFixture<HourlyBarsFixture>
{
    [Fact]
    public void AnalyzePair_OlsJson_MatchesStatsmodels()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "analyze", "pair", "--a", "ETHUSDT", "--b", "BTCUSDT", "--interval", "1h", "--window", "500", "--json", "--db", fixture.Db));

        using var doc = JsonDocument.Parse(result.Stdout);
        JsonElement r = doc.RootElement;
        string[] keys = [.. r.EnumerateObject().Select(p => p.Name)];
        keys.ShouldBe(["n", "hedge_ratio", "intercept", "r_squared", "spread_last", "zscore_last", "adf_stat", "adf_pvalue", "adf_lags", "adf_crit", "half_life", "correlation"]);
        r.GetProperty("n").GetInt32().ShouldBe(500);
        r.GetProperty("hedge_ratio").GetDouble().ShouldBe(0.05055228273244483, 1e-12);
        r.GetProperty("intercept").GetDouble().ShouldBe(-1760.960597356625, 1e-7);
        r.GetProperty("r_squared").GetDouble().ShouldBe(0.8835663083789858, 1e-11);
        r.GetProperty("spread_last").GetDouble().ShouldBe(-1.8121170837525824, 1e-7);
        r.GetProperty("zscore_last").GetDouble().ShouldBe(-0.05341634209079881, 1e-9);
        r.GetProperty("adf_stat").GetDouble().ShouldBe(-3.319309145920747, 1e-9);
        r.GetProperty("adf_pvalue").GetDouble().ShouldBe(0.014037111327207537, 1e-9);
        r.GetProperty("adf_lags").GetInt32().ShouldBe(0);
        r.GetProperty("adf_crit").GetProperty("1%").GetDouble().ShouldBe(-3.4435228622952065, 1e-12);
        r.GetProperty("adf_crit").GetProperty("5%").GetDouble().ShouldBe(-2.867349510566146, 1e-12);
        r.GetProperty("adf_crit").GetProperty("10%").GetDouble().ShouldBe(-2.569864247011056, 1e-12);
        r.GetProperty("half_life").GetDouble().ShouldBe(24.249840466862786, 1e-8);
        r.GetProperty("correlation").GetDouble().ShouldBe(0.8863445387885108, 1e-12);
    }

    [Theory]
    [InlineData("huber")]
    [InlineData("theilsen")]
    [InlineData("kalman")]
    public void AnalyzePair_OtherHedges_KeepTheOlsAdfAndChangeTheRatio(string hedge)
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "analyze", "pair", "--a", "ETHUSDT", "--b", "BTCUSDT", "--interval", "1h", "--window", "500", "--hedge", hedge, "--json", "--db", fixture.Db));

        using var doc = JsonDocument.Parse(result.Stdout);
        JsonElement r = doc.RootElement;
        r.GetProperty("adf_stat").GetDouble().ShouldBe(-3.319309145920747, 1e-9);
        double ratio = r.GetProperty("hedge_ratio").GetDouble();
        ratio.ShouldBeInRange(0.02, 0.08); // the same relation, estimated differently
        Math.Abs(ratio - 0.05055228273244483).ShouldBeGreaterThan(1e-9);
    }

    [Fact]
    public void AnalyzePair_FixedLagsAndTrend_ReportsThem()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "analyze", "pair", "--a", "ETHUSDT", "--b", "BTCUSDT", "--interval", "1h", "--window", "300",
            "--adf-regression", "ct", "--adf-lags", "3", "--json", "--db", fixture.Db));

        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("adf_lags").GetInt32().ShouldBe(3);
        doc.RootElement.GetProperty("n").GetInt32().ShouldBe(300);
    }

    [Fact]
    public void AnalyzePair_Table_NamesThePairAndTheTest()
    {
        var result = Ok(TickwiseProcess.Run(fixture.Temp.Path, "analyze", "pair", "--a", "ETHUSDT", "--b", "BTCUSDT", "--interval", "1h", "--window", "100", "--db", fixture.Db));

        result.Stdout.ShouldContain("ETHUSDT on BTCUSDT");
        result.Stdout.ShouldContain("ADF");
    }

    [Theory]
    [InlineData("--hedge", "median", "--hedge median: choose ols, huber, theilsen or kalman.")]
    [InlineData("--adf-lags", "-1", "--adf-lags -1: give aic, bic or a number of lags from 0 to 1000.")]
    [InlineData("--adf-regression", "x", "--adf-regression x: choose n, c, ct or ctt.")]
    [InlineData("--window", "2", "--window 2: give at least 3 bars.")]
    [InlineData("--b", "ETHUSDT", "--a and --b are both ETHUSDT: a pair needs two symbols.")]
    [InlineData("--b", "DOGEUSDT", "DOGEUSDT has no data in this database")]
    [InlineData("--adf-lags", "400", "--adf-lags 400: 500 bars allow at most 248 lags with --adf-regression c.")]
    public void AnalyzePair_BadInput_FailsWithAClearMessage(string option, string value, string message)
    {
        var args = new List<string> { "analyze", "pair", "--a", "ETHUSDT", "--b", "BTCUSDT", "--interval", "1h", "--window", "500", "--db", fixture.Db };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);

        var result = TickwiseProcess.Run(fixture.Temp.Path, [.. args]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain(message);
    }
}
