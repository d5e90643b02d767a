using Tickwise.Core.Market;
using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Trading.TradingTestData;

namespace Tickwise.Core.Tests.Trading;

public class PaperBrokerTests
{
    private static PaperBroker Sut(decimal slippageBps = 0, bool fillAtNextQuote = false, SymbolFilters? filters = null) =>
        new([filters ?? new SymbolFilters(Btc)], new FeeModel(2m, 10m), new SlippageModel(slippageBps), fillAtNextQuote: fillAtNextQuote);

    [Fact]
    public void Place_MarketBuy_FillsAtTheAskPlusSlippageWithTheTakerFee()
    {
        var sut = Sut(slippageBps: 10);
        var fills = new List<Fill>();
        sut.Filled += (_, f) => fills.Add(f);
        sut.OnQuote(Quote("99", "100", timeMs: 1_700_000_000_123));

        Order order = sut.Place(MarketOrder("c1", OrderSide.Buy, "2"));

        order.Status.ShouldBe(OrderStatus.Filled);
        order.AveragePrice.ShouldBe(100.1m);
        order.Fee.ShouldBe(0.2002m); // 10 bps of 200.2
        order.Broker.ShouldBe("paper");
        fills.ShouldHaveSingleItem().TimeMs.ShouldBe(1_700_000_000_123);
        sut.GetPosition(Btc).Quantity.ShouldBe(2m);
    }

    [Fact]
    public void Place_MarketSell_FillsAtTheBid()
    {
        var sut = Sut();
        sut.OnQuote(Quote("99", "100"));
        sut.Place(MarketOrder("c1", OrderSide.Sell, "1")).AveragePrice.ShouldBe(99m);
        sut.GetPosition(Btc).Quantity.ShouldBe(-1m);
    }

    [Fact]
    public void Place_MarketWithBookLevels_WalksThem()
    {
        var sut = Sut();
        BookLevel[] asks = [new(Price.Parse("100"), Quantity.Parse("1")), new(Price.Parse("103"), Quantity.Parse("1"))];
        Order order = sut.Place(MarketOrder("c1", OrderSide.Buy, "2"), asks);
        order.Status.ShouldBe(OrderStatus.Filled);
        order.AveragePrice.ShouldBe(101.5m);
    }

    [Fact]
    public void Place_MarketLargerThanTheBook_IsRejected()
    {
        var sut = Sut();
        BookLevel[] asks = [new(Price.Parse("100"), Quantity.Parse("1"))];
        Order order = sut.Place(MarketOrder("c1", OrderSide.Buy, "2"), asks);
        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason.ShouldNotBeNull().ShouldContain("less than 2 BTCUSDT on the ask side");
        sut.GetPosition(Btc).IsFlat.ShouldBeTrue();
    }

    [Fact]
    public void Place_BadOrders_AreRejectedWithAReasonAndNothingFills()
    {
        var sut = Sut(filters: new SymbolFilters(Btc, StepSize: 0.001m, MinNotional: 10m));
        int fills = 0;
        sut.Filled += (_, _) => fills++;
        sut.Place(MarketOrder("c0", OrderSide.Buy, "1")).RejectReason.ShouldBe("no quote yet for BTCUSDT");
        sut.OnQuote(Quote("99", "100"));

        sut.Place(MarketOrder("c1", OrderSide.Buy, "0")).RejectReason.ShouldNotBeNull().ShouldContain("not positive");
        sut.Place(MarketOrder("c2", OrderSide.Buy, "1", Eth)).RejectReason.ShouldNotBeNull().ShouldContain("unknown symbol ETHUSDT");
        sut.Place(MarketOrder("c3", OrderSide.Buy, "0.0015")).RejectReason.ShouldNotBeNull().ShouldContain("step size");
        sut.Place(MarketOrder("c4", OrderSide.Buy, "0.05")).RejectReason.ShouldNotBeNull().ShouldContain("below the minimum 10");
        sut.Place(new OrderRequest("c5", Btc, OrderSide.Buy, OrderType.Limit, Quantity.Parse("1"))).RejectReason.ShouldNotBeNull().ShouldContain("limit price");
        sut.Place(MarketOrder("c6", OrderSide.Buy, "1")).Status.ShouldBe(OrderStatus.Filled);
        sut.Place(MarketOrder("c6", OrderSide.Buy, "1")).RejectReason.ShouldBe("duplicate client order id c6");
        fills.ShouldBe(1);
    }

    [Fact]
    public void Place_LimitBelowTheAsk_RestsThenFillsAsMakerWhenTheAskFallsToIt()
    {
        var sut = Sut();
        sut.OnQuote(Quote("99", "100"));
        Order order = sut.Place(LimitOrder("c1", OrderSide.Buy, "1", "98"));
        order.Status.ShouldBe(OrderStatus.New);
        sut.OpenOrders().ShouldHaveSingleItem().ShouldBeSameAs(order);

        sut.OnQuote(Quote("97", "98.5"));
        order.Status.ShouldBe(OrderStatus.New);
        sut.OnQuote(Quote("97", "98"));

        order.Status.ShouldBe(OrderStatus.Filled);
        order.AveragePrice.ShouldBe(98m);
        order.Fee.ShouldBe(0.0196m); // maker 2 bps of 98
        sut.OpenOrders().ShouldBeEmpty();
    }

    [Fact]
    public void Place_MarketableLimit_TakesAtTheQuote()
    {
        var sut = Sut();
        sut.OnQuote(Quote("99", "100"));
        Order order = sut.Place(LimitOrder("c1", OrderSide.Sell, "1", "95"));
        order.Status.ShouldBe(OrderStatus.Filled);
        order.AveragePrice.ShouldBe(99m);
        order.Fee.ShouldBe(0.099m);
    }

    [Fact]
    public void Cancel_RestingOrder_CancelsOnceAndItNeverFills()
    {
        var sut = Sut();
        sut.OnQuote(Quote("99", "100"));
        Order order = sut.Place(LimitOrder("c1", OrderSide.Buy, "1", "90"));
        sut.Cancel(order.Id).ShouldBeTrue();
        sut.Cancel(order.Id).ShouldBeFalse();
        sut.Cancel(12345).ShouldBeFalse();
        sut.OnQuote(Quote("80", "85"));
        order.Status.ShouldBe(OrderStatus.Canceled);
        sut.GetOrder(order.Id).ShouldBeSameAs(order);
        sut.GetPosition(Btc).IsFlat.ShouldBeTrue();
    }

    [Fact]
    public void Place_FillAtNextQuote_WaitsForTheNextQuote()
    {
        var sut = Sut(fillAtNextQuote: true);
        sut.OnQuote(Quote("99", "100", timeMs: 1_700_000_000_000));
        Order order = sut.Place(MarketOrder("c1", OrderSide.Buy, "1"));
        order.Status.ShouldBe(OrderStatus.New);
        sut.OnQuote(Quote("109", "110", timeMs: 1_700_000_060_000));
        order.Status.ShouldBe(OrderStatus.Filled);
        order.AveragePrice.ShouldBe(110m);
    }

    [Fact]
    public void OnQuote_CrossedQuote_IsIgnored()
    {
        var sut = Sut();
        sut.OnQuote(Quote("101", "100"));
        sut.Place(MarketOrder("c1", OrderSide.Buy, "1")).Status.ShouldBe(OrderStatus.Rejected);
    }
}
