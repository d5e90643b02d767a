using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed partial class SqliteTickStoreTests
{
    [Fact]
    public void CountTrades_Range_CountsFromInclusiveToExclusive()
    {
        using SqliteTickStore sut = OpenStore();
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
        using SqliteTickStore sut = OpenStore();
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

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Open_NonPositiveCheckpointInterval_Throws(int pages) =>
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(new SqliteTickStoreOptions { WalAutoCheckpointPages = pages }));

    [Fact]
    public void Open_CheckpointInterval_KeepsCommittedTradesAcrossReopen()
    {
        var options = new SqliteTickStoreOptions { WalAutoCheckpointPages = 100_000 };
        using (SqliteTickStore first = OpenStore(options)) first.AppendTrades(Trades(Btc, 0, 5_000));
        using SqliteTickStore sut = OpenStore(options);
        sut.CountTrades(Btc, TimeRange.All).ShouldBe(5_000);
    }
}
