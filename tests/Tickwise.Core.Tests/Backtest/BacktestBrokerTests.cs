using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Trading.TradingTestData;

namespace Tickwise.Core.Tests.Backtest;

public class BacktestBrokerTests
{
    private static (BacktestBroker Sut, List<(int Variant, int Symbol, Fill Fill)> Fills) Sut(decimal feeBps = 10, decimal slippageBps = 0)
    {
        var sut = new BacktestBroker([Btc, Eth], new FeeModel(feeBps, feeBps), new SlippageModel(slippageBps));
        var fills = new List<(int, int, Fill)>();
        sut.SetFillHandler((int variant, int symbolIndex, in Fill fill) => fills.Add((variant, symbolIndex, fill)));
        return (sut, fills);
    }

    [Fact]
    public void OnOpen_WaitingBuyAndSell_FillAtTheOpenPlusOrMinusSlippageWithTheTakerFee()
    {
        var (sut, fills) = Sut(feeBps: 10, slippageBps: 10);
        sut.PlaceMarket(1, 0, OrderSide.Buy, Quantity.Parse("2")).ShouldBeTrue();
        sut.PlaceMarket(0, 0, OrderSide.Sell, Quantity.Parse("1")).ShouldBeTrue();
        fills.ShouldBeEmpty(); // nothing fills before the next open

        sut.OnOpen(0, Price.Parse("100"), 1_700_000_060_000);

        fills.Count.ShouldBe(2);
        fills[0].ShouldBe((1, 0, new Fill(1, Btc, OrderSide.Buy, Quantity.Parse("2"), 100.1m, 0.2002m, false, 1_700_000_060_000))); // 10 bps of 200.2
        fills[1].ShouldBe((0, 0, new Fill(2, Btc, OrderSide.Sell, Quantity.Parse("1"), 99.9m, 0.0999m, false, 1_700_000_060_000)));
        sut.WaitingCount(0).ShouldBe(0);
    }

    [Fact]
    public void OnOpen_OtherSymbol_LeavesTheOrderWaiting()
    {
        var (sut, fills) = Sut();
        sut.PlaceMarket(0, 1, OrderSide.Buy, Quantity.Parse("1"));

        sut.OnOpen(0, Price.Parse("100"), 1);
        fills.ShouldBeEmpty();
        sut.WaitingCount(1).ShouldBe(1);

        sut.OnOpen(1, Price.Parse("20"), 2);
        fills.ShouldHaveSingleItem().Fill.Symbol.ShouldBe(Eth);
        fills[0].Symbol.ShouldBe(1);
    }

    [Fact]
    public void OnOpen_NoPositivePrice_FillsNothingAndKeepsTheOrders()
    {
        var (sut, fills) = Sut();
        sut.PlaceMarket(0, 0, OrderSide.Buy, Quantity.Parse("1"));

        sut.OnOpen(0, default, 1);

        fills.ShouldBeEmpty();
        sut.WaitingCount(0).ShouldBe(1);
    }

    [Fact]
    public void PlaceMarket_NonPositiveQuantity_RejectsButCountsTheId()
    {
        var (sut, fills) = Sut();

        sut.PlaceMarket(0, 0, OrderSide.Buy, default).ShouldBeFalse();
        sut.PlaceMarket(0, 0, OrderSide.Buy, Quantity.Parse("1")).ShouldBeTrue();
        sut.OnOpen(0, Price.Parse("5"), 1);

        sut.PlacedCount.ShouldBe(2);
        sut.WaitingCount(0).ShouldBe(0);
        fills.ShouldHaveSingleItem().Fill.OrderId.ShouldBe(2); // ids count rejected orders too, as the paper broker's do
    }

    [Fact]
    public void PlaceMarket_ManyOrdersBeforeAnOpen_FillsThemAllInOrder()
    {
        var (sut, fills) = Sut();
        for (int i = 1; i <= 9; i++) sut.PlaceMarket(i % 2, 0, OrderSide.Buy, new Quantity(i));

        sut.OnOpen(0, Price.Parse("1"), 1);

        fills.Count.ShouldBe(9);
        for (int i = 0; i < 9; i++) fills[i].Fill.Quantity.Raw.ShouldBe(i + 1);
    }

    [Fact]
    public void SetFillHandler_Twice_Throws()
    {
        var (sut, _) = Sut();
        Should.Throw<InvalidOperationException>(() => sut.SetFillHandler((int _, int _, in Fill _) => { }));
    }

    [Fact]
    public void OnOpen_RandomOrders_FillsAsThePaperBrokerFillingAtTheNextQuote()
    {
        var rng = new Random(11);
        var fees = new FeeModel(7.5m, 7.5m);
        var slippage = new SlippageModel(3);
        var sut = new BacktestBroker([Btc, Eth], fees, slippage);
        var fills = new List<Fill>();
        sut.SetFillHandler((int _, int _, in Fill fill) => fills.Add(fill));
        var paper = new PaperBroker([new SymbolFilters(Btc), new SymbolFilters(Eth)], fees, slippage, "backtest", fillAtNextQuote: true);
        var paperFills = new List<Fill>();
        paper.Filled += (_, fill) => paperFills.Add(fill);
        Symbol[] symbols = [Btc, Eth];
        int id = 0;

        for (int bar = 0; bar < 300; bar++)
        {
            long openMs = 1_700_000_000_000 + bar * 60_000L;
            for (int s = 0; s < 2; s++)
            {
                Price open = new(rng.Next(0, 4) == 0 ? 0 : rng.NextInt64(1, 10_000_000_000)); // a zero open now and then: no quote
                sut.OnOpen(s, open, openMs);
                paper.OnQuote(new Quote(symbols[s], 0, open, default, open, default, openMs));
            }
            for (int n = rng.Next(0, 3); n > 0; n--)
            {
                int s = rng.Next(2);
                var side = rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var quantity = new Quantity(rng.Next(0, 5) == 0 ? 0 : rng.NextInt64(1, 100_000_000_000));
                bool accepted = sut.PlaceMarket(0, s, side, quantity);
                Order order = paper.Place(new OrderRequest($"c{++id}", symbols[s], side, OrderType.Market, quantity));
                accepted.ShouldBe(order.Status != OrderStatus.Rejected);
            }
        }

        paperFills.Count.ShouldBeGreaterThan(100);
        fills.ShouldBe(paperFills);
    }
}
