using Tickwise.Core.Trading;

namespace Tickwise.Core.Tests.Trading;

public class FeeModelTests
{
    [Fact]
    public void Fee_TakerAndMaker_AreBasisPointsOfTheNotional()
    {
        var sut = new FeeModel(makerBps: 2m, takerBps: 10m);
        sut.Fee(12_345.67m, isMaker: false).ShouldBe(12.34567m);
        sut.Fee(12_345.67m, isMaker: true).ShouldBe(2.469134m);
        sut.Fee(-100m, isMaker: false).ShouldBe(0.1m);
    }

    [Fact]
    public void Fee_FinerThanEightDecimals_RoundsHalfAwayFromZero()
    {
        var sut = new FeeModel(0m, 1m);
        sut.Fee(0.00005m, isMaker: false).ShouldBe(0.00000001m); // 5e-9 rounds up
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 1001)]
    public void Constructor_RateOutOfRange_Throws(int maker, int taker) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new FeeModel(maker, taker));
}
