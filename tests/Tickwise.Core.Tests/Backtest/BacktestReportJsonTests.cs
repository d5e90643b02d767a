using System.Text.Json;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Backtest;

public class BacktestReportJsonTests
{
    private static readonly Dictionary<string, string> Params = new() { ["fast"] = "2", ["slow"] = "3", ["ema"] = "2", ["hedge"] = "ols" };

    private static BacktestResult Result() =>
        new BacktestEngine(new BacktestOptions(SlippageBps: 10)).Run(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2"),
            [MakeBars(Fil, [50, 50, 50, 50, 100, 100, 95, 95], openOffset: 1)]);

    private static JsonElement Write(BacktestResult result, int maxEquity = int.MaxValue, int maxTrades = int.MaxValue)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) BacktestReportJson.Write(writer, result, "bt-1", Params, maxEquity, maxTrades);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Write_Report_HasTheContractFieldsInSnakeCase()
    {
        JsonElement sut = Write(Result());
        string[] contract = ["id", "strategy", "symbols", "interval", "from_ms", "to_ms", "params", "fees_bps", "slippage_bps", "initial_equity", "final_equity",
            "total_return", "sharpe", "sortino", "max_drawdown", "win_rate", "profit_factor", "exposure", "turnover", "trades", "equity"];
        foreach (string name in contract) sut.TryGetProperty(name, out _).ShouldBeTrue(name);
        sut.GetProperty("interval").GetString().ShouldBe("1m");
        sut.GetProperty("symbols")[0].GetString().ShouldBe("FILUSDT");
        sut.GetProperty("params").GetProperty("fast").GetInt32().ShouldBe(2);
        sut.GetProperty("params").GetProperty("hedge").GetString().ShouldBe("ols");
        JsonElement trade = sut.GetProperty("trades")[0];
        foreach (string name in new[] { "entry_time", "exit_time", "side", "quantity", "entry_price", "exit_price", "pnl", "return" })
            trade.TryGetProperty(name, out _).ShouldBeTrue(name);
        trade.GetProperty("side").GetString().ShouldBe("buy");
        trade.GetProperty("entry_price").GetRawText().ShouldBe("101.101");
        trade.GetProperty("pnl").GetRawText().ShouldBe("-539.4005");
        sut.GetProperty("final_equity").GetRawText().ShouldBe("18921.199");
        sut.GetProperty("equity")[0][1].GetRawText().ShouldBe("20000");
        sut.GetProperty("profit_factor").GetDouble().ShouldBe(0); // only losing trades: 0 / loss
        sut.GetProperty("variants")[0].GetProperty("variant").GetString().ShouldBe("A");
    }

    [Fact]
    public void Write_UndefinedStatistics_AreNull()
    {
        // No trade at all: win rate and profit factor are undefined, and a flat curve has no Sharpe.
        BacktestResult result = new BacktestEngine(new BacktestOptions()).Run(CrossoverStrategy.Create(), [MakeBars(Fil, [1, 1, 1])]);
        JsonElement sut = Write(result);
        foreach (string name in new[] { "sharpe", "sortino", "win_rate", "profit_factor" })
            sut.GetProperty(name).ValueKind.ShouldBe(JsonValueKind.Null, name);
        sut.GetProperty("total_return").GetDouble().ShouldBe(0);
    }

    [Fact]
    public void Write_Limits_SampleTheEquityAndKeepTheLatestTrades()
    {
        BacktestResult result = Result();
        JsonElement sut = Write(result, maxEquity: 3, maxTrades: 1);
        JsonElement equity = sut.GetProperty("equity");
        equity.GetArrayLength().ShouldBe(3);
        equity[0][0].GetInt64().ShouldBe(result.EquityTimesMs[0]);
        equity[2][0].GetInt64().ShouldBe(result.EquityTimesMs[^1]);
        sut.GetProperty("equity_points").GetInt32().ShouldBe(8);
        sut.GetProperty("trades").GetArrayLength().ShouldBe(1);
        sut.GetProperty("trades")[0].GetProperty("variant").GetString().ShouldBe("B");
        sut.GetProperty("trades_truncated").GetBoolean().ShouldBeTrue();
        sut.GetProperty("trade_count").GetInt32().ShouldBe(2);
    }

    [Theory]
    [InlineData("1.50000000", "1.5")]
    [InlineData("100", "100")]
    [InlineData("0.000000015", "0.00000002")]
    [InlineData("-2.000", "-2")]
    public void Money_RoundsToEightDecimalsWithoutTrailingZeros(string value, string expected) =>
        BacktestReportJson.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);

    [Fact]
    public void Id_DependsOnParametersOnly()
    {
        BacktestResult result = Result();
        string id = BacktestReportJson.Id(result, Params);
        id.ShouldStartWith("bt-");
        id.Length.ShouldBe(19);
        BacktestReportJson.Id(Result(), new Dictionary<string, string>(Params)).ShouldBe(id);
        BacktestReportJson.Id(result, new Dictionary<string, string>(Params) { ["fast"] = "4" }).ShouldNotBe(id);
    }
}
