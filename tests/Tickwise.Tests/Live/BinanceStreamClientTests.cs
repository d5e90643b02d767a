using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Tests.Live;

/// <summary>The stream client alone against <see cref="FakeBinanceServer"/>: hostile frames never end its loop.</summary>
public class BinanceStreamClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_ThousandsOfMutatedFrames_NeverThrowsAndKeepsTheConnection()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var http = new HttpClient();
        var options = LivePipeline.FastOptions(server.WsUrl, server.BaseUrl, "BTCUSDT", "XRPEUR");
        options = new BinanceStreamClientOptions
        {
            Endpoints = options.Endpoints, Subscription = options.Subscription, InitialBackoff = options.InitialBackoff,
            MaxBackoff = options.MaxBackoff, HealthyAfter = options.HealthyAfter, NoDataTimeout = options.NoDataTimeout,
            RestAttempts = 1, // mutated frames that still parse are BTCUSDT trades with made-up ids: do not wait long for them
        };
        var sut = new BinanceStreamClient(options, new BinanceRestClient(http, options.Endpoints, TimeProvider.System), TimeProvider.System);
        var delivered = new ConcurrentQueue<MarketEvent>();
        using var stop = new CancellationTokenSource();
        Task running = sut.RunAsync((e, _) => { delivered.Enqueue(e); return ValueTask.CompletedTask; }, stop.Token);
        await server.WaitForConnectionsAsync(1, Patience);

        var random = new Random(20240808);
        byte[] valid = Encoding.ASCII.GetBytes("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1723075200001,\"s\":\"BTCUSDT\",\"a\":5,\"p\":\"60000.10\",\"q\":\"0.001\",\"f\":10,\"l\":11,\"T\":1723075200000,\"m\":true,\"M\":true}}");
        for (int i = 0; i < 5000; i++) server.SendRaw(Mutate(valid, random), binary: i % 97 == 0);
        server.Publish("XRPEUR", 500);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Symbols[1].LastTradeId != server.PublishedIds("XRPEUR")[^1] && clock.Elapsed < Patience) await Task.Delay(20);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        running.IsCompletedSuccessfully.ShouldBeTrue();
        sut.Connections.ShouldBe(1);
        sut.ParseErrors.ShouldBeGreaterThan(1000);
        sut.BinaryFrames.ShouldBeGreaterThan(10);
        delivered.Where(e => e.Kind == MarketEventKind.Trade && e.Trade.Symbol.Value == "XRPEUR").Select(e => e.Trade.Id).ShouldBe(server.PublishedIds("XRPEUR"));
    }

    [Fact]
    public async Task RunAsync_ConsumerThrows_EndsWithTheConsumersException()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var options = LivePipeline.FastOptions(server.WsUrl, server.BaseUrl, "BTCUSDT");
        var sut = new BinanceStreamClient(options, null, TimeProvider.System);
        Task running = sut.RunAsync((_, _) => throw new InvalidOperationException("store is gone"), CancellationToken.None);
        await server.WaitForConnectionsAsync(1, Patience);

        server.Publish("BTCUSDT", 1);

        var e = await Should.ThrowAsync<InvalidOperationException>(running.WaitAsync(Patience));
        e.Message.ShouldBe("store is gone");
    }

    [Fact]
    public async Task RunAsync_NoRestClient_DeliversTheStreamAndCountsWhatIsMissing()
    {
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 100 });
        var options = LivePipeline.FastOptions(server.WsUrl, server.BaseUrl, "BTCUSDT");
        var sut = new BinanceStreamClient(options, null, TimeProvider.System);
        var ids = new ConcurrentQueue<long>();
        using var stop = new CancellationTokenSource();
        Task running = sut.RunAsync((e, _) => { ids.Enqueue(e.Trade.Id); return ValueTask.CompletedTask; }, stop.Token);
        await server.WaitForConnectionsAsync(1, Patience);

        await server.PublishSlowlyAsync("BTCUSDT", 1000, 20, TimeSpan.FromMilliseconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (server.Connections < 3 && clock.Elapsed < Patience) await Task.Delay(20);
        await Task.Delay(200);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        ids.ShouldBeInOrder(SortDirection.Ascending);
        ids.Distinct().Count().ShouldBe(ids.Count);
        long lastSeen = ids.Last();
        long missing = lastSeen - ids.First() + 1 - ids.Count;
        missing.ShouldBeGreaterThan(0); // trades published while the client was away
        sut.Symbols[0].TradesLost.ShouldBe(missing);
        server.RestRequests.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_DepthStreamWithDisconnects_KeepsTheBookInSyncAndDeliversItsTop()
    {
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 150 });
        using var http = new HttpClient();
        var template = LivePipeline.FastOptions(server.WsUrl, server.BaseUrl, "BTCUSDT");
        var options = template.With(new StreamSubscription([new Symbol("BTCUSDT")], [StreamKind.Depth]));
        var notices = new ConcurrentQueue<StreamNotice>();
        var sut = new BinanceStreamClient(options, new BinanceRestClient(http, options.Endpoints, TimeProvider.System), TimeProvider.System, notices.Enqueue);
        var quotes = new ConcurrentQueue<Quote>();
        using var stop = new CancellationTokenSource();
        Task running = sut.RunAsync((e, _) => { quotes.Enqueue(e.Quote); return ValueTask.CompletedTask; }, stop.Token);
        await server.WaitForConnectionsAsync(1, Patience);

        var random = new Random(11);
        for (int i = 0; i < 40; i++)
        {
            server.PublishDepth("BTCUSDT", 50, random);
            await Task.Delay(5);
        }
        // Diffs published while the client is away are covered by the next snapshot; end on a synchronized book.
        StreamSymbolStatus status = sut.Symbols[0];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(status.BookSynchronized && status.BookUpdateId == server.BookTop("BTCUSDT").UpdateId) && clock.Elapsed < Patience)
        {
            if (sut.IsConnected) server.PublishDepth("BTCUSDT", 1, random);
            await Task.Delay(30);
        }
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var top = server.BookTop("BTCUSDT");
        status.BookSynchronized.ShouldBeTrue(string.Join(" | ", notices.Select(n => n.Message).TakeLast(5)));
        status.BookUpdateId.ShouldBe(top.UpdateId);
        Quote last = quotes.Last();
        last.BidPrice.ShouldBe(Price.Parse(top.BestBid));
        last.BidQuantity.ShouldBe(Quantity.Parse(top.BestBidQuantity));
        last.AskPrice.ShouldBe(Price.Parse(top.BestAsk));
        last.AskQuantity.ShouldBe(Quantity.Parse(top.BestAskQuantity));
        server.Connections.ShouldBeGreaterThan(3);
        status.BookSnapshots.ShouldBeGreaterThanOrEqualTo(server.Connections);
        server.DepthRequests.ShouldBeGreaterThanOrEqualTo(server.Connections);
        sut.ParseErrors.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_LostDepthDiff_ResynchronizesFromASnapshot()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var http = new HttpClient();
        var options = LivePipeline.FastOptions(server.WsUrl, server.BaseUrl, "BTCUSDT").With(new StreamSubscription([new Symbol("BTCUSDT")], [StreamKind.Depth, StreamKind.BookTicker]));
        var notices = new ConcurrentQueue<StreamNotice>();
        var sut = new BinanceStreamClient(options, new BinanceRestClient(http, options.Endpoints, TimeProvider.System), TimeProvider.System, notices.Enqueue);
        var delivered = new ConcurrentQueue<MarketEvent>();
        using var stop = new CancellationTokenSource();
        Task running = sut.RunAsync((e, _) => { delivered.Enqueue(e); return ValueTask.CompletedTask; }, stop.Token);
        await server.WaitForConnectionsAsync(1, Patience);
        var random = new Random(5);
        StreamSymbolStatus status = sut.Symbols[0];
        server.PublishDepth("BTCUSDT", 20, random);
        await WaitUntil(() => status.BookSynchronized && status.BookUpdateId == server.BookTop("BTCUSDT").UpdateId);

        server.LoseDepthDiff("BTCUSDT");
        server.PublishDepth("BTCUSDT", 1, random);
        await WaitUntil(() => status.BookGaps == 1);
        await Task.Delay(50); // past the snapshot throttle (the first backoff step)
        server.PublishDepth("BTCUSDT", 1, random);
        await WaitUntil(() => status.BookSynchronized && status.BookUpdateId == server.BookTop("BTCUSDT").UpdateId);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        notices.ShouldContain(n => n.Kind == StreamNoticeKind.BookResync);
        status.BookSnapshots.ShouldBe(2);
        delivered.ShouldBeEmpty(); // bookTicker is subscribed, so the book's top is not sent as a second quote
    }

    [Theory]
    [InlineData("a-test-key")]
    [InlineData(null)]
    public async Task RunAsync_FuturesRawTradesWhoseHistoryWantsAnApiKey_SendsTheKeyOrSaysItIsMissing(string? apiKey)
    {
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 150, HistoricalTradesNeedApiKey = true });
        using var http = new HttpClient();
        var fast = LivePipeline.FastOptions(server.WsUrl, server.BaseUrl, "BTCUSDT");
        var options = new BinanceStreamClientOptions
        {
            Endpoints = BinanceEndpoints.Of(BinanceMarket.Futures).With(new Uri(server.WsUrl), new Uri(server.BaseUrl)),
            Subscription = new StreamSubscription([new Symbol("BTCUSDT")], [StreamKind.Trade]),
            InitialBackoff = fast.InitialBackoff, MaxBackoff = fast.MaxBackoff, HealthyAfter = fast.HealthyAfter, NoDataTimeout = fast.NoDataTimeout,
            RestAttempts = 2,
        };
        var notices = new ConcurrentQueue<StreamNotice>();
        var sut = new BinanceStreamClient(options, new BinanceRestClient(http, options.Endpoints, TimeProvider.System, notices.Enqueue, apiKey), TimeProvider.System, notices.Enqueue);
        var delivered = new ConcurrentQueue<long>();
        using var stop = new CancellationTokenSource();
        Task running = sut.RunAsync((e, _) => { if (e.Kind == MarketEventKind.Trade) delivered.Enqueue(e.Trade.Id); return ValueTask.CompletedTask; }, stop.Token);
        await server.WaitForConnectionsAsync(1, Patience);

        await server.PublishSlowlyAsync("BTCUSDT", 1000, 50, TimeSpan.FromMilliseconds(5));
        // Without the key, what is published while the client is away is gone: end on a trade the stream carries.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (sut.Symbols[0].LastTradeId != server.PublishedIds("BTCUSDT")[^1] && clock.Elapsed < Patience)
        {
            if (apiKey is null && sut.IsConnected) server.Publish("BTCUSDT", 1);
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        server.HistoricalTradesRequests.ShouldBeGreaterThan(0);
        server.FuturesRestRequests.ShouldBe(server.HistoricalTradesRequests); // only /fapi/v1/historicalTrades
        delivered.ShouldBeInOrder(SortDirection.Ascending);
        delivered.Distinct().Count().ShouldBe(delivered.Count);
        if (apiKey is not null)
        {
            server.HistoricalTradesApiKeys.ShouldAllBe(k => k == apiKey);
            delivered.ShouldBe(server.PublishedIds("BTCUSDT"));
            sut.Symbols[0].TradesLost.ShouldBe(0);
        }
        else
        {
            server.HistoricalTradesApiKeys.ShouldAllBe(k => k == null);
            sut.Symbols[0].TradesLost.ShouldBeGreaterThan(0);
            notices.ShouldContain(n => n.Message.Contains("may need an API key; set TICKWISE_BINANCE_API_KEY"));
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) throw new TimeoutException("condition not met in time");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task RunAsync_SecondRun_Throws()
    {
        int port = BinanceSourceTests.FreePort();
        var sut = new BinanceStreamClient(LivePipeline.FastOptions($"ws://127.0.0.1:{port}", $"http://127.0.0.1:{port}", "BTCUSDT"), null, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        Task first = sut.RunAsync((_, _) => ValueTask.CompletedTask, stop.Token);

        await Should.ThrowAsync<InvalidOperationException>(() => sut.RunAsync((_, _) => ValueTask.CompletedTask, stop.Token));

        await stop.CancelAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        sut.Connections.ShouldBe(0);
    }

    /// <summary>One to four random edits that keep the frame ASCII (a text frame must stay UTF-8, or the WebSocket
    /// layer fails the connection by design): flip to another printable byte, delete, duplicate, or truncate.</summary>
    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = new List<byte>(frame);
        int edits = random.Next(1, 5);
        for (int i = 0; i < edits && bytes.Count > 1; i++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(0x20, 0x7F); break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, bytes[at]); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }
}
