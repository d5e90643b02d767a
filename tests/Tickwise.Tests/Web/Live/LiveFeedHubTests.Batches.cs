using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public partial class LiveFeedHubTests
{
    [Fact]
    public async Task Trades_FastPublisher_ArriveInBatchFramesEachOnceAndInOrder()
    {
        var hub = new LiveFeedHub(Interval.Standard, server.Store, new FeedOptions { ClientQueueCapacity = 65_536 });
        var health = new LiveHealthSource("test", "store", null, hub, TimeProvider.System);
        await using TickwiseWebHost host = await TickwiseWebHost.StartAsync("http://127.0.0.1:0", new WebContext(server.Store, health, hub, null, null));
        await using FeedSocket sut = await FeedSocket.ConnectAsync(new Uri(host.Addresses[0]));
        await sut.SubscribeAsync("trades:BATCHUSDT");
        (await sut.ReceiveFrameAsync()).GetProperty("type").GetString().ShouldBe("subscribed");

        // Published with no pause, far faster than one frame per message can be sent: the queue fills and drains in batches.
        const int total = 20_000;
        for (int i = 1; i <= total; i++)
            hub.OnTrade(new Trade(new Symbol("BATCHUSDT"), i, Price.Parse("2.5"), Quantity.Parse("1"), 1_723_161_600_000 + i, AggressorSide.Buyer));
        var ids = new List<long>(total);
        while (ids.Count < total)
        {
            JsonElement message = await sut.ReceiveAsync(TimeSpan.FromSeconds(30));
            message.GetProperty("channel").GetString().ShouldBe("trades:BATCHUSDT");
            message.GetProperty("type").GetString().ShouldBe("trade");
            ids.Add(message.GetProperty("data").GetProperty("id").GetInt64());
        }

        for (int i = 0; i < total; i++) ids[i].ShouldBe(i + 1);
        sut.BatchFrames.ShouldBeGreaterThan(0);
        hub.MessagesDropped.ShouldBe(0);
        // Once the burst is sent, a lone message goes out alone, as a plain object.
        hub.OnTrade(new Trade(new Symbol("BATCHUSDT"), total + 1, Price.Parse("2.5"), Quantity.Parse("1"), 1_723_161_600_000 + total + 1, AggressorSide.Buyer));
        JsonElement lone = await sut.ReceiveFrameAsync();
        lone.ValueKind.ShouldBe(JsonValueKind.Object);
        lone.GetProperty("data").GetProperty("id").GetInt64().ShouldBe(total + 1);
    }
}
