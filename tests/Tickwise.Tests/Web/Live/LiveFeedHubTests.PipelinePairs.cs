using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public partial class LiveFeedHubTests
{
    private static Price P(decimal value) => Price.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Pair_PipelineComputesIt_ForwardsThePipelinesSnapshotsOnceInsteadOfItsOwn()
    {
        var hub = new LiveFeedHub(Interval.Standard, server.Store);
        var health = new LiveHealthSource("test", "store", null, hub, TimeProvider.System);
        await using TickwiseWebHost host = await TickwiseWebHost.StartAsync("http://127.0.0.1:0", new WebContext(server.Store, health, hub, null, null));
        await using FeedSocket sut = await FeedSocket.ConnectAsync(new Uri(host.Addresses[0]));
        await sut.SubscribeAsync("pair:PPPUSDT:QQQUSDT:1m");
        await ExpectSubscribedAsync(sut, "pair:PPPUSDT:QQQUSDT:1m");
        await Task.Delay(300); // the worker registers the channel (no stored bars to warm up from)
        // The pipeline's analytics: another window than the feed's own (100), warmed up on 40 bars before.
        var pipeline = new PairAnalytics(new Symbol("PPPUSDT"), new Symbol("QQQUSDT"), new PairAnalyticsOptions { WindowBars = 20, ZScoreBars = 20 });
        for (int i = 0; i < 40; i++) pipeline.Update(MinuteMs - (40 - i) * 60_000L, 100 + i % 7 + i * 0.1, 50 + i % 5 + i * 0.05);

        var sentByPipeline = new List<PairSnapshot>();
        for (int i = 0; i < 3; i++)
        {
            long open = MinuteMs + i * 60_000L;
            decimal a = 104.5m + i, b = 52.25m + i / 2m;
            hub.OnBarClosed(new Bar(new Symbol("PPPUSDT"), Interval.OneMinute, open, P(a), P(a), P(a), P(a), 1m, a, 1, 0m, 0m));
            hub.OnBarClosed(new Bar(new Symbol("QQQUSDT"), Interval.OneMinute, open, P(b), P(b), P(b), P(b), 1m, b, 1, 0m, 0m));
            PairSnapshot snapshot = pipeline.Update(open, (double)a, (double)b)!;
            sentByPipeline.Add(snapshot);
            hub.OnPairSnapshot(snapshot, Interval.OneMinute);
        }

        // Bar 0: the feed's own message went first, so the pipeline's of the same bar is not repeated; then the pipeline's.
        JsonElement own = (await sut.ReceiveAsync()).GetProperty("data");
        own.GetProperty("open_time").GetInt64().ShouldBe(MinuteMs);
        for (int i = 1; i < 3; i++)
        {
            JsonElement data = (await sut.ReceiveAsync()).GetProperty("data");
            data.GetProperty("open_time").GetInt64().ShouldBe(MinuteMs + i * 60_000L);
            data.GetProperty("price_a").GetRawText().ShouldBe((104.5m + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            PairSnapshot expected = sentByPipeline[i];
            data.GetProperty("hedge_ratio").GetDouble().ShouldBe(expected.Hedge(expected.SpreadMethod).HedgeRatio);
            data.GetProperty("zscore").GetDouble().ShouldBe(expected.ZScore);
        }
    }
}
