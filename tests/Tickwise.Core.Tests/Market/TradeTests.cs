using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public class TradeTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public void QuoteQuantityRaw_PriceTimesQuantity_IsExact()
    {
        var sut = new Trade(Btc, 3735683261, Price.Parse("61837.63"), Quantity.Parse("0.00009"), 1_723_161_255_617, AggressorSide.Seller);
        FixedPoint.ProductSumToDecimal(sut.QuoteQuantityRaw).ShouldBe(5.5653867m);
        sut.IsBuyerMaker.ShouldBeTrue();
    }

    [Fact]
    public void Constructor_ZeroQuantity_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Trade(Btc, 1, Price.Parse("1"), default, 1_723_161_255_617, AggressorSide.Buyer));

    [Fact]
    public void Constructor_SecondsTimestamp_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Trade(Btc, 1, Price.Parse("1"), Quantity.Parse("1"), 1_723_161_255, AggressorSide.Buyer));

    [Fact]
    public void Constructor_NoSymbol_Throws() =>
        Should.Throw<ArgumentException>(() => new Trade(default, 1, Price.Parse("1"), Quantity.Parse("1"), 1_723_161_255_617, AggressorSide.Buyer));
}
