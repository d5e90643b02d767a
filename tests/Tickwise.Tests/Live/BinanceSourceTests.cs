using Tickwise.Binance.Client;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>The live Binance source against <see cref="FakeBinanceServer"/> on loopback, checked through the store:
/// whatever the server does, the store ends up with exactly the trades it published.</summary>
public partial class BinanceSourceTests
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_HealthyServer_StoresEveryPublishedTradeOnce()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        server.Publish("BTCUSDT", 3000);
        server.Publish("ETHUSDT", 2000);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        sut.Client.Connections.ShouldBe(1);
        sut.Client.ParseErrors.ShouldBe(0);
        server.RestRequests.ShouldBe(0);
    }

    [Theory]
    [InlineData(StreamKind.AggTrade)]
    [InlineData(StreamKind.Trade)]
    public async Task Run_ServerClosesEveryFewHundredMessages_RepairsEveryGapOverTheStreamsRestEndpoint(StreamKind kind)
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 250 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Kinds(o, kind), "BTCUSDT", "ETHUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 4000, 40, TimeSpan.FromMilliseconds(5)),
            server.PublishSlowlyAsync("ETHUSDT", 3000, 30, TimeSpan.FromMilliseconds(5)));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT", "ETHUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        server.Connections.ShouldBeGreaterThan(5);
        server.RestRequests.ShouldBeGreaterThan(0);
        // Each kind over its own endpoint: historicalTrades for the raw trade stream, aggTrades for aggTrade.
        server.HistoricalTradesRequests.ShouldBe(kind == StreamKind.Trade ? server.RestRequests : 0);
        sut.Client.Symbols.Sum(s => s.TradesRepaired).ShouldBeGreaterThan(0);
        sut.Client.Symbols.Sum(s => s.TradesLost).ShouldBe(0);
        sut.Trades.ShouldBe(7000); // none delivered twice
    }
    [Theory]
    [InlineData(StreamKind.AggTrade)]
    [InlineData(StreamKind.Trade)]
    public async Task Run_ServerDropsTcpWithoutClosing_StoresEveryTradeOnce(StreamKind kind)
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { AbortEvery = 300 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Kinds(o, kind), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 3000, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.Connections.ShouldBeGreaterThan(3);
    }
    [Fact]
    public async Task Run_ServerAnnouncesShutdown_ReconnectsAndStoresEveryTradeOnce()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario());
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 500, 50, TimeSpan.FromMilliseconds(5));
        server.SendRaw("""{"e":"serverShutdown","E":1723161255000}"""u8.ToArray());
        await server.WaitForConnectionsAsync(2, CatchUp);
        await server.PublishSlowlyAsync("BTCUSDT", 500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.Connections.ShouldBe(2);
    }

    [Theory]
    [InlineData(StreamKind.AggTrade)]
    [InlineData(StreamKind.Trade)]
    public async Task Run_ServerGoesSilentWithoutClosing_WatchdogReconnectsAndBackfills(StreamKind kind)
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { SilentAfter = 200, SilentConnections = 2 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Fast(Kinds(o, kind), noData: TimeSpan.FromMilliseconds(400)), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 2000, 50, TimeSpan.FromMilliseconds(20));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.Connections.ShouldBeGreaterThanOrEqualTo(3);
        sut.Notices.ShouldContain(n => n.Kind == StreamNoticeKind.Disconnected && n.Message.Contains("no data"));
    }
    [Fact]
    public async Task Run_GarbageTruncatedBinaryAndOversizedFrames_CountedAndEveryTradeStored()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { GarbageEvery = 5 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1000, 100, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Connections.ShouldBe(1, string.Join(" | ", sut.Notices.Select(n => n.Message))); // bad frames never break the connection
        sut.Client.ParseErrors.ShouldBeGreaterThan(50);
        sut.Client.BinaryFrames.ShouldBeGreaterThan(10);
        sut.Client.OversizedMessages.ShouldBeGreaterThan(10);
        sut.Client.Ignored.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Run_OversizedFramesAgainstALimitThePoolRoundsUp_SkippedAndCounted()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { GarbageEvery = 5, OversizedBytes = 150_000 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Limit(o, 100_000), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.OversizedMessages.ShouldBeGreaterThan(5);
        sut.Client.Connections.ShouldBe(1);
    }

    [Fact]
    public async Task Run_TextFramesNotUtf8_ConnectionFailedAsTheProtocolSaysAndNothingLost()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { GarbageEvery = 50, InvalidUtf8 = true });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 2000, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Connections.ShouldBeGreaterThan(1); // RFC 6455 8.1: invalid UTF-8 fails the connection
        sut.Notices.ShouldContain(n => n.Kind == StreamNoticeKind.Disconnected);
    }

    [Fact]
    public async Task Run_BookTickerStream_StoresNothingButDeliversQuotesStampedWithReceiveTime()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Kinds(o, StreamKind.AggTrade, StreamKind.BookTicker), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        for (int i = 0; i < 50; i++) server.PublishQuote("BTCUSDT", 100 + i, "60000.01", "60000.02");
        server.Publish("BTCUSDT", 10);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        sut.Client.Symbols[0].Messages.ShouldBe(60);
        sut.Client.ParseErrors.ShouldBe(0);
        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Client.Symbols[0].LastMessageMs.ShouldBeGreaterThanOrEqualTo(before);
    }

    [Fact]
    public async Task Run_MoreThan1024Streams_SpreadsSymbolsOverConnectionsAndStoresEachOnce()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 200 });
        var symbols = Enumerable.Range(0, 520).Select(i => $"S{i}USDT").ToList();
        await using var sut = LivePipeline.StartSplit(server, temp.File("live.db"), symbols, StreamKind.AggTrade, StreamKind.BookTicker);
        await server.WaitForConnectionsAsync(2, CatchUp);

        await Task.WhenAll(
            server.PublishSlowlyAsync("S0USDT", 800, 40, TimeSpan.FromMilliseconds(5)),
            server.PublishSlowlyAsync("S519USDT", 800, 40, TimeSpan.FromMilliseconds(5)));
        await sut.WaitForAsync(server, CatchUp, "S0USDT", "S519USDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "S0USDT");
        LivePipeline.ShouldHoldExactly(store, server, "S519USDT");
        sut.Source.Clients.Select(c => c.StreamUri.Query.Split('/').Length).ShouldBe([1024, 16]);
        server.StreamsPerConnection.ShouldAllBe(n => n <= 1024);
    }

    [Fact]
    public async Task StatusLines_TradesAndDepth_SayConnectedRateGapsAndBook()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Kinds(o, StreamKind.AggTrade, StreamKind.Depth), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!sut.Client.IsConnected && clock.Elapsed < CatchUp) await Task.Delay(10);
        sut.Source.StatusLines().Single().ShouldContain("BTCUSDT: connected, no message yet");

        server.Publish("BTCUSDT", 100);
        server.PublishDepth("BTCUSDT", 5, new Random(1));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");
        clock.Restart();
        while (!sut.Client.Symbols[0].BookSynchronized && clock.Elapsed < CatchUp) await Task.Delay(10);

        string line = sut.Source.StatusLines().Single();
        line.ShouldStartWith("BTCUSDT: connected, last message ");
        line.ShouldContain(" msg/s, 0 gaps repaired (0 trades)");
        line.ShouldContain(", book in sync");
        line.ShouldEndWith(", 0 parse errors");
        await sut.StopAsync();
        sut.Source.StatusLines().Single().ShouldContain("BTCUSDT: DISCONNECTED");
    }

    [Fact]
    public async Task Run_UpgradeRefusedAtFirst_RetriesUntilItConnects()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { RefusedConnections = 3 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        server.Publish("BTCUSDT", 500);
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Notices.Count(n => n.Kind == StreamNoticeKind.ConnectFailed).ShouldBe(3);
    }

    [Fact]
    public async Task Run_NothingListening_KeepsRetryingSaysSoAndStopsPromptly()
    {
        using var temp = new TempDirectory();
        int port = FreePort();
        var options = LivePipeline.FastOptions($"ws://127.0.0.1:{port}", $"http://127.0.0.1:{port}", "BTCUSDT");
        await using var server = await FakeBinanceServer.StartAsync(); // unused: only for the pipeline's signature
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), _ => options, "BTCUSDT");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Notices.Count(n => n.Kind == StreamNoticeKind.ConnectFailed) < 4 && clock.Elapsed < CatchUp) await Task.Delay(20);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        var store = await sut.StopAsync();

        stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        sut.Notices.ShouldContain(n => n.Message.StartsWith("cannot reach the exchange at ws://127.0.0.1:", StringComparison.Ordinal));
        store.Count(new Tickwise.Core.Market.Symbol("BTCUSDT")).Trades.ShouldBe(0);
        server.Connections.ShouldBe(0);
    }

    private static BinanceStreamClientOptions Limit(BinanceStreamClientOptions o, int maxMessageBytes) => o with { MaxMessageBytes = maxMessageBytes };

    private static BinanceStreamClientOptions Fast(BinanceStreamClientOptions o, TimeSpan noData) => o with { NoDataTimeout = noData };

    private static BinanceStreamClientOptions Attempts(BinanceStreamClientOptions o, int attempts) => o with { RestAttempts = attempts };

    private static BinanceStreamClientOptions Kinds(BinanceStreamClientOptions o, params StreamKind[] kinds) => o with { Subscription = new StreamSubscription(o.Subscription.Symbols, kinds) };

    private static BinanceStreamClientOptions Endpoints(BinanceStreamClientOptions o, BinanceEndpoints endpoints) => o with { Endpoints = endpoints };

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
