using Tickwise.Binance.Client;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary>The live source when the REST API misbehaves: rate limits, failures, an outage; and the futures paths.</summary>
public partial class BinanceSourceTests
{
    [Theory]
    [InlineData(StreamKind.AggTrade, false)]
    [InlineData(StreamKind.AggTrade, true)]
    [InlineData(StreamKind.Trade, false)]
    public async Task Run_RestAnswers429Or418ThenData_WaitsAsToldAndRepairs(StreamKind kind, bool banned)
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 400, RateLimitedRequests = 2, Banned = banned });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Kinds(o, kind), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.RateLimitedAnswers.ShouldBe(2);
        sut.Notices.Count(n => n.Kind == StreamNoticeKind.RateLimited).ShouldBe(2);
        sut.Notices.First(n => n.Kind == StreamNoticeKind.RateLimited).RetryIn.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Run_RestFailsAFewTimes_RetriesAndLosesNothing()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 300, FailedRequests = 3 });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), null, "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1500, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        sut.Notices.Count(n => n.Kind == StreamNoticeKind.RestRetry).ShouldBe(3);
        sut.Client.Symbols[0].TradesLost.ShouldBe(0);
    }

    [Fact]
    public async Task Run_RestDownWhileStreamUp_CountsAndReportsTheLostTradesAndKeepsStreaming()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 200, RestDown = true });
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Attempts(o, 2), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1000, 50, TimeSpan.FromMilliseconds(10));
        // What is published while the client is away is gone for good; end on a trade the stream carries.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Client.Symbols[0].LastTradeId != server.PublishedIds("BTCUSDT")[^1] && clock.Elapsed < CatchUp)
        {
            if (sut.Client.IsConnected) server.Publish("BTCUSDT", 1);
            await Task.Delay(50);
        }

        var store = await sut.StopAsync();
        var stored = store.ReadTrades(new Tickwise.Core.Market.Symbol("BTCUSDT"), Tickwise.Core.Market.TimeRange.All).Select(t => t.Id).ToList();
        stored.ShouldBeInOrder(SortDirection.Ascending);
        stored.Distinct().Count().ShouldBe(stored.Count);
        long lost = server.PublishedIds("BTCUSDT").Count - stored.Count;
        lost.ShouldBeGreaterThan(0);
        sut.Client.Symbols[0].TradesLost.ShouldBe(lost);
        sut.Notices.ShouldContain(n => n.Kind == StreamNoticeKind.GapLost && n.Message.Contains("are missing"));
        sut.Source.StatusLines()[0].ShouldContain($"{lost} trades LOST");
    }

    [Fact]
    public async Task Run_FuturesMarketOnALocalServer_RepairsOverTheFapiPath()
    {
        using var temp = new TempDirectory();
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 150 });
        var endpoints = BinanceEndpoints.Of(BinanceMarket.Futures).With(new Uri(server.WsUrl), new Uri(server.BaseUrl));
        await using var sut = LivePipeline.Start(server, temp.File("live.db"), o => Endpoints(o, endpoints), "BTCUSDT");
        await server.WaitForConnectionsAsync(1, CatchUp);

        await server.PublishSlowlyAsync("BTCUSDT", 1000, 50, TimeSpan.FromMilliseconds(5));
        await sut.WaitForAsync(server, CatchUp, "BTCUSDT");

        var store = await sut.StopAsync();
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        server.FuturesRestRequests.ShouldBeGreaterThan(0);
        server.FuturesRestRequests.ShouldBe(server.RestRequests);
    }
}
