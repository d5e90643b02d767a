using System.Diagnostics;
using Tickwise.Binance.Client;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>Outages and connection rollovers on either trade stream: the aggTrade stream is repaired over
/// <c>aggTrades</c>, the raw trade stream over <c>historicalTrades</c>, and the store ends up with exactly the
/// published trades.</summary>
public partial class BinanceSourceTests
{
    [Theory]
    [InlineData(StreamKind.AggTrade)]
    [InlineData(StreamKind.Trade)]
    public async Task Run_ServerRestarts_BackfillsWhatHappenedWhileItWasDown(StreamKind kind)
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Kinds(o, kind), "BTCUSDT");
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

    [Theory]
    [InlineData(StreamKind.AggTrade)]
    [InlineData(StreamKind.Trade)]
    public async Task Run_RolloverOverlap_DropsTheOverlapAndStoresEveryTradeOnce(StreamKind kind)
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"),
            o => LivePipeline.WithLifetime(Kinds(o, kind), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 3000, 20, TimeSpan.FromMilliseconds(10));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Rollovers.ShouldBeGreaterThan(0);
        sut.Trades.ShouldBe(3000);
    }
}
