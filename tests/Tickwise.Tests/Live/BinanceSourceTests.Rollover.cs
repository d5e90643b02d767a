using Tickwise.Binance.Client;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>The 24 h connection limit, shortened to seconds: a new connection streams before the old one closes, and
/// nothing is lost or repeated across the overlaps.</summary>
public partial class BinanceSourceTests
{
    [Fact]
    public async Task Run_ShortConnectionLifetime_RollsOverSeveralTimesWithoutLosingOrRepeatingAnything()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"),
            o => LivePipeline.WithLifetime(LivePipeline.WithKinds(o, StreamKind.AggTrade, StreamKind.BookTicker, StreamKind.Depth), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(300)),
            "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        var random = new Random(11);
        long quoteId = 100;

        // Trades, quotes and depth diffs flow without pause for long enough to see three rollovers at least.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Client.Rollovers < 3 && clock.Elapsed < CatchUp)
        {
            server.Publish("BTCUSDT", 7);
            server.Publish("ETHUSDT", 3);
            server.PublishQuote("BTCUSDT", quoteId++, "60000.01", "60000.02");
            server.PublishDepth("BTCUSDT", 1, random);
            await Task.Delay(5);
        }
        server.Publish("BTCUSDT", 7);
        server.Publish("ETHUSDT", 3);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");
        var btc = sut.Client.Symbols[0];
        clock.Restart();
        while (btc.BookUpdateId != server.BookTop("BTCUSDT").UpdateId && clock.Elapsed < CatchUp) await Task.Delay(10);

        var store = await sut.StopAsync();
        string notices = string.Join(" | ", sut.Notices.Select(n => n.Message));
        sut.Client.Rollovers.ShouldBeGreaterThanOrEqualTo(3, notices);
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        // Every connection after the first was a rollover (no reconnect), and the overlap, not REST, covered the switch.
        server.Connections.ShouldBe((int)sut.Client.Rollovers + 1, notices);
        sut.Notices.ShouldNotContain(n => n.Kind == StreamNoticeKind.Disconnected, notices);
        server.RestRequests.ShouldBe(0, notices);
        sut.Client.Symbols.Sum(s => s.TradesLost).ShouldBe(0);
        sut.Trades.ShouldBe(server.PublishedIds("BTCUSDT").Count + server.PublishedIds("ETHUSDT").Count); // none twice
        sut.Client.Symbols.Sum(s => s.DuplicatesDropped).ShouldBeGreaterThan(0); // the overlaps were real
        // Quotes: each update id once; the book: one snapshot, never out of sync, at the server's update id.
        sut.Quotes.ShouldBe(quoteId - 100);
        btc.DuplicateQuotes.ShouldBeGreaterThan(0);
        btc.BookSynchronized.ShouldBeTrue();
        btc.BookGaps.ShouldBe(0);
        server.DepthRequests.ShouldBe(1);
        btc.BookUpdateId.ShouldBe(server.BookTop("BTCUSDT").UpdateId);
        sut.Notices.Count(n => n.Kind == StreamNoticeKind.RolledOver).ShouldBe((int)sut.Client.Rollovers);
    }

    [Fact]
    public async Task Run_ShortLifetimeAndAQuietFeed_RollsOverAndStillDeliversWhatComesLater()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => LivePipeline.WithLifetime(o, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        server.Publish("BTCUSDT", 50);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        // Nothing flows: the new connection has no first frame, so the old one stays until something arrives.
        await Task.Delay(1500);
        server.Connections.ShouldBe(2); // opened at the lifetime, waiting for its first frame
        server.Publish("BTCUSDT", 50);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Client.Rollovers < 1 && clock.Elapsed < CatchUp)
        {
            server.Publish("BTCUSDT", 1);
            await Task.Delay(20);
        }
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        sut.Client.Rollovers.ShouldBeGreaterThanOrEqualTo(1);
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Trades.ShouldBe(server.PublishedIds("BTCUSDT").Count);
        server.RestRequests.ShouldBe(0);
    }
}
