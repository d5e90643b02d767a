using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Trading.TradingTestData;

namespace Tickwise.Core.Tests.Trading;

public class PositionTests
{
    [Fact]
    public void Apply_TwoBuys_AveragesTheEntryPriceByQuantity()
    {
        var sut = new Position(Btc);
        sut.Apply(Fill(OrderSide.Buy, "1", 100m));
        sut.Apply(Fill(OrderSide.Buy, "3", 200m));
        sut.Quantity.ShouldBe(4m);
        sut.AveragePrice.ShouldBe(175m); // (100 + 600) / 4
        sut.RealizedPnl.ShouldBe(0m);
        sut.UnrealizedPnl(180m).ShouldBe(20m);
    }

    [Fact]
    public void Apply_PartialClose_RealizesTheClosedPartAndKeepsTheAverage()
    {
        var sut = new Position(Btc);
        sut.Apply(Fill(OrderSide.Buy, "4", 100m));
        decimal realized = sut.Apply(Fill(OrderSide.Sell, "1.5", 110m));
        realized.ShouldBe(15m);
        sut.RealizedPnl.ShouldBe(15m);
        sut.Quantity.ShouldBe(2.5m);
        sut.AveragePrice.ShouldBe(100m);
    }

    [Fact]
    public void Apply_SellMoreThanTheLong_ClosesAndOpensAShortAtTheFillPrice()
    {
        var sut = new Position(Btc);
        sut.Apply(Fill(OrderSide.Buy, "2", 100m, timeMs: 1_700_000_000_000));
        decimal realized = sut.Apply(Fill(OrderSide.Sell, "5", 90m, timeMs: 1_700_000_060_000));
        realized.ShouldBe(-20m);
        sut.Quantity.ShouldBe(-3m);
        sut.AveragePrice.ShouldBe(90m);
        sut.OpenedMs.ShouldBe(1_700_000_060_000);
        sut.UnrealizedPnl(80m).ShouldBe(30m); // short 3 from 90 to 80
    }

    [Fact]
    public void Apply_ShortThenCoverLower_RealizesAProfit()
    {
        var sut = new Position(Btc);
        sut.Apply(Fill(OrderSide.Sell, "2", 100m, fee: 0.2m));
        sut.Apply(Fill(OrderSide.Buy, "2", 95m, fee: 0.19m));
        sut.IsFlat.ShouldBeTrue();
        sut.RealizedPnl.ShouldBe(10m);
        sut.Fees.ShouldBe(0.39m);
        sut.AveragePrice.ShouldBe(0m);
        sut.OpenedMs.ShouldBe(0);
    }

    [Fact]
    public void Apply_FillOfAnotherSymbol_Throws()
    {
        var sut = new Position(Btc);
        Should.Throw<ArgumentException>(() => sut.Apply(Fill(OrderSide.Buy, "1", 1m, symbol: Eth))).Message.ShouldContain("ETHUSDT");
    }

    [Fact]
    public void Apply_OpenThenClose_KeepsIsFlatAndTheNetRealizedInStep()
    {
        var sut = new Position(Btc);
        sut.IsFlat.ShouldBeTrue();
        sut.UnrealizedPnl(123m).ShouldBe(0m);

        sut.Apply(Fill(OrderSide.Buy, "2", 100m, fee: 0.2m));
        sut.IsFlat.ShouldBeFalse();
        sut.RealizedNetOfFees.ShouldBe(-0.2m);
        sut.UnrealizedPnl(101m).ShouldBe(2m);

        sut.Apply(Fill(OrderSide.Sell, "2", 103m, fee: 0.206m));
        sut.IsFlat.ShouldBeTrue();
        sut.RealizedNetOfFees.ShouldBe(sut.RealizedPnl - sut.Fees);
        sut.RealizedNetOfFees.ShouldBe(5.594m); // 6 - 0.2 - 0.206
        sut.UnrealizedPnl(200m).ShouldBe(0m);
    }
}
