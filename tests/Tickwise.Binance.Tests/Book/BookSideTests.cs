using Tickwise.Binance.Book;
using Tickwise.Core.Market;
using static Tickwise.Binance.Tests.Book.Depths;

namespace Tickwise.Binance.Tests.Book;

public class BookSideTests
{
    private static BookLevel[] All(BookSide side)
    {
        var levels = new BookLevel[side.Count];
        side.CopyTop(levels);
        return levels;
    }

    [Fact]
    public void Set_BidsInAnyOrder_KeepsHighestFirst()
    {
        var sut = new BookSide(isAsk: false, maxLevels: 100, initialCapacity: 1);

        foreach (string level in new[] { "100:1", "102:1", "101:1", "99:1" }) sut.Set(Level(level).Price, Level(level).Quantity).ShouldBeTrue();

        All(sut).Select(l => l.Price.ToString()).ShouldBe(["102", "101", "100", "99"]);
    }

    [Fact]
    public void Set_AsksInAnyOrder_KeepsLowestFirst()
    {
        var sut = new BookSide(isAsk: true, maxLevels: 100, initialCapacity: 1);

        foreach (string level in new[] { "100:1", "102:1", "101:1", "99:1" }) sut.Set(Level(level).Price, Level(level).Quantity);

        All(sut).Select(l => l.Price.ToString()).ShouldBe(["99", "100", "101", "102"]);
    }

    [Fact]
    public void Set_ExistingPrice_ReplacesQuantity()
    {
        var sut = new BookSide(isAsk: false, maxLevels: 10);
        sut.Set(Price.Parse("100"), Quantity.Parse("1"));

        sut.Set(Price.Parse("100"), Quantity.Parse("2.5"));

        All(sut).ShouldBe([Level("100:2.5")]);
    }

    [Fact]
    public void Set_ZeroOnAbsentPrice_ChangesNothing()
    {
        var sut = new BookSide(isAsk: false, maxLevels: 1);
        sut.Set(Price.Parse("100"), Quantity.Parse("1"));

        sut.Set(Price.Parse("99"), new Quantity(0)).ShouldBeTrue();

        All(sut).ShouldBe([Level("100:1")]);
    }

    [Fact]
    public void Set_NewLevelAtLimit_ReturnsFalse()
    {
        var sut = new BookSide(isAsk: false, maxLevels: 1);
        sut.Set(Price.Parse("100"), Quantity.Parse("1"));

        sut.Set(Price.Parse("101"), Quantity.Parse("1")).ShouldBeFalse();
        sut.Set(Price.Parse("100"), Quantity.Parse("3")).ShouldBeTrue(); // an existing level still updates

        All(sut).ShouldBe([Level("100:3")]);
    }

    [Fact]
    public void Load_RepeatedPrice_KeepsOneLevel()
    {
        var sut = new BookSide(isAsk: false, maxLevels: 10);

        sut.Load([Level("100:1"), Level("101:1"), Level("100:2")]).ShouldBeTrue();

        sut.Count.ShouldBe(2);
        sut.At(0).ShouldBe(Level("101:1"));
    }

    [Fact]
    public void Load_AfterSets_ReplacesEverything()
    {
        var sut = new BookSide(isAsk: true, maxLevels: 10);
        sut.Set(Price.Parse("50"), Quantity.Parse("1"));

        sut.Load([Level("103:1"), Level("102:2")]);

        All(sut).ShouldBe([Level("102:2"), Level("103:1")]);
    }

    [Fact]
    public void SetAndRemove_RandomSequence_MatchesASortedDictionary()
    {
        var rng = new Random(7);
        var sut = new BookSide(isAsk: true, maxLevels: 10_000, initialCapacity: 4);
        var reference = new SortedDictionary<long, long>();
        for (int i = 0; i < 20_000; i++)
        {
            long price = rng.Next(1, 500), quantity = rng.Next(0, 3);
            sut.Set(new Price(price), new Quantity(quantity));
            if (quantity == 0) reference.Remove(price);
            else reference[price] = quantity;
        }

        All(sut).ShouldBe(reference.Select(p => new BookLevel(new Price(p.Key), new Quantity(p.Value))).ToArray());
    }
}
