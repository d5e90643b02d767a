using System.Text.Json;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Storage;
using Tickwise.Testing;
using Tickwise.Tests.Cli;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Trading;

/// <summary><c>replay --strategy</c> runs the same strategy objects as the backtest: the same bars give the same signals.</summary>
public class LiveStrategyTests
{
    private static readonly string[] Frames =
        [RepositoryPaths.Binance("ws", "spot", "btcusdt_20240808.gz"), RepositoryPaths.Binance("ws", "spot", "btcusdt_20240809.gz")];

    [Fact]
    public void Replay_CrossoverStrategy_EmitsTheBacktestsSignalsOnTheSameBars()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");

        var replay = Ok(TickwiseProcess.Run(temp.Path, ["replay", .. Frames, "--db", db, "--intervals", "1s,1m", "--strategy", "crossover", "--strategy-symbols", "BTCUSDT",
            "--strategy-interval", "1s", "--param", "fast=5", "slow=20"]));

        replay.Stderr.ShouldContain("strategy crossover:");
        using ITickStore store = TickStores.Open(db);
        string[] live = [.. store.ReadRecords("signal", TimeRange.All).Select(r => Describe(JsonDocument.Parse(r.Json).RootElement))];
        Bar[] bars = [.. store.ReadBars(new Symbol("BTCUSDT"), Interval.OneSecond, TimeRange.All)];
        IStrategy strategy = StrategyCatalog.Create("crossover", ["fast=5", "slow=20"], out _);
        BacktestResult backtest = new BacktestEngine(new BacktestOptions()).Run(strategy, [bars]);
        string[] expected = [.. backtest.Signals.Select(s => $"{s.TimeMs} {s.Variant} {s.Side.ToString().ToLowerInvariant()} {Number(s.Price)}")];

        live.Length.ShouldBeGreaterThan(4); // the two files hold enough 1s crosses to compare
        live.ShouldBe(expected);
        store.ReadRecords("order", TimeRange.All).Count.ShouldBeGreaterThan(0);
        store.ReadRecords("position", TimeRange.All).Count.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("--strategy", "momentum", "Unknown strategy 'momentum'")]
    [InlineData("--param", "fast=zero", "fast")]
    [InlineData("--strategy-symbols", "BTCUSDT,ETHUSDT", "trades 1 symbol(s); 2 given")]
    public void Replay_BadStrategyOption_FailsWithAClearMessage(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        var args = new List<string> { "replay", Frames[0], "--db", temp.File("t.db"), "--strategy", "crossover", "--strategy-symbols", "BTCUSDT" };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);

        var result = TickwiseProcess.Run(temp.Path, [.. args]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain(message);
    }

    private static string Describe(JsonElement signal) =>
        $"{signal.GetProperty("time").GetInt64()} {signal.GetProperty("variant").GetString()} {signal.GetProperty("side").GetString()} {Number(signal.GetProperty("price").GetDecimal())}";

    private static string Number(decimal value) => value.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
}
