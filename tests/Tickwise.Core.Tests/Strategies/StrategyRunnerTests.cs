using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Strategies;

public class StrategyRunnerTests
{
    private static PaperBroker Broker(params Symbol[] symbols) =>
        new(symbols.Select(s => new SymbolFilters(s)), new FeeModel(0, 10), SlippageModel.None);

    [Fact]
    public void OnBar_PairBarsOneAtATimeWithAGap_EmitsTheSignalsOfTheBacktest()
    {
        var rng = new Random(7);
        var a = new List<decimal>();
        var b = new List<decimal>();
        for (int t = 0; t < 600; t++)
        {
            decimal pb = 10 + (decimal)Math.Round(Math.Sin(t / 9.0), 4);
            b.Add(pb);
            a.Add(2 * pb + (decimal)Math.Round(rng.NextDouble() * 0.4, 4));
        }
        Bar[] barsA = MakeBars(Fil, [.. a]), barsB = MakeBars(Near, [.. b]);
        Bar[] gappedB = [.. barsB.Where((_, i) => i != 300)]; // leg B misses one minute

        var backtest = new BacktestEngine(new BacktestOptions()).Run(MeanReversionStrategy.Create("window=50", "z_window=40"), BarAlignment.Align([barsA, gappedB]));

        var signals = new List<Signal>();
        var broker = Broker(Fil, Near);
        var sut = new StrategyRunner(MeanReversionStrategy.Create("window=50", "z_window=40"), [Fil, Near], broker, e => { if (e.Kind == TradingEventKind.Signal) signals.Add(e.Signal); });
        int gapIndex = 0;
        for (int i = 0; i < barsA.Length; i++)
        {
            // Leg B first at odd minutes, so both orders of arrival occur.
            if (i % 2 == 1 && i != 300) sut.OnBar(barsB[i]);
            sut.OnBar(barsA[i]);
            if (i % 2 == 0 && i != 300) sut.OnBar(barsB[i]);
            else if (i == 300) gapIndex = i;
        }

        gapIndex.ShouldBe(300);
        backtest.Signals.Count.ShouldBeGreaterThan(4);
        signals.ShouldBe(backtest.Signals);
    }

    [Fact]
    public void OnBar_CrossoverBarByBar_EmitsTheSignalsOfTheBacktest()
    {
        decimal[] closes = [.. Enumerable.Range(0, 500).Select(t => 100 + (decimal)Math.Round(20 * Math.Sin(t / 15.0) + 5 * Math.Sin(t / 3.0), 4))];
        Bar[] bars = MakeBars(Fil, closes, openOffset: 0.5m);
        var backtest = new BacktestEngine(new BacktestOptions(SlippageBps: 5)).Run(CrossoverStrategy.Create(), [bars]);

        var signals = new List<Signal>();
        var broker = Broker(Fil);
        var sut = new StrategyRunner(CrossoverStrategy.Create(), [Fil], broker, e => { if (e.Kind == TradingEventKind.Signal) signals.Add(e.Signal); });
        foreach (Bar bar in bars)
        {
            broker.OnQuote(new Quote(Fil, 0, bar.Close, default, bar.Close, default, bar.OpenTimeMs + 60_000));
            sut.OnBar(bar);
        }

        backtest.Signals.Count.ShouldBeGreaterThan(4);
        signals.ShouldBe(backtest.Signals);
    }

    [Fact]
    public void OnBar_EntryWithAPaperBroker_ReportsSignalOrderFillPositionInOrder()
    {
        var broker = Broker(Fil);
        var events = new List<TradingEvent>();
        var sut = new StrategyRunner(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2", "notional=1000"), [Fil], broker, events.Add);
        broker.OnQuote(new Quote(Fil, 0, P(99), default, P(101), default, T0 + 300_000));
        foreach (Bar bar in MakeBars(Fil, [50, 50, 50, 50, 100])) sut.OnBar(bar);

        events.Select(e => (e.Kind, e.Variant)).ShouldBe([
            (TradingEventKind.Signal, "A"), (TradingEventKind.Order, "A"), (TradingEventKind.Fill, "A"), (TradingEventKind.Position, "A"),
            (TradingEventKind.Signal, "B"), (TradingEventKind.Order, "B"), (TradingEventKind.Fill, "B"), (TradingEventKind.Position, "B")]);
        Order order = events[1].Order!;
        order.Status.ShouldBe(OrderStatus.Filled);
        order.Request.ClientOrderId.ShouldBe("crossover-A-1");
        order.Request.Quantity.ShouldBe(Quantity.Parse("10"));
        events[2].Fill.Price.ShouldBe(101m);
        PositionSnapshot position = events[3].Position;
        position.Key.ShouldBe("crossover:A:FILUSDT");
        position.Quantity.ShouldBe(10m);
        position.AveragePrice.ShouldBe(101m);
        position.RealizedPnl.ShouldBe(-1.01m); // the taker fee
        sut.GetPosition(1, 0).Quantity.ShouldBe(10m);
        sut.NetPnl(0).ShouldBe(10 * (100m - 101m) - 1.01m);
    }

    [Fact]
    public void OnBar_OrderRejectedByFilters_ReportsTheReasonAndKeepsTheOldTarget()
    {
        var broker = new PaperBroker([new SymbolFilters(Fil, MinNotional: 5000m)], FeeModel.None, SlippageModel.None);
        broker.OnQuote(new Quote(Fil, 0, P(100), default, P(100), default, T0));
        broker.OnLastPrice(Fil, 100m, T0);
        var events = new List<TradingEvent>();
        var sut = new StrategyRunner(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2", "notional=1000"), [Fil], broker, events.Add);
        foreach (Bar bar in MakeBars(Fil, [50, 50, 50, 50, 100])) sut.OnBar(bar);

        Order rejected = events.First(e => e.Kind == TradingEventKind.Order).Order!;
        rejected.Status.ShouldBe(OrderStatus.Rejected);
        rejected.RejectReason.ShouldNotBeNull().ShouldContain("below the minimum 5000");
        sut.GetTarget(0, 0).ShouldBe(0m);
        events.ShouldNotContain(e => e.Kind == TradingEventKind.Fill);
    }

    [Fact]
    public void OnBar_TwoRunnersOnOneBroker_EachKeepsOnlyItsOwnFills()
    {
        var broker = Broker(Fil);
        broker.OnQuote(new Quote(Fil, 0, P(100), default, P(100), default, T0));
        var one = new StrategyRunner(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2", "notional=1000"), [Fil], broker, clientIdPrefix: "run1");
        var ten = new StrategyRunner(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2", "notional=500"), [Fil], broker, clientIdPrefix: "run10");
        foreach (Bar bar in MakeBars(Fil, [50, 50, 50, 50, 100]))
        {
            one.OnBar(bar);
            ten.OnBar(bar);
        }
        one.GetPosition(0, 0).Quantity.ShouldBe(10m);
        ten.GetPosition(0, 0).Quantity.ShouldBe(5m);
        broker.GetPosition(Fil).Quantity.ShouldBe(30m); // both variants of both runners
    }

    [Fact]
    public void OnBar_OtherSymbolOrOldBar_IsIgnored()
    {
        var sut = new StrategyRunner(CrossoverStrategy.Create(), [Fil], Broker(Fil));
        Bar[] bars = MakeBars(Fil, [1, 2, 3]);
        sut.OnBar(MakeBars(Near, [1])[0]).ShouldBeFalse();
        sut.OnBar(bars[1]).ShouldBeTrue();
        sut.OnBar(bars[0]).ShouldBeFalse();
        sut.OnBar(bars[1]).ShouldBeFalse();
        sut.OnBar(bars[2]).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_WrongSymbolCount_Throws()
    {
        Should.Throw<ArgumentException>(() => new StrategyRunner(MeanReversionStrategy.Create(), [Fil], Broker(Fil))).Message.ShouldContain("trades 2 symbol(s); 1 given");
        Should.Throw<ArgumentException>(() => new StrategyRunner(MeanReversionStrategy.Create(), [Fil, Fil], Broker(Fil))).Message.ShouldContain("twice");
    }
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnAlignedBars_BacktestBroker_GivesTheFillsAndPnlOfThePaperBrokerAtTheNextQuote(bool pair)
    {
        var rng = new Random(5);
        var a = new decimal[1500];
        var b = new decimal[1500];
        for (int t = 0; t < a.Length; t++)
        {
            b[t] = 10 + (decimal)Math.Round(Math.Sin(t / 9.0) + 0.3 * Math.Sin(t / 2.3), 4);
            a[t] = 2 * b[t] + (decimal)Math.Round(rng.NextDouble() * 0.4, 4);
        }
        Bar[][] legs = pair ? [MakeBars(Fil, a, 0.01m), MakeBars(Near, b, -0.01m)] : [MakeBars(Fil, a, 0.01m)];
        Symbol[] symbols = pair ? [Fil, Near] : [Fil];
        IStrategy Create() => pair ? MeanReversionStrategy.Create("window=50", "z_window=40") : CrossoverStrategy.Create("fast=3", "slow=8");
        var fees = new FeeModel(10, 10);
        var slippage = new SlippageModel(2);

        var paperFills = new List<Fill>();
        var paper = new PaperBroker(symbols.Select(s => new SymbolFilters(s)), fees, slippage, "backtest", fillAtNextQuote: true);
        var reference = new StrategyRunner(Create(), symbols, paper, e => { if (e.Kind == TradingEventKind.Fill) paperFills.Add(e.Fill); });
        var fills = new List<Fill>();
        var events = new List<TradingEventKind>();
        var simulated = new BacktestBroker(symbols, fees, slippage);
        var sut = new StrategyRunner(Create(), symbols, simulated, e =>
        {
            events.Add(e.Kind);
            if (e.Kind == TradingEventKind.Fill) fills.Add(e.Fill);
        }, 10_000m);
        var row = new Bar[symbols.Length];
        for (int i = 0; i < legs[0].Length; i++)
        {
            for (int s = 0; s < symbols.Length; s++)
            {
                Bar bar = legs[s][i];
                row[s] = bar;
                paper.OnQuote(new Quote(bar.Symbol, 0, bar.Open, default, bar.Open, default, bar.OpenTimeMs));
                simulated.OnOpen(s, bar.Open, bar.OpenTimeMs);
            }
            reference.OnAlignedBars(row);
            sut.OnAlignedBars(row);
            for (int v = 0; v < sut.Strategy.Variants.Count; v++) sut.NetPnl(v).ShouldBe(reference.NetPnl(v), $"bar {i} variant {v}");
        }

        paperFills.Count.ShouldBeGreaterThan(20);
        fills.ShouldBe(paperFills);
        sut.OrderCount.ShouldBe(reference.OrderCount);
        events.ShouldNotContain(TradingEventKind.Order); // no order objects exist on the backtest path
        events.ShouldNotContain(TradingEventKind.Position);
    }
}
