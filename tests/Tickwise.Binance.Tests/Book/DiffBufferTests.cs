using Tickwise.Binance.Book;
using static Tickwise.Binance.Tests.Book.Depths;

namespace Tickwise.Binance.Tests.Book;

public class DiffBufferTests
{
    [Fact]
    public void Constructor_CapacityBelowOne_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => new DiffBuffer(0));

    [Fact]
    public void Add_SourceReusedAfterward_KeepsItsOwnCopy()
    {
        var sut = new DiffBuffer(4);
        var source = Diff(1, 2, ["100:1"]);

        sut.Add(source);
        source.Clear();

        sut[0].FinalUpdateId.ShouldBe(2);
        sut[0].Bids.ToArray().ShouldBe([Level("100:1")]);
    }

    [Fact]
    public void Add_Full_DropsOldestAndReturnsFalse()
    {
        var sut = new DiffBuffer(2);
        sut.Add(Diff(1, 1)).ShouldBeTrue();
        sut.Add(Diff(2, 2)).ShouldBeTrue();

        sut.Add(Diff(3, 3)).ShouldBeFalse();

        sut.Count.ShouldBe(2);
        (sut[0].FinalUpdateId, sut[1].FinalUpdateId).ShouldBe((2L, 3L));
    }

    [Fact]
    public void RemoveFirst_MoreThanHeld_Empties()
    {
        var sut = new DiffBuffer(3);
        sut.Add(Diff(1, 1));

        sut.RemoveFirst(5);

        sut.Count.ShouldBe(0);
        sut.Add(Diff(7, 7));
        sut[0].FinalUpdateId.ShouldBe(7);
    }
}
