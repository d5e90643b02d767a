using Tickwise.Core.Market;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>Bars that close on the clock (the newest trade time less a grace) must wait for every connection's
/// backfill: a symbol caught up late would otherwise find its bars closed and its trades in none.</summary>
public partial class BinanceSourceTests
{
    [Fact]
    public async Task Run_OutageWhereOneSymbolsBackfillLags_EveryTradeLandsInItsBar()
    {
        using var temp = new TempDirectory();
        // ETHUSDT's history answers a second late: BTCUSDT's backfill (newer trades, past a minute's end) is delivered
        // first, and the consumer's clock ticks every 250 ms meanwhile.
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { SlowTradesSymbol = "ETHUSDT", SlowTradesDelay = TimeSpan.FromSeconds(1) });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        server.Publish("BTCUSDT", 100);
        server.Publish("ETHUSDT", 100);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        await server.StopAsync();
        // The fake's trades are 7 ms apart from id 1000 (00:00:07): BTCUSDT's ids run past 00:01:05, ETHUSDT's stay in
        // the first minute, whose bar is still open for it.
        server.Publish("BTCUSDT", 8_300);
        server.Publish("ETHUSDT", 100);
        await server.StartAgainAsync();
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.LateTrades.ShouldBe(0);
        // Every stored trade is in its 1m bar (an aggTrade may stand for several trades: compare the counts they carry).
        foreach (string symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            var trades = store.ReadTrades(new Symbol(symbol), TimeRange.All).ToList();
            foreach (Bar bar in store.ReadBars(new Symbol(symbol), Interval.OneMinute, TimeRange.All))
                bar.TradeCount.ShouldBe(trades.Where(t => t.TimestampMs >= bar.OpenTimeMs && t.TimestampMs < bar.OpenTimeMs + 60_000).Sum(t => (long)t.TradeCount), $"{symbol} {bar.OpenTimeMs}");
        }
    }
}
