using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Testing;
using Tickwise.Tests.Live;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>Two <c>tickwise run</c> processes streaming the same symbols into one PostgreSQL database (live
/// redundancy), through forced disconnects: every published trade stored once, and the bars they agree on.</summary>
public class PostgresRedundancyTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Run_TwoProcessesOneDatabase_StoreEveryTradeOnceWithContiguousIds()
    {
        using var temp = new TempDirectory();
        string store = cluster.Url + "?schema=redundant_" + Guid.NewGuid().ToString("N")[..12];
        Ok(TickwiseProcess.Run(temp.Path, "migrate", "--store", store));
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 250 });
        string[] args = ["run", "--source", "binance", "--symbols", "BTCUSDT,ETHUSDT", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl,
            "--store", store, "--intervals", "1m", "--reconnect-delay", "50ms", "--duration", "12s"];

        Task<TickwiseProcess.Result> first = Task.Run(() => TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), null, args));
        Task<TickwiseProcess.Result> second = Task.Run(() => TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), null, args));
        await server.WaitForConnectionsAsync(2, TimeSpan.FromSeconds(30));
        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 2000, 50, TimeSpan.FromMilliseconds(10)),
            server.PublishSlowlyAsync("ETHUSDT", 1500, 40, TimeSpan.FromMilliseconds(10)));
        TickwiseProcess.Result[] results = await Task.WhenAll(first, second);

        foreach (TickwiseProcess.Result result in results)
        {
            result.ExitCode.ShouldBe(0, result.Stderr);
            result.Stderr.ShouldNotContain(PostgresStoreTests.Password(cluster.Url));
        }
        using ITickStore db = TickStores.Open(store);
        LivePipeline.ShouldHoldExactly(db, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(db, server, "ETHUSDT");
        db.Count(new Symbol("BTCUSDT")).Bars.ShouldBeGreaterThan(0);
    }
}
