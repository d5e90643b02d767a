using System.Threading.Channels;
using Tickwise.Cli;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Tests.Cli;

/// <summary>The live consumer's clock tick closes quiet symbols' bars on trade time, never ahead of a lagging stream.</summary>
public sealed class RunConsumeTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT"), Eth = new("ETHUSDT");
    private const long T = 1_723_161_255_000; // a whole second
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ConsumeAsync_QuoteStampedAheadAndAStreamLaggingWithinTheGrace_NoTradeIsLate()
    {
        using ITickStore store = TickStores.OpenSqlite(_temp.File("run.db"));
        var ingest = new MarketEventIngest(store, [Interval.OneSecond]);
        var channel = Channel.CreateUnbounded<MarketEvent>();
        Task consuming = RunCommand.ConsumeAsync(channel.Reader, ingest, TimeSpan.FromHours(1), sourceStatus: null);

        channel.Writer.TryWrite(MarketEvent.Of(Trade(Eth, 1, T - 1_000)));
        channel.Writer.TryWrite(MarketEvent.Of(Trade(Btc, 1, T + 1_500))); // BTC's stream runs 1 s ahead of ETH's
        channel.Writer.TryWrite(MarketEvent.Of(new Quote(Eth, 1, Price.Parse("2683.8"), Quantity.Parse("1"), Price.Parse("2683.81"), Quantity.Parse("1"), T + 60_000)));
        await Task.Delay(600); // the consumer's 250 ms tick runs in between
        channel.Writer.TryWrite(MarketEvent.Of(Trade(Eth, 2, T + 500)));
        channel.Writer.Complete();
        await consuming;
        ingest.Finish();

        Bar[] eth = [.. store.ReadBars(Eth, Interval.OneSecond, TimeRange.All)];
        eth.Sum(b => b.TradeCount).ShouldBe(2); // the second ETH trade is in a bar, not late
        eth.Single(b => b.OpenTimeMs == T).TradeCount.ShouldBe(1);
    }

    [Fact]
    public async Task ConsumeAsync_SourceNotLive_StoresTradesButClosesNoBarOnTheClockUntilItIs()
    {
        using ITickStore store = TickStores.OpenSqlite(_temp.File("run.db"));
        var ingest = new MarketEventIngest(store, [Interval.OneSecond]);
        var channel = Channel.CreateUnbounded<MarketEvent>();
        int live = 0; // a connection is catching up
        Task consuming = RunCommand.ConsumeAsync(channel.Reader, ingest, TimeSpan.FromHours(1), sourceStatus: null, () => (Volatile.Read(ref live) == 1, 1));

        channel.Writer.TryWrite(MarketEvent.Of(Trade(Eth, 1, T)));
        channel.Writer.TryWrite(MarketEvent.Of(Trade(Btc, 1, T + 10_000))); // BTC's backfill is done, ETH's is not
        await Until(() => store.Count().Trades == 2); // stored on the tick all the same
        await Task.Delay(600); // more ticks: none may close ETH's bar
        store.Count(Eth).Bars.ShouldBe(0);
        channel.Writer.TryWrite(MarketEvent.Of(Trade(Eth, 2, T + 500))); // ETH's backfill
        Volatile.Write(ref live, 1);
        await Until(() => store.Count(Eth).Bars > 0); // live now: the clock closes ETH's bars (flat ones after the first)
        channel.Writer.Complete();
        await consuming;

        store.ReadBars(Eth, Interval.OneSecond, TimeRange.All).First().TradeCount.ShouldBe(2);
        ingest.LateTrades.ShouldBe(0);
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("the consumer did not get there within 10 s");
            await Task.Delay(20);
        }
    }

    private static Trade Trade(Symbol symbol, long id, long timeMs) =>
        new(symbol, id, Price.Parse("100"), Quantity.Parse("1"), timeMs, AggressorSide.Buyer);
}
