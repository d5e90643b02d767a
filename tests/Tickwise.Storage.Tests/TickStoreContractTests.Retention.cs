using Tickwise.Core.Market;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests;

// ITickStore.DeleteBefore: retention of old trades and bars.
public abstract partial class TickStoreContractTests
{
    [Fact]
    public void DeleteBefore_OldTradesAndBars_DeletesOnlyThoseOfThatSymbol()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 1, 100)); // one per 10 ms from StartMs
        sut.AppendTrades(Trades(Eth, 1, 100));
        sut.UpsertBars([Bar(Btc, 0), Bar(Btc, 1), Bar(Btc, 2), Bar(Btc, 0, Interval.OneHour), Bar(Eth, 0)]);
        long cut = StartMs + 400; // trades 1..40 are older

        StoreCounts deleted = sut.DeleteBefore(Btc, cut, Bar(Btc, 2).OpenTimeMs);

        deleted.ShouldBe(new StoreCounts(40, 3)); // 1m bars 0 and 1, and the 1h bar
        sut.ReadTrades(Btc, TimeRange.All).First().Id.ShouldBe(41);
        sut.CountTrades(Btc, TimeRange.All).ShouldBe(60);
        sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All).Single().OpenTimeMs.ShouldBe(Bar(Btc, 2).OpenTimeMs);
        sut.Count(Eth).ShouldBe(new StoreCounts(100, 1));
    }

    [Fact]
    public void DeleteBefore_ThenAppendTheSameTrades_StoresThemAgain()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 1, 50);
        sut.AppendTrades(trades);

        sut.DeleteBefore(Btc, long.MaxValue, long.MinValue);

        sut.CountTrades(Btc, TimeRange.All).ShouldBe(0);
        sut.AppendTrades(trades).ShouldBe(50); // the ids are free again
        sut.ReadTrades(Btc, TimeRange.All).ToArray().ShouldBe(trades);
    }

    [Fact]
    public void DeleteBefore_UnknownSymbolOrNothingOld_DeletesNothing()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 1, 10));

        sut.DeleteBefore(new Symbol("NOPEUSDT"), long.MaxValue, long.MaxValue).ShouldBe(new StoreCounts(0, 0));
        sut.DeleteBefore(Btc, StartMs, StartMs).ShouldBe(new StoreCounts(0, 0));
        sut.DeleteBefore(default, long.MaxValue, long.MaxValue).ShouldBe(new StoreCounts(0, 0));

        sut.CountTrades(Btc, TimeRange.All).ShouldBe(10);
    }
}
