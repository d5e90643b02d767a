using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public partial class LiveFeedHubTests
{
    [Fact]
    public async Task SlowClient_NeverReads_IsThinnedAndDisconnectedWhileAFastClientGetsEverything()
    {
        var options = new FeedOptions { ClientQueueCapacity = 16_384, SlowClientTimeout = TimeSpan.FromSeconds(1) };
        var hub = new LiveFeedHub(Interval.Standard, server.Store, options);
        var health = new LiveHealthSource("test", "store", null, hub, TimeProvider.System);
        await using TickwiseWebHost host = await TickwiseWebHost.StartAsync("http://127.0.0.1:0", new WebContext(server.Store, health, hub, null, null));
        var address = new Uri(host.Addresses[0]);
        await using FeedSocket slow = await FeedSocket.ConnectAsync(address);
        await using FeedSocket fast = await FeedSocket.ConnectAsync(address);
        // The slow client reads its reply and then nothing more.
        await slow.SubscribeAsync("trades:EEEUSDT");
        (await slow.ReceiveAsync()).GetProperty("type").GetString().ShouldBe("subscribed");
        await fast.SubscribeAsync("trades:EEEUSDT");
        (await fast.ReceiveAsync()).GetProperty("type").GetString().ShouldBe("subscribed");

        const int total = 150_000;
        var received = new List<long>(total);
        Task reading = Task.Run(async () =>
        {
            while (received.Count < total)
            {
                JsonElement message = await fast.ReceiveAsync(TimeSpan.FromSeconds(20));
                received.Add(message.GetProperty("data").GetProperty("id").GetInt64());
            }
        });
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= total; i++)
        {
            hub.OnTrade(new Trade(new Symbol("EEEUSDT"), i, Price.Parse("1.2345"), Quantity.Parse("10"), 1_723_161_600_000 + i, AggressorSide.Seller));
            // About 20k trades a second, as a busy live feed: the fast client keeps up, the slow one cannot.
            if (i % 100 == 0) await Task.Delay(5);
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(60));

        received.Count.ShouldBe(total);
        for (int i = 0; i < total; i++) received[i].ShouldBe(i + 1); // every trade, in order
        while (hub.SlowClientsDisconnected == 0 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        hub.SlowClientsDisconnected.ShouldBe(1);
        hub.MessagesDropped.ShouldBeGreaterThan(0);
        hub.ClientCount.ShouldBe(1); // the fast client stays
        fast.Socket.State.ShouldBe(WebSocketState.Open);
    }
}
