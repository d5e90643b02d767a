using System.Diagnostics;
using Tickwise.Binance.Client;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>The raw <c>trade</c> stream through the same disconnect scenarios as aggTrade: gaps are repaired over
/// <c>historicalTrades</c>, and the store ends up with exactly the published trades.</summary>
public partial class BinanceSourceTests
{
    private static BinanceStreamClientOptions Raw(BinanceStreamClientOptions o) => Kinds(o, StreamKind.Trade);

    [Fact]
    public async Task Run_RawTradesServerClosesEveryFewHundredMessages_RepairsEveryGapOverHistoricalTrades()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 250 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), Raw, "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 3000, 40, TimeSpan.FromMilliseconds(5)),
            server.PublishSlowlyAsync("ETHUSDT", 2000, 30, TimeSpan.FromMilliseconds(5)));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        server.Connections.ShouldBeGreaterThan(5);
        server.HistoricalTradesRequests.ShouldBeGreaterThan(0);
        server.HistoricalTradesRequests.ShouldBe(server.RestRequests); // never the aggTrades endpoint
        sut.Client.Symbols.Sum(s => s.TradesRepaired).ShouldBeGreaterThan(0);
        sut.Client.Symbols.Sum(s => s.TradesLost).ShouldBe(0);
        sut.Trades.ShouldBe(5000); // none delivered twice
    }

    [Fact]
    public async Task Run_RawTradesServerDropsTcpWithoutClosing_StoresEveryTradeOnce()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { AbortEvery = 300 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), Raw, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 3000, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.Connections.ShouldBeGreaterThan(3);
    }

    [Fact]
    public async Task Run_RawTradesServerGoesSilent_WatchdogReconnectsAndBackfills()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { SilentAfter = 200, SilentConnections = 2 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Fast(Raw(o), noData: TimeSpan.FromMilliseconds(400)), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 2000, 50, TimeSpan.FromMilliseconds(20));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.Connections.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Run_RawTradesRestAnswers429ThenData_WaitsAsToldAndRepairs()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 400, RateLimitedRequests = 2 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), Raw, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.RateLimitedAnswers.ShouldBe(2);
        sut.Notices.Count(n => n.Kind == StreamNoticeKind.RateLimited).ShouldBe(2);
    }

    [Fact]
    public async Task Run_RawTradesServerRestarts_BackfillsWhatHappenedWhileItWasDown()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), Raw, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        await server.PublishSlowlyAsync("BTCUSDT", 1000, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        await server.StopAsync();
        server.Publish("BTCUSDT", 4000);
        var clock = Stopwatch.StartNew();
        while (sut.Notices.Count(n => n.Kind == StreamNoticeKind.ConnectFailed) < 2 && clock.Elapsed < CatchUp) await Task.Delay(10);
        await server.StartAgainAsync();
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");
        await server.PublishSlowlyAsync("BTCUSDT", 500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Symbols[0].TradesRepaired.ShouldBeGreaterThanOrEqualTo(4000);
        sut.Client.Symbols[0].TradesLost.ShouldBe(0);
        server.Connections.ShouldBe(2);
    }

    [Fact]
    public async Task Run_RawTradesWithRolloverOverlap_DropsTheOverlapAndStoresEveryTradeOnce()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"),
            o => LivePipeline.WithLifetime(Raw(o), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 3000, 20, TimeSpan.FromMilliseconds(10));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Rollovers.ShouldBeGreaterThan(0);
        sut.Trades.ShouldBe(3000);
    }
}
