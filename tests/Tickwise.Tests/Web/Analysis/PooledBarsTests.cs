using Tickwise.Core.Market;
using Tickwise.Web.Analysis;

namespace Tickwise.Tests.Web.Analysis;

public class PooledBarsTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    private static Bar At(int second) =>
        new(Btc, Interval.OneSecond, 1_723_161_600_000 + second * 1_000L, new Price(100), new Price(100), new Price(100), new Price(100), 1m, 100m, 1, 0m, 0m);

    [Fact]
    public void Add_BeyondTheInitialCapacity_KeepsEveryBarInOrder()
    {
        using var sut = new PooledBars(16);

        for (int i = 0; i < 1_000; i++) sut.Add(At(i));

        sut.Count.ShouldBe(1_000);
        for (int i = 0; i < 1_000; i++) sut.Span[i].OpenTimeMs.ShouldBe(At(i).OpenTimeMs);
    }

    [Fact]
    public void KeepLast_MoreThanTheLimit_KeepsTheNewest()
    {
        using var sut = new PooledBars(16);
        for (int i = 0; i < 40; i++) sut.Add(At(i));

        sut.KeepLast(5);

        sut.Count.ShouldBe(5);
        sut.Span[0].OpenTimeMs.ShouldBe(At(35).OpenTimeMs);
        sut.Span[4].OpenTimeMs.ShouldBe(At(39).OpenTimeMs);
    }

    [Fact]
    public void Add_AfterKeepLastAndGrowth_KeepsTheTailAndTheNewBars()
    {
        using var sut = new PooledBars(16);
        for (int i = 0; i < 16; i++) sut.Add(At(i));
        sut.KeepLast(3);

        for (int i = 16; i < 100; i++) sut.Add(At(i));

        sut.Count.ShouldBe(87);
        sut.Span[0].OpenTimeMs.ShouldBe(At(13).OpenTimeMs);
        sut.Span[^1].OpenTimeMs.ShouldBe(At(99).OpenTimeMs);
    }

    [Fact]
    public void Clear_ThenAdd_StartsOver()
    {
        using var sut = new PooledBars(16);
        for (int i = 0; i < 10; i++) sut.Add(At(i));

        sut.Clear();
        sut.Add(At(50));

        sut.Count.ShouldBe(1);
        sut.Span[0].OpenTimeMs.ShouldBe(At(50).OpenTimeMs);
    }
}
