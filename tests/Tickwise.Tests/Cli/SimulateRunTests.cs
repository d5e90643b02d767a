using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>The simulator source end to end: deterministic into the store, and the paced <c>run</c> loop.</summary>
public class SimulateRunTests
{
    [Fact]
    public void Simulate_SameSeedAndStart_GivesIdenticalStores()
    {
        using var temp = new TempDirectory();
        string[] common = ["simulate", "--symbols", "BTCUSDT,ETHUSDT", "--duration", "10m", "--seed", "7", "--start", "2024-08-08T00:00:00Z"];
        Ok(TickwiseProcess.Run(temp.Path, [.. common, "--db", temp.File("a.db")]));
        Ok(TickwiseProcess.Run(temp.Path, [.. common, "--db", temp.File("b.db")]));

        foreach (string symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            string a = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", symbol, "--db", temp.File("a.db"))).Stdout;
            string b = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", symbol, "--db", temp.File("b.db"))).Stdout;
            a.Split('\n').Length.ShouldBeGreaterThan(100);
            b.ShouldBe(a);
            string barsA = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", "1m", "--db", temp.File("a.db"))).Stdout;
            var rows = ReferenceBars.FromExportCsv(barsA);
            rows.Count.ShouldBe(10); // ten whole minutes, flat or not
            rows.Select(r => r.OpenTime).ShouldBe(Enumerable.Range(0, 10).Select(i => 1_723_075_200_000L + i * 60_000L));
        }
    }

    [Fact]
    public void Simulate_DifferentSeed_GivesDifferentTrades()
    {
        using var temp = new TempDirectory();
        string[] common = ["simulate", "--symbols", "BTCUSDT", "--duration", "2m", "--start", "2024-08-08T00:00:00Z"];
        Ok(TickwiseProcess.Run(temp.Path, [.. common, "--seed", "1", "--db", temp.File("a.db")]));
        Ok(TickwiseProcess.Run(temp.Path, [.. common, "--seed", "2", "--db", temp.File("b.db")]));
        string a = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", temp.File("a.db"))).Stdout;
        string b = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", temp.File("b.db"))).Stdout;
        b.ShouldNotBe(a);
    }

    [Fact]
    public void Run_SimulatorSource_StoresTradesAndBarsThenStopsCleanly()
    {
        using var temp = new TempDirectory();
        string db = temp.File("run.db");

        var result = Ok(TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), null, "run", "--source", "simulator", "--symbols", "BTCUSDT,SOLUSDT", "--speed", "20", "--duration", "3s", "--db", db));

        result.Stderr.ShouldContain("stopped");
        using var store = Tickwise.Storage.TickStores.OpenSqlite(db);
        store.Count(new Tickwise.Core.Market.Symbol("BTCUSDT")).Trades.ShouldBeGreaterThan(0);
        store.Count(new Tickwise.Core.Market.Symbol("SOLUSDT")).Bars.ShouldBeGreaterThan(0);
    }
}
