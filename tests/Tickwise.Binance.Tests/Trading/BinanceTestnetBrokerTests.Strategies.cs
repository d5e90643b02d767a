using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>A <see cref="StrategyRunner"/> on the testnet broker: quantities sized in quote currency are rounded to the
/// exchange's step, and an order the exchange refuses later leaves no phantom target behind.</summary>
public sealed partial class BinanceTestnetBrokerTests
{
    [Fact]
    public void StrategyRunner_QuoteSizedQuantity_IsRoundedDownToTheStepSizeAndTheExitSellsExactlyThat()
    {
        var sut = Connect();
        var strategy = new ScriptedStrategy(10_000m / 60_000m, 0m); // 0.1666666666... BTC, then flat
        var events = new List<TradingEvent>();
        var runner = new StrategyRunner(strategy, [Btc], sut, events.Add, "t1");

        runner.OnBar(BarAt(0));
        PumpUntil(sut, () => sut.IsIdle && sut.OpenOrders().Count == 0);
        runner.OnBar(BarAt(1));
        PumpUntil(sut, () => sut.IsIdle && sut.OpenOrders().Count == 0);

        _server.Orders.Select(o => (o.Side, o.Quantity)).ShouldBe([("BUY", 0.16666m), ("SELL", 0.16666m)]); // step 0.00001
        runner.GetTarget(0, 0).ShouldBe(0m);
        runner.GetPosition(0, 0).Quantity.ShouldBe(0m);
        events.Count(e => e.Kind == TradingEventKind.Fill).ShouldBe(2);
    }

    [Fact]
    public void StrategyRunner_QuantityBelowOneStep_RejectedWithoutReachingTheExchange()
    {
        var sut = Connect();
        var strategy = new ScriptedStrategy(0.000004m);
        var events = new List<TradingEvent>();
        var runner = new StrategyRunner(strategy, [Btc], sut, events.Add, "t2");
        int before = _server.Requests;

        runner.OnBar(BarAt(0));

        Order order = events.Single(e => e.Kind == TradingEventKind.Order).Order!;
        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("rounds down to 0 at the step size");
        runner.GetTarget(0, 0).ShouldBe(0m);
        _server.Requests.ShouldBe(before);
    }

    [Fact]
    public void StrategyRunner_BelowMinNotional_RejectedWithTheFiltersReason()
    {
        var sut = Connect();
        sut.OnLastPrice(Btc, 60000m, 0);
        var events = new List<TradingEvent>();
        var runner = new StrategyRunner(new ScriptedStrategy(0.00005m), [Btc], sut, events.Add, "t3"); // 3 USDT < 5

        runner.OnBar(BarAt(0));

        Order order = events.Single(e => e.Kind == TradingEventKind.Order).Order!;
        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("minNotional");
        runner.GetTarget(0, 0).ShouldBe(0m);
    }

    [Fact]
    public void StrategyRunner_ExchangeRejectsTheBuyLater_TargetRestoredSoTheExitSellsNothing()
    {
        var sut = Connect();
        _server.FailNext("POST /api/v3/order", 400, -2010, "Account has insufficient balance for requested action.");
        var runner = new StrategyRunner(new ScriptedStrategy(0.01m, 0m), [Btc], sut, null, "t4");

        runner.OnBar(BarAt(0)); // the buy leaves as New; the refusal comes later
        runner.GetTarget(0, 0).ShouldBe(0.01m);
        PumpUntil(sut, () => sut.IsIdle && sut.OpenOrders().Count == 0);
        runner.OnBar(BarAt(1)); // the strategy goes flat: nothing is held, so nothing may be sold

        runner.GetTarget(0, 0).ShouldBe(0m);
        runner.GetPosition(0, 0).Quantity.ShouldBe(0m);
        runner.OrderCount.ShouldBe(1);
        _server.Orders.ShouldBeEmpty();
    }

    private static Bar BarAt(int minute)
    {
        Price p = Price.Parse("60000");
        return new Bar(Btc, Interval.OneMinute, 1_723_075_200_000 + minute * 60_000L, p, p, p, p, 1m, 60000m, 1, 0m, 0m);
    }

    /// <summary>Sets variant 0's target to the next scripted quantity on each call.</summary>
    private sealed class ScriptedStrategy(params decimal[] targets) : IStrategy
    {
        private int _next;

        public string Name => "scripted";

        public int SymbolCount => 1;

        public IReadOnlyList<string> Variants { get; } = ["A"];

        public void OnBars(ReadOnlySpan<Bar> bars, IStrategyContext context)
        {
            if (_next < targets.Length) context.SetTarget(0, 0, targets[_next++]);
        }

        public void Reset() => _next = 0;
    }
}
