using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary><see cref="Sources.BinanceSource.ResumeFrom"/>: a restart on the same store loses nothing, and a store
/// filled from elsewhere is never resumed from.</summary>
public partial class BinanceSourceTests
{
    [Fact]
    public async Task ResumeFrom_RestartOnTheSameStore_FetchesWhatWasPublishedWhileDown()
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        await using var server = await FakeBinanceServer.StartAsync();
        await using (var first = LivePipeline.StartResuming(server, db, "BTCUSDT"))
        {
            first.Resumed.ShouldBeEmpty();
            await server.WaitForConnectionsAsync(1, CatchUp);
            server.Publish("BTCUSDT", 800);
            await first.WaitForAsync(server, CatchUp, "BTCUSDT");
        }

        server.Publish("BTCUSDT", 2500); // nobody listening: only REST will have these
        await using var sut = LivePipeline.StartResuming(server, db, "BTCUSDT");
        await server.WaitForConnectionsAsync(2, CatchUp);
        server.Publish("BTCUSDT", 200);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        sut.Resumed.ShouldBe([(new Symbol("BTCUSDT"), 1799L)]);
        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Symbols[0].TradesRepaired.ShouldBeGreaterThanOrEqualTo(2500); // and the live ones the catch-up overtook
    }

    [Fact]
    public async Task ResumeFrom_StoreHoldsTradesFromElsewhere_StartsFromTheStreamAndClaimsNothing()
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        var btc = new Symbol("BTCUSDT");
        using (var store = TickStores.OpenSqlite(db))
            store.AppendTrades([new Trade(btc, 5, Price.Parse("1"), Quantity.Parse("1"), FakeBinanceServer.FirstTimeMs, AggressorSide.Buyer)]);
        await using var server = await FakeBinanceServer.StartAsync();
        server.Publish("BTCUSDT", 300); // history the client must not fetch: it cannot know where the store left off

        await using var sut = LivePipeline.StartResuming(server, db, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        server.Publish("BTCUSDT", 100);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        sut.Resumed.ShouldBeEmpty();
        var stored = await sut.StopAsync();
        stored.GetMetadata("live_source:BTCUSDT").ShouldBeNull();
        stored.ReadTrades(btc, TimeRange.All).Select(t => t.Id).ShouldBe([5L, .. server.PublishedIds("BTCUSDT").Skip(300)]);
        server.RestRequests.ShouldBe(0);
    }

    [Fact]
    public async Task ResumeFrom_RawTradesRestartOnTheSameStore_FetchesOverHistoricalTradesAndNeverFromAnAggTradeStore()
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        StreamKind[] raw = [StreamKind.Trade];
        await using var server = await FakeBinanceServer.StartAsync();
        await using (var first = LivePipeline.StartResuming(server, db, raw, "BTCUSDT"))
        {
            await server.WaitForConnectionsAsync(1, CatchUp);
            server.Publish("BTCUSDT", 500);
            await first.WaitForAsync(server, CatchUp, "BTCUSDT");
        }

        server.Publish("BTCUSDT", 1500); // nobody listening: only historicalTrades will have these
        await using (var sut = LivePipeline.StartResuming(server, db, raw, "BTCUSDT"))
        {
            await server.WaitForConnectionsAsync(2, CatchUp);
            server.Publish("BTCUSDT", 100);
            await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

            sut.Resumed.ShouldBe([(new Symbol("BTCUSDT"), 1499L)]);
            var store = await sut.StopAsync();
            LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
            server.HistoricalTradesRequests.ShouldBeGreaterThan(0);
            server.HistoricalTradesRequests.ShouldBe(server.RestRequests);
        }

        // The same store on the aggTrade stream: raw trade ids are another sequence, so nothing is resumed from them.
        await using var aggregated = LivePipeline.StartResuming(server, db, "BTCUSDT");
        aggregated.Resumed.ShouldBeEmpty();
    }
}
