using System.Diagnostics;
using Tickwise.Binance.Client;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>The exchange restarts: the server goes away (connections drop, nothing listens), trades keep happening,
/// and it comes back on the same port; the client reconnects, backfills over REST and streams on.</summary>
public partial class BinanceSourceTests
{
    /// <summary>The target for the backfill after the server is back.</summary>
    private static readonly TimeSpan CatchUpTarget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_ServerRestartsOnTheSamePort_StoresExactlyThePublishedTradesAndCatchesUpWithinTwoSeconds()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 1000, 50, TimeSpan.FromMilliseconds(5)),
            server.PublishSlowlyAsync("ETHUSDT", 500, 25, TimeSpan.FromMilliseconds(5)));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        await server.StopAsync();
        // While the exchange is away its history grows (REST will have these; no stream carried them).
        server.Publish("BTCUSDT", 5000);
        server.Publish("ETHUSDT", 2000);
        var clock = Stopwatch.StartNew();
        while (sut.Notices.Count(n => n.Kind == StreamNoticeKind.ConnectFailed) < 2 && clock.Elapsed < CatchUp) await Task.Delay(10);
        sut.Client.IsConnected.ShouldBeFalse();

        await server.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");
        TimeSpan caughtUp = back.Elapsed;
        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 500, 50, TimeSpan.FromMilliseconds(5)),
            server.PublishSlowlyAsync("ETHUSDT", 300, 30, TimeSpan.FromMilliseconds(5)));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        sut.Trades.ShouldBe(server.PublishedIds("BTCUSDT").Count + server.PublishedIds("ETHUSDT").Count);
        sut.Client.Symbols.Sum(s => s.TradesRepaired).ShouldBeGreaterThanOrEqualTo(7000);
        sut.Client.Symbols.Sum(s => s.TradesLost).ShouldBe(0);
        server.Connections.ShouldBe(2);
        // The reconnect waits at most the backoff cap (200 ms here); 7,000 trades over REST take a few pages.
        caughtUp.ShouldBeLessThan(CatchUpTarget, $"caught up {caughtUp.TotalMilliseconds:F0} ms after the server came back");
    }

    [Fact]
    public async Task Run_FiveSecondOutageWithBinancesOneSecondBackoff_CaughtUpWithinTwoSecondsOfTheServersReturn()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        // The real schedule (1 s doubling to 60 s, healthy after 30 s) with the default 30 s fast-retry window: pure
        // doubling would have reached a 4-8 s step by the time a 5 s outage ends.
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => o with
        {
            InitialBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromSeconds(60),
            HealthyAfter = TimeSpan.FromSeconds(30),
            FastRetryWindow = TimeSpan.FromSeconds(30),
        }, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        await server.PublishSlowlyAsync("BTCUSDT", 500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        await server.StopAsync();
        var down = Stopwatch.StartNew();
        while (down.Elapsed < TimeSpan.FromSeconds(5))
        {
            server.Publish("BTCUSDT", 200);
            await Task.Delay(100);
        }
        await server.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");
        TimeSpan caughtUp = back.Elapsed;

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Notices.Count(n => n.Kind == StreamNoticeKind.ConnectFailed).ShouldBeGreaterThanOrEqualTo(4); // about one a second
        sut.Notices.Where(n => n.Kind is StreamNoticeKind.ConnectFailed or StreamNoticeKind.Disconnected).ShouldAllBe(n => n.RetryIn <= TimeSpan.FromSeconds(1));
        caughtUp.ShouldBeLessThan(CatchUpTarget, $"caught up {caughtUp.TotalMilliseconds:F0} ms after the server came back");
    }
}
