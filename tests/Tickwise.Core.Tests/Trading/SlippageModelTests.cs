using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Tests.Trading;

public class SlippageModelTests
{
    [Fact]
    public void Apply_Buy_PaysMoreAndSell_ReceivesLess()
    {
        var sut = new SlippageModel(5m);
        sut.Apply(100m, OrderSide.Buy).ShouldBe(100.05m);
        sut.Apply(100m, OrderSide.Sell).ShouldBe(99.95m);
    }

    [Fact]
    public void TryWalkBook_AcrossLevels_ReturnsTheQuantityWeightedAverage()
    {
        BookLevel[] asks = [new(Price.Parse("100"), Quantity.Parse("1")), new(Price.Parse("101"), Quantity.Parse("0")), new(Price.Parse("102"), Quantity.Parse("2"))];
        SlippageModel.TryWalkBook(asks, Quantity.Parse("2"), out decimal average).ShouldBeTrue();
        average.ShouldBe(101m); // 1 @ 100 + 1 @ 102
    }

    [Fact]
    public void TryWalkBook_BookTooThin_ReturnsFalse()
    {
        BookLevel[] bids = [new(Price.Parse("100"), Quantity.Parse("1"))];
        SlippageModel.TryWalkBook(bids, Quantity.Parse("1.00000001"), out _).ShouldBeFalse();
        SlippageModel.TryWalkBook([], Quantity.Parse("1"), out _).ShouldBeFalse();
        SlippageModel.TryWalkBook(bids, default, out _).ShouldBeFalse();
    }

    [Fact]
    public void Constructor_NegativeBps_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => new SlippageModel(-1m));
}
