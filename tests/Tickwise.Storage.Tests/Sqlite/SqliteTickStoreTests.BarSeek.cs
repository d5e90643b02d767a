using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed partial class SqliteTickStoreTests
{
    [Theory]
    [InlineData(1, 49)]
    [InlineData(10, 40)]
    [InlineData(50, 0)]
    public void LatestBarsStartMs_EnoughBars_ReturnsTheOpenOfTheOldestOfTheLatestN(int count, int expectedIndex)
    {
        using SqliteTickStore sut = OpenStore();
        sut.UpsertBars([.. Enumerable.Range(0, 50).Select(i => Bar(Btc, i))]);

        sut.LatestBarsStartMs(Btc, Interval.OneMinute, long.MaxValue, count).ShouldBe(Bar(Btc, expectedIndex).OpenTimeMs);
    }

    [Fact]
    public void LatestBarsStartMs_BoundAndOtherIntervalsAndSymbols_CountsOnlyTheSeriesBeforeTheBound()
    {
        using SqliteTickStore sut = OpenStore();
        sut.UpsertBars([.. Enumerable.Range(0, 50).Select(i => Bar(Btc, i))]);
        sut.UpsertBars([.. Enumerable.Range(0, 50).Select(i => Bar(Btc, i, Interval.OneSecond))]);
        sut.UpsertBars([.. Enumerable.Range(0, 50).Select(i => Bar(Eth, i))]);

        // Bars 20..29 are the latest ten opening before bar 30's open.
        sut.LatestBarsStartMs(Btc, Interval.OneMinute, Bar(Btc, 30).OpenTimeMs, 10).ShouldBe(Bar(Btc, 20).OpenTimeMs);
    }

    [Fact]
    public void LatestBarsStartMs_FewerBarsThanCount_ReturnsNull()
    {
        using SqliteTickStore sut = OpenStore();
        sut.UpsertBars([.. Enumerable.Range(0, 5).Select(i => Bar(Btc, i))]);

        sut.LatestBarsStartMs(Btc, Interval.OneMinute, long.MaxValue, 6).ShouldBeNull();
        sut.LatestBarsStartMs(new Symbol("NOPEUSDT"), Interval.OneMinute, long.MaxValue, 1).ShouldBeNull();
    }

    [Fact]
    public void LatestBarsStartMs_NonPositiveCount_Throws()
    {
        using SqliteTickStore sut = OpenStore();

        Should.Throw<ArgumentOutOfRangeException>(() => sut.LatestBarsStartMs(Btc, Interval.OneMinute, long.MaxValue, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => sut.LatestBarsStartMs(Btc, Interval.OneMinute, long.MaxValue, -1));
        Should.Throw<ArgumentException>(() => sut.LatestBarsStartMs(default, Interval.OneMinute, long.MaxValue, 1));
    }
}
