using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

public class BinanceSymbolFiltersTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    private static BinanceSymbolFilters Sut() => new()
    {
        Symbol = Btc,
        QuoteAsset = "USDT",
        MinPrice = Price.Parse("0.01"),
        MaxPrice = Price.Parse("1000000"),
        TickSize = Price.Parse("0.01"),
        MinQuantity = Quantity.Parse("0.00001"),
        MaxQuantity = Quantity.Parse("9000"),
        StepSize = Quantity.Parse("0.00001"),
        MarketMaxQuantity = Quantity.Parse("100"),
        MinNotional = 5m,
        MaxNotional = 9_000_000m,
    };

    private static BinanceNewOrder Limit(string qty, string price) =>
        BinanceNewOrder.Limit(Btc, BinanceOrderSide.Buy, Quantity.Parse(qty), Price.Parse(price));

    private static BinanceNewOrder Market(string qty, string? reference = null) =>
        BinanceNewOrder.Market(Btc, BinanceOrderSide.Sell, Quantity.Parse(qty), referencePrice: reference is null ? null : Price.Parse(reference));

    [Theory]
    [InlineData("0.001", "60000.01")]
    [InlineData("0.00001", "500000")]   // notional exactly 5: the minimum is inclusive
    [InlineData("9000", "0.01")]        // max quantity and min price, notional 90
    public void Check_LimitWithinEveryFilter_Passes(string qty, string price)
    {
        var sut = Sut();

        sut.Check(Limit(qty, price), out _, out string reason).ShouldBeTrue(reason);
    }

    [Theory]
    [InlineData("0.001", "60000.015", BinanceOrderViolation.TickSize, "tick size 0.01")]
    [InlineData("0.000015", "60000", BinanceOrderViolation.StepSize, "step size 0.00001")]
    [InlineData("0.000001", "60000", BinanceOrderViolation.MinQuantity, "below the minimum 0.00001")]
    [InlineData("9000.00001", "60000", BinanceOrderViolation.MaxQuantity, "above the maximum 9000")]
    [InlineData("0.00008", "60000", BinanceOrderViolation.MinNotional, "the notional 4.8 USDT is below the minimum 5 USDT")]
    [InlineData("200", "60000", BinanceOrderViolation.MaxNotional, "above the maximum 9000000")]
    [InlineData("0.001", "0.001", BinanceOrderViolation.PriceRange, "below the minimum 0.01")]
    [InlineData("0.001", "1000000.01", BinanceOrderViolation.PriceRange, "above the maximum 1000000")]
    public void Check_LimitBreakingAFilter_NamesTheRule(string qty, string price, BinanceOrderViolation expected, string text)
    {
        var sut = Sut();

        sut.Check(Limit(qty, price), out BinanceOrderViolation violation, out string reason).ShouldBeFalse();

        violation.ShouldBe(expected);
        reason.ShouldContain(text);
    }

    [Fact]
    public void Check_ZeroQuantity_IsNonPositive()
    {
        var sut = Sut();

        sut.Check(Limit("0", "60000"), out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.NonPositiveQuantity);
    }

    [Fact]
    public void Check_LimitWithoutPrice_IsInvalidPrice()
    {
        var sut = Sut();
        var order = new BinanceNewOrder(Btc, BinanceOrderSide.Buy, BinanceOrderType.Limit, Quantity.Parse("1"));

        sut.Check(order, out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.InvalidPrice);
    }

    [Fact]
    public void Check_LimitAtZeroPrice_IsInvalidPrice()
    {
        var sut = Sut();

        sut.Check(Limit("1", "0"), out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.InvalidPrice);
    }

    [Fact]
    public void Check_MarketWithPrice_IsInvalidPrice()
    {
        var sut = Sut();
        var order = new BinanceNewOrder(Btc, BinanceOrderSide.Buy, BinanceOrderType.Market, Quantity.Parse("1"), Price.Parse("60000"));

        sut.Check(order, out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.InvalidPrice);
    }

    [Fact]
    public void Check_MarketAboveMarketLotSize_IsMaxQuantity()
    {
        var sut = Sut();

        sut.Check(Market("100.5"), out BinanceOrderViolation violation, out string reason).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.MaxQuantity);
        reason.ShouldContain("MARKET_LOT_SIZE");
    }

    [Fact]
    public void Check_MarketBelowMinNotionalAtItsReferencePrice_IsMinNotional()
    {
        var sut = Sut();

        sut.Check(Market("0.00005", "60000"), out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.MinNotional);
    }

    [Fact]
    public void Check_MarketWithoutReferencePrice_SkipsTheNotional()
    {
        var sut = Sut();

        sut.Check(Market("0.00005"), out _, out string reason).ShouldBeTrue(reason);
    }

    [Fact]
    public void Check_MarketWhenMinNotionalIsNotForMarkets_Passes()
    {
        var sut = Sut() with { ApplyMinNotionalToMarket = false };

        sut.Check(Market("0.00005", "60000"), out _, out string reason).ShouldBeTrue(reason);
    }

    [Fact]
    public void Check_SymbolNotTrading_Refuses()
    {
        var sut = Sut() with { Status = "BREAK" };

        sut.Check(Limit("0.001", "60000"), out BinanceOrderViolation violation, out string reason).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.SymbolNotTrading);
        reason.ShouldContain("BREAK");
    }

    [Fact]
    public void Check_MarketOrdersNotAllowed_Refuses()
    {
        var sut = Sut() with { MarketAllowed = false };

        sut.Check(Market("0.001"), out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.OrderTypeNotAllowed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456")] // 37 characters
    [InlineData("ünïcode")]
    public void Check_BadClientOrderId_Refuses(string id)
    {
        var sut = Sut();
        var order = Limit("0.001", "60000") with { ClientOrderId = id };

        sut.Check(order, out BinanceOrderViolation violation, out _).ShouldBeFalse();

        violation.ShouldBe(BinanceOrderViolation.ClientOrderId);
    }

    [Fact]
    public void Check_ZeroBounds_AreDisabled()
    {
        var sut = new BinanceSymbolFilters { Symbol = Btc };

        sut.Check(Limit("123.456789", "0.00000001"), out _, out string reason).ShouldBeTrue(reason);
    }

    [Fact]
    public void Check_StepCountedFromTheMinimum_FollowsBinancesFormula()
    {
        // (quantity - minQty) % stepSize == 0: with minQty 0.5 and step 1, 1.5 passes and 2 does not.
        var sut = Sut() with { MinQuantity = Quantity.Parse("0.5"), StepSize = Quantity.Parse("1"), MinNotional = 0 };

        sut.Check(Limit("1.5", "100"), out _, out _).ShouldBeTrue();
        sut.Check(Limit("2", "100"), out BinanceOrderViolation violation, out _).ShouldBeFalse();
        violation.ShouldBe(BinanceOrderViolation.StepSize);
    }

    [Fact]
    public void Check_OrderForAnotherSymbol_Throws()
    {
        var sut = Sut();
        var order = BinanceNewOrder.Market(new Symbol("ETHUSDT"), BinanceOrderSide.Buy, Quantity.Parse("1"));

        Should.Throw<ArgumentException>(() => sut.Check(order, out _, out _));
    }

    [Fact]
    public void Validate_BrokenFilter_ThrowsWithOrderRuleAndBound()
    {
        var sut = Sut();

        var e = Should.Throw<BinanceOrderValidationException>(() => sut.Validate(Limit("0.001", "60000.015")));

        e.Violation.ShouldBe(BinanceOrderViolation.TickSize);
        e.Symbol.ShouldBe(Btc);
        e.Message.ShouldBe("Order LIMIT BUY 0.001 BTCUSDT @ 60000.015 refused before sending: the price 60000.015 is not a multiple of the tick size 0.01 (PRICE_FILTER tickSize).");
    }

    [Fact]
    public void Validate_HugeNumbers_DoNotOverflow()
    {
        var sut = Sut() with { MaxQuantity = default, MaxPrice = default, MaxNotional = 0 };
        var order = Limit("92000000000", "92000000000");

        Should.NotThrow(() => sut.Validate(order));
    }
}
