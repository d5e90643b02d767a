using Tickwise.Binance.Client;
using Tickwise.Health;
using Tickwise.Tests.Cli;
using Tickwise.Tests.Live;

namespace Tickwise.Tests.Health;

/// <summary><see cref="BinanceHealthSource"/> over a live source against <see cref="FakeBinanceServer"/> on loopback.</summary>
public class BinanceHealthSourceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Report_BeforeAnyMessage_ListsTheSymbolsInOrderWithNothingYet()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var pipeline = LivePipeline.Start(server, temp.File("live.db"), null, "ETHUSDT", "BTCUSDT");
        BinanceHealthSource sut = pipeline.Source.Health;
        sut.Store = "live.db";
        await WaitConnectedAsync(pipeline);

        HealthReport report = sut.Report();

        report.Source.ShouldBe("binance");
        report.Store.ShouldBe("live.db");
        report.StoreHealthy.ShouldBeTrue();
        report.StartedAtMs.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        report.Symbols.Select(s => s.Symbol).ShouldBe(["ETHUSDT", "BTCUSDT"]);
        report.Symbols.ShouldAllBe(s => s.Connected && s.LastMessageAgeMs == null && s.Messages == 0 && s.MessagesPerSecond == 0
            && s.GapsRepaired == 0 && s.TradesRepaired == 0 && s.ParseErrors == 0 && s.BookSynchronized == null && s.Dropped == 0);
        report.Pipeline["connections"].ShouldBe(1);
        report.Pipeline["parse_errors"].ShouldBe(0);
    }

    [Fact]
    public async Task Report_ForcedDisconnectsAndGarbage_CountsGapsRepairsAndParseErrorsPerSymbol()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 250, GarbageEvery = 7 });
        await using var pipeline = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, Patience);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 2000, 40, TimeSpan.FromMilliseconds(5)),
            server.PublishSlowlyAsync("ETHUSDT", 1000, 20, TimeSpan.FromMilliseconds(5)));
        await pipeline.WaitForAsync(server, Patience, "BTCUSDT", "ETHUSDT");
        HealthReport report = pipeline.Source.Health.Report();
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var statuses = pipeline.Client.Symbols;
        for (int i = 0; i < 2; i++)
        {
            SymbolHealth sut = report.Symbols[i];
            sut.Messages.ShouldBe(statuses[i].Messages);
            sut.GapsRepaired.ShouldBe(statuses[i].GapsRepaired);
            sut.TradesRepaired.ShouldBe(statuses[i].TradesRepaired);
            sut.LastMessageAgeMs.ShouldNotBeNull();
            sut.LastMessageAgeMs.Value.ShouldBeInRange(0, after - before);
            sut.MessagesPerSecond.ShouldBeGreaterThan(0);
        }
        report.Symbols.Sum(s => s.GapsRepaired).ShouldBeGreaterThan(0);
        report.Symbols.Sum(s => s.TradesRepaired).ShouldBeGreaterThan(0);
        // The fake server's bad frames that name a stream name btcusdt@aggTrade; the others name none.
        report.Symbols[0].ParseErrors.ShouldBeGreaterThan(0);
        report.Symbols[1].ParseErrors.ShouldBe(0);
        report.Pipeline["parse_errors"].ShouldBe(pipeline.Client.ParseErrors);
        report.Pipeline["parse_errors"].ShouldBeGreaterThan(report.Symbols[0].ParseErrors);
        report.Pipeline["connections"].ShouldBe(server.Connections);
        report.Pipeline["trades_lost"].ShouldBe(0);
    }

    [Fact]
    public async Task Report_DepthSubscribed_SaysWhetherTheBookIsSynchronized()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var pipeline = LivePipeline.Start(server, temp.File("live.db"), o => LivePipeline.WithKinds(o, StreamKind.AggTrade, StreamKind.Depth), "BTCUSDT");
        await WaitConnectedAsync(pipeline);
        pipeline.Source.Health.Report().Symbols[0].BookSynchronized.ShouldBe(false);

        server.PublishDepth("BTCUSDT", 20, new Random(3));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (pipeline.Source.Health.Report().Symbols[0].BookSynchronized != true && clock.Elapsed < Patience) await Task.Delay(10);

        pipeline.Source.Health.Report().Symbols[0].BookSynchronized.ShouldBe(true);
    }

    [Fact]
    public async Task Report_AfterStopping_NotConnectedAndPipelineCountersAdded()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var pipeline = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        BinanceHealthSource sut = pipeline.Source.Health;
        sut.Pipeline = () => new Dictionary<string, long> { ["trades"] = 42, ["connections"] = -1 };
        sut.StoreHealthy = () => false;
        await WaitConnectedAsync(pipeline);
        server.Publish("BTCUSDT", 30);
        await pipeline.WaitForAsync(server, Patience, "BTCUSDT");

        await pipeline.StopAsync();
        HealthReport report = sut.Report();

        report.Symbols[0].Connected.ShouldBeFalse();
        report.Symbols[0].Messages.ShouldBe(30);
        report.Pipeline["trades"].ShouldBe(42);
        report.Pipeline["connections"].ShouldBe(-1); // the pipeline's own counters win over the source's
        report.StoreHealthy.ShouldBeFalse();
    }

    private static async Task WaitConnectedAsync(LivePipeline pipeline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!pipeline.Client.IsConnected && clock.Elapsed < Patience) await Task.Delay(10);
        pipeline.Client.IsConnected.ShouldBeTrue();
    }
}
