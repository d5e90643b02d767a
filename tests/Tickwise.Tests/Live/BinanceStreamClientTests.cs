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
