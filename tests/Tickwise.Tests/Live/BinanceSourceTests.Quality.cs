using Tickwise.Ingest;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>Bar quality flags from a live run: bars holding trades fetched over REST are "repaired", bars spanning
/// trades REST could not give are "gap", and nothing else is flagged.</summary>
public partial class BinanceSourceTests
{
    [Fact]
    public async Task Run_ForcedDisconnects_FlagsTheBarsHoldingRepairedTradesAndNoOthers()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 250 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 3000, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        List<BarQuality> flags = QualityFlags(store);
        long repaired = sut.Client.Symbols[0].TradesRepaired;
        repaired.ShouldBeGreaterThan(0);
        flags.ShouldNotBeEmpty();
        flags.ShouldAllBe(q => q.Quality == "repaired" && q.MissingTrades == 0 && q.Interval == Tickwise.Core.Market.Interval.OneMinute);
        flags.Sum(q => q.RepairedTrades).ShouldBe(repaired); // each repaired trade in exactly one 1m bar
        // The fake server's trades are 7 ms apart from id 1000: every flagged bar holds a repaired trade's time.
        var bars = store.ReadBars(new Tickwise.Core.Market.Symbol("BTCUSDT"), Tickwise.Core.Market.Interval.OneMinute, Tickwise.Core.Market.TimeRange.All).Select(b => b.OpenTimeMs).ToHashSet();
        flags.ShouldAllBe(q => bars.Contains(q.OpenTimeMs));
    }

    [Fact]
    public async Task Run_HealthyServer_FlagsNoBar()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        server.Publish("BTCUSDT", 2000);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        QualityFlags(store).ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_RestDownAcrossDisconnects_FlagsTheBarsSpanningTheLostTradesAsGaps()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 200, RestDown = true });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Attempts(o, 2), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1000, 50, TimeSpan.FromMilliseconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Client.Symbols[0].LastTradeId != server.PublishedIds("BTCUSDT")[^1] && clock.Elapsed < CatchUp)
        {
            if (sut.Client.IsConnected) server.Publish("BTCUSDT", 1);
            await Task.Delay(50);
        }

        var store = await sut.StopAsync();
        long lost = sut.Client.Symbols[0].TradesLost;
        lost.ShouldBeGreaterThan(0);
        List<BarQuality> flags = QualityFlags(store);
        flags.ShouldNotBeEmpty();
        flags.ShouldAllBe(q => q.Quality == "gap" && q.RepairedTrades == 0 && q.MissingTrades > 0 && q.MissingTrades <= lost);
        // Each gap is flagged on the bar of the first trade after it: the trades right after a hole are in flagged bars.
        var stored = store.ReadTrades(new Tickwise.Core.Market.Symbol("BTCUSDT"), Tickwise.Core.Market.TimeRange.All).ToList();
        var flagged = flags.Select(q => q.OpenTimeMs).ToHashSet();
        for (int i = 1; i < stored.Count; i++)
            if (stored[i].Id != stored[i - 1].Id + 1) flagged.ShouldContain(Tickwise.Core.Market.Interval.OneMinute.FloorMs(stored[i].TimestampMs));
    }

    internal static List<BarQuality> QualityFlags(ITickStore store)
    {
        var flags = new List<BarQuality>();
        foreach (StoredRecord record in store.ReadRecords(BarQuality.Kind, Tickwise.Core.Market.TimeRange.All))
        {
            BarQuality.TryParse(record, out BarQuality quality).ShouldBeTrue(record.Json);
            flags.Add(quality);
        }
        return flags;
    }
}
