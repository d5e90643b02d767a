using Tickwise.Core.Market;
using Tickwise.Storage.Tests.Support;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests;

public abstract partial class TickStoreContractTests
{
    [Fact]
    public void ReadTrades_Range_IncludesFromAndExcludesTo()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 0, 100); // one per 10 ms from StartMs

        sut.AppendTrades(trades);

        Trade[] read = [.. sut.ReadTrades(Btc, new TimeRange(StartMs + 100, StartMs + 200))];
        read.ShouldBe(trades[10..20]);
        sut.ReadTrades(Btc, new TimeRange(StartMs + 101, StartMs + 101)).ShouldBeEmpty();
    }

    [Fact]
    public void ReadTrades_Limit_ReturnsLowestIdsFirst()
    {
        using ITickStore sut = OpenStore();
        // Times run against ids here, so only ordering by id passes.
        Trade[] trades = [new(Btc, 3, new Price(1), new Quantity(1), StartMs, AggressorSide.Buyer),
            new(Btc, 1, new Price(1), new Quantity(1), StartMs + 2, AggressorSide.Buyer),
            new(Btc, 2, new Price(1), new Quantity(1), StartMs + 1, AggressorSide.Buyer)];
        sut.AppendTrades(trades);

        sut.ReadTrades(Btc, TimeRange.All, limit: 2).Select(t => t.Id).ShouldBe([1L, 2L]);
        sut.ReadTrades(Btc, TimeRange.All, limit: 0).ShouldBeEmpty();
    }

    [Fact]
    public void ReadTrades_TimesOutOfIdOrder_ReturnsExactlyTheRangeById()
    {
        using ITickStore sut = OpenStore();
        // Trade i is stamped (i * 7919) mod 1000 ms after StartMs: ids and times are unrelated.
        Trade[] trades = [.. Enumerable.Range(0, 1000).Select(i =>
            new Trade(Btc, i, new Price(i), new Quantity(1), StartMs + i * 7919L % 1000, AggressorSide.Buyer))];
        sut.AppendTrades(trades);
        var range = new TimeRange(StartMs + 250, StartMs + 500);

        Trade[] read = [.. sut.ReadTrades(Btc, range)];

        read.ShouldBe(trades.Where(t => range.Contains(t.TimestampMs)).ToArray());
        read.Length.ShouldBe(250);
    }

    [Fact]
    public void ReadTrades_UnknownSymbol_ReturnsEmpty()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 0, 10));

        sut.ReadTrades(Eth, TimeRange.All).ShouldBeEmpty();
    }

    [Fact]
    public void ReadTrades_BadArguments_Throw()
    {
        using ITickStore sut = OpenStore();

        Should.Throw<ArgumentException>(() => sut.ReadTrades(default, TimeRange.All));
        Should.Throw<ArgumentOutOfRangeException>(() => sut.ReadTrades(Btc, TimeRange.All, -1));
        Should.Throw<ArgumentException>(() => sut.ReadBars(Btc, default, TimeRange.All));
        Should.Throw<ArgumentOutOfRangeException>(() => sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All, -1));
    }

    [Fact]
    public void ReadBars_RangeIntervalAndLimit_SelectsByOpenTime()
    {
        using ITickStore sut = OpenStore();
        Bar[] minutes = [.. Enumerable.Range(0, 10).Select(i => TestData.Bar(Btc, i))];
        Bar hour = TestData.Bar(Btc, 0, Interval.OneHour);
        sut.UpsertBars([.. minutes.Reverse(), hour, TestData.Bar(Eth, 3)]);

        Bar[] read = [.. sut.ReadBars(Btc, Interval.OneMinute, new TimeRange(minutes[2].OpenTimeMs, minutes[6].OpenTimeMs))];

        read.ShouldBe(minutes[2..6]);
        sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All, limit: 3).ShouldBe(minutes[..3]);
        sut.ReadBars(Btc, Interval.OneHour, TimeRange.All).ShouldBe([hour]);
        sut.ReadBars(Btc, new Interval(5_000), TimeRange.All).ShouldBeEmpty();
    }

    [Fact]
    public void ListSymbols_TradesAndBarsOnlySymbols_ReturnsOrdinalOrder()
    {
        using ITickStore sut = OpenStore();
        Symbol lowerSorted = new("BTC_USDT"); // '_' sorts after letters in ordinal order
        sut.AppendTrades(Trades(Eth, 0, 1));
        sut.AppendTrades(Trades(lowerSorted, 0, 1));
        sut.UpsertBars([TestData.Bar(Btc, 0)]);

        sut.ListSymbols().ShouldBe([Btc, lowerSorted, Eth]);
    }

    [Fact]
    public void ListIntervals_SeveralIntervals_ReturnsShortestFirst()
    {
        using ITickStore sut = OpenStore();
        sut.UpsertBars([TestData.Bar(Btc, 0, Interval.OneHour), TestData.Bar(Btc, 0, new Interval(1_000)),
            TestData.Bar(Btc, 1, new Interval(1_000)), TestData.Bar(Btc, 0, Interval.OneMinute), TestData.Bar(Eth, 0, Interval.OneDay)]);

        sut.ListIntervals(Btc).ShouldBe([new Interval(1_000), Interval.OneMinute, Interval.OneHour]);
        sut.ListIntervals(Eth).ShouldBe([Interval.OneDay]);
        sut.ListIntervals(new Symbol("NONE")).ShouldBeEmpty();
    }

    [Fact]
    public void Count_PerSymbolAndAll_CountsTradesAndBars()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 0, 7));
        sut.AppendTrades(Trades(Eth, 0, 3));
        sut.UpsertBars([TestData.Bar(Btc, 0), TestData.Bar(Btc, 0, Interval.OneHour)]);

        sut.Count(Btc).ShouldBe(new StoreCounts(7, 2));
        sut.Count(Eth).ShouldBe(new StoreCounts(3, 0));
        sut.Count(new Symbol("NONE")).ShouldBe(new StoreCounts(0, 0));
        sut.Count().ShouldBe(new StoreCounts(10, 2));
    }

    [Fact]
    public void TradeTimeSpan_Trades_ReturnsEarliestToLatestPlusOne()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 0, 50);
        sut.AppendTrades(trades);

        TimeRange? span = sut.TradeTimeSpan(Btc);

        span.ShouldBe(new TimeRange(StartMs, trades[^1].TimestampMs + 1));
        sut.ReadTrades(Btc, span!.Value).Count().ShouldBe(50);
        sut.TradeTimeSpan(Eth).ShouldBeNull();
    }

    [Fact]
    public async Task ReadTrades_WhileWriterAppends_SeesWholeBatchesOnly()
    {
        using ITickStore sut = OpenStore();
        const int batch = 2_000, batches = 40;
        Task writer = Task.Run(() =>
        {
            for (int b = 0; b < batches; b++) sut.AppendTrades(Trades(Btc, (long)b * batch, batch, StartMs + (long)b * batch * 10));
        });

        int reads = 0;
        while (!writer.IsCompleted || reads < 3)
        {
            // A read sees a committed prefix: whole batches, ids without gaps.
            long expectedId = 0;
            foreach (Trade trade in sut.ReadTrades(Btc, TimeRange.All))
                trade.Id.ShouldBe(expectedId++);
            (expectedId % batch).ShouldBe(0);
            reads++;
        }
        await writer;

        sut.Count(Btc).Trades.ShouldBe(batch * batches);
    }

    [Fact]
    public void ReadTrades_EnumeratingDuringCommit_KeepsItsSnapshot()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 0, 1_000));

        using IEnumerator<Trade> reading = sut.ReadTrades(Btc, TimeRange.All).GetEnumerator();
        reading.MoveNext().ShouldBeTrue();
        sut.AppendTrades(Trades(Btc, 1_000, 1_000)).ShouldBe(1_000);
        int seen = 1;
        while (reading.MoveNext()) seen++;

        seen.ShouldBe(1_000);
        sut.ReadTrades(Btc, TimeRange.All).Count().ShouldBe(2_000);
    }

    [Fact]
    public void CountTrades_Range_CountsFromInclusiveToExclusive()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 0, 100)); // one per 10 ms from StartMs
        sut.AppendTrades(Trades(Eth, 0, 50));

        sut.CountTrades(Btc, new TimeRange(StartMs + 100, StartMs + 200)).ShouldBe(10);
        sut.CountTrades(Btc, TimeRange.All).ShouldBe(100);
        sut.CountTrades(Eth, TimeRange.All).ShouldBe(50);
        sut.CountTrades(new Symbol("SOLUSDT"), TimeRange.All).ShouldBe(0);
        sut.CountTrades(default, TimeRange.All).ShouldBe(0);
    }

    [Fact]
    public void LastTradeBefore_Time_IsHighestIdAtTheLatestEarlierTime()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 100, 10); // times StartMs, +10, ..., +90
        Trade sameTime = new(Btc, 5, new Price(7), new Quantity(1), StartMs + 40, AggressorSide.Buyer);
        sut.AppendTrades(trades);
        sut.AppendTrades([sameTime]);

        sut.LastTradeBefore(Btc, StartMs + 45).ShouldBe(trades[4]); // id 104 beats id 5 at the same time
        sut.LastTradeBefore(Btc, StartMs + 40).ShouldBe(trades[3]); // the bound is exclusive
        sut.LastTradeBefore(Btc, long.MaxValue).ShouldBe(trades[9]);
        sut.LastTradeBefore(Btc, StartMs).ShouldBeNull();
        sut.LastTradeBefore(Eth, long.MaxValue).ShouldBeNull();
    }
}
