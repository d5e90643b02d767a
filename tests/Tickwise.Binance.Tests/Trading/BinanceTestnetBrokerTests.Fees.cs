using Tickwise.Core.Market;
using Tickwise.Core.Trading;
using Tickwise.Testing;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>Commissions in the quote asset: as charged, from the base asset at the fill price, and from a third asset
/// (BNB) at the exchange's price of that asset.</summary>
public sealed partial class BinanceTestnetBrokerTests
{
    [Fact]
    public void Place_CommissionInTheBaseAsset_CountsAsItsQuoteValueAtTheFillPrice()
    {
        var sut = Connect();
        _server.CommissionAsset = "BTC";

        Order order = sut.Place(Market("fee-btc", "0.01"));
        PumpUntil(sut, () => !order.IsOpen);

        order.Fee.ShouldBe(0.6m); // 0.00001 BTC at 60000
        _warnings.ShouldBeEmpty();
        _server.RequestsTo("GET /api/v3/ticker/price").ShouldBe(0);
    }

    [Fact]
    public void Place_CommissionInBnb_CountsAtBnbUsdtsLastPriceReadOncePerMinute()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var sut = Connect(time: clock);
        _server.CommissionAsset = "BNB";
        _server.LastPrices["BNBUSDT"] = "600.00000000";

        Order first = sut.Place(Market("fee-bnb-1", "0.01"));
        PumpUntil(sut, () => !first.IsOpen);
        _server.LastPrices["BNBUSDT"] = "500.00000000";
        Order second = sut.Place(Market("fee-bnb-2", "0.01"));
        PumpUntil(sut, () => !second.IsOpen);
        clock.Advance(TimeSpan.FromSeconds(61));
        Order third = sut.Place(Market("fee-bnb-3", "0.01"));
        PumpUntil(sut, () => !third.IsOpen);

        // 0.075% of 600 USDT in BNB: 0.00075 BNB at 600, then 0.0009 BNB at 500 (the exchange's price moved).
        first.Fee.ShouldBe(0.45m);
        second.Fee.ShouldBe(0.54m, "0.0009 BNB at the price read a moment ago, 600");
        third.Fee.ShouldBe(0.45m, "0.0009 BNB at the price read again after a minute, 500");
        _server.RequestsTo("GET /api/v3/ticker/price").ShouldBe(2);
        _warnings.ShouldBeEmpty();
    }

    [Fact]
    public void PollAndCancel_RestingOrderFilledWithBnbCommissions_ValueTheTradesFeesAtBnbUsdt()
    {
        var sut = Connect();
        _server.CommissionAsset = "BNB";
        _server.LastPrices["BNBUSDT"] = "500.00000000";

        Order order = sut.Place(Limit("lim-bnb", "0.002", "50000"));
        PumpUntil(sut, () => order.Status == OrderStatus.New && sut.IsIdle);
        _server.FillResting("lim-bnb", 0.0005m);
        PumpUntil(sut, () => order.Status == OrderStatus.PartiallyFilled);
        sut.Cancel(order.Id);
        PumpUntil(sut, () => !order.IsOpen);

        // 0.075% of 25 USDT = 0.01875 USDT, charged as 0.0000375 BNB at 500.
        _fills.ShouldHaveSingleItem().Fill.Fee.ShouldBe(0.01875m);
        _warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Place_CommissionInAnAssetQuotedOnlyTheOtherWay_UsesTheInvertedPrice()
    {
        var sut = Connect();
        _server.CommissionAsset = "XYZ";
        _server.LastPrices["USDTXYZ"] = "0.00200000"; // 1 XYZ = 500 USDT

        Order order = sut.Place(Market("fee-xyz", "0.01"));
        PumpUntil(sut, () => !order.IsOpen);

        order.Fee.ShouldBe(0.005m); // 0.00001 XYZ (0.1% of the quantity) at 500
        _warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Place_CommissionInAnAssetWithoutAPrice_CountsAsZeroAndIsReportedOnceWithTheReason()
    {
        var sut = Connect();
        _server.CommissionAsset = "BNB";

        Order first = sut.Place(Market("fee-bnb-1", "0.01"));
        Order second = sut.Place(Market("fee-bnb-2", "0.01"));
        PumpUntil(sut, () => !first.IsOpen && !second.IsOpen);

        first.Fee.ShouldBe(0m);
        second.Fee.ShouldBe(0m);
        string warning = _warnings.ShouldHaveSingleItem();
        warning.ShouldContain("commissions in BNB cannot be valued in USDT");
        warning.ShouldContain("Invalid symbol");
        // BNBUSDT and USDTBNB asked once; the answer "none" is kept for a minute like a price.
        _server.RequestsTo("GET /api/v3/ticker/price").ShouldBe(2);
    }

    [Fact]
    public void Place_PriceReadFailsOnce_TheNextFillReadsItAgain()
    {
        var sut = Connect();
        _server.CommissionAsset = "BNB";
        _server.LastPrices["BNBUSDT"] = "600.00000000";
        _server.FailNext("GET /api/v3/ticker/price", 500, null, times: 2); // BNBUSDT, then USDTBNB

        Order first = sut.Place(Market("fee-bnb-1", "0.01"));
        PumpUntil(sut, () => !first.IsOpen);
        Order second = sut.Place(Market("fee-bnb-2", "0.01"));
        PumpUntil(sut, () => !second.IsOpen);

        first.Fee.ShouldBe(0m);
        second.Fee.ShouldBe(0.45m, "a server error is not an answer: the price is read again");
        _warnings.ShouldHaveSingleItem().ShouldContain("commissions in BNB cannot be valued in USDT");
    }
}
