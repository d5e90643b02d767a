using Tickwise.Alerts;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using static Tickwise.Tests.Alerts.AlertTestStores;

namespace Tickwise.Tests.Alerts;

public class AlertObserverTests
{
    private static (AlertObserver Sut, List<AlertEvent> Fired) Observer(params AlertRule[] rules)
    {
        var fired = new List<AlertEvent>();
        var engine = new AlertEngine(fired.Add);
        foreach (AlertRule rule in rules) engine.Add(rule);
        return (new AlertObserver(engine), fired);
    }

    private static Quote Q(double bid, double bidQty, double ask, double askQty, long timeMs) =>
        new(Btc, timeMs, P(bid), new Quantity((long)(bidQty * 1e8)), P(ask), new Quantity((long)(askQty * 1e8)), timeMs);

    private static Bar B(Symbol symbol, long openTimeMs, double close)
    {
        Price price = P(close);
        return new Bar(symbol, Interval.OneMinute, openTimeMs, price, price, price, price, 1m, (decimal)close, 1, 0m, 0m);
    }

    [Fact]
    public void OnTrade_PriceRule_FiresFromTheTrades()
    {
        var (sut, fired) = Observer(PriceAbove(100, "p") with { CreatedMs = Start });

        sut.OnTrade(T(1, 99, Start));
        sut.OnTrade(T(2, 100.5, Start + 10));

        fired.ShouldHaveSingleItem().Value.ShouldBe(100.5);
    }

    [Fact]
    public void OnQuote_BookPressureRule_FiresWhenTheBookTurnsToTheOtherSide()
    {
        var (sut, fired) = Observer(new AlertRule { Id = "bp", Type = AlertType.BookPressure, Symbol = Btc, CreatedMs = Start });

        sut.OnQuote(Q(100, 1, 100.1, 5, Start));       // thin bid: Bid pressure (first side: no fire)
        sut.OnQuote(Q(100, 3, 100.1, 3, Start + 100)); // neutral
        sut.OnQuote(Q(100, 5, 100.1, 1, Start + 200)); // thin ask: Ask pressure

        AlertEvent alert = fired.ShouldHaveSingleItem();
        alert.TimeMs.ShouldBe(Start + 200);
        alert.Value.ShouldBe(1);
        alert.Values["imbalance"].ShouldBe(4.0 / 6, 1e-12);
    }

    [Fact]
    public void OnQuoteAndBars_CrossoverRule_FiresWhenTheMidCrossesTheSma()
    {
        var (sut, fired) = Observer(new AlertRule { Id = "x", Type = AlertType.Crossover, Symbol = Btc, Window = 3, CreatedMs = Start });
        for (int i = 0; i < 3; i++) sut.OnBarClosed(B(Btc, Start + i * 60_000L, 100));

        sut.OnQuote(Q(101, 1, 101.2, 1, Start + 180_001)); // over the SMA of 100: first direction, no fire
        sut.OnQuote(Q(98, 1, 98.2, 1, Start + 180_002));   // under: fires

        AlertEvent alert = fired.ShouldHaveSingleItem();
        alert.Value.ShouldBe(-1);
        alert.Values["sma"].ShouldBe(100);
        alert.Values["mid"].ShouldBe(98.1, 1e-9);
    }

    [Fact]
    public void OnBarClosed_PairRule_FiresAtTheSnapshotWhoseZScoreCrosses()
    {
        AlertRule rule = new() { Id = "z", Type = AlertType.ZScoreAbove, Pair = new AlertPair(Btc, Eth), Threshold = 2, Window = 20, CreatedMs = Start };
        var (sut, fired) = Observer(rule);
        var reference = new PairAnalytics(Btc, Eth, new PairAnalyticsOptions { WindowBars = 20, ZScoreBars = 20 });
        var random = new Random(7);
        var expected = new List<long>();
        bool? armed = null;
        double b = 50;
        for (int i = 0; i < 80; i++)
        {
            b += random.NextDouble() - 0.5;
            double a = 2 * b + random.NextDouble() * 0.2 + (i % 30 == 29 ? 3 : 0); // a shock every 30 bars
            a = Math.Round(a, 4);
            double bClose = Math.Round(b, 4);
            long time = Start + i * 60_000L;
            sut.OnBarClosed(B(Btc, time, a));
            sut.OnBarClosed(B(Eth, time, bClose));
            if (reference.Update(time, a, bClose) is { } snapshot && !double.IsNaN(snapshot.ZScore))
            {
                if (armed == true && snapshot.ZScore >= 2) expected.Add(time);
                armed = snapshot.ZScore < 2;
            }
        }

        expected.Count.ShouldBeGreaterThan(0, "the shocks push the z-score over 2");
        fired.Select(e => e.TimeMs).ShouldBe(expected);
        fired[0].Pair.ShouldBe(new AlertPair(Btc, Eth));
    }

    [Fact]
    public void OnQuote_RuleAddedWhileRunning_GetsItsTrackerAndFires()
    {
        var (sut, fired) = Observer();
        sut.OnQuote(Q(100, 1, 100.1, 5, Start));

        sut.Engine.Add(new AlertRule { Id = "bp", Type = AlertType.BookPressure, Symbol = Btc, CreatedMs = Start });
        sut.OnQuote(Q(100, 1, 100.1, 5, Start + 1));
        sut.OnQuote(Q(100, 5, 100.1, 1, Start + 2));
        sut.Engine.SetEnabled("bp", false);
        sut.OnQuote(Q(100, 1, 100.1, 5, Start + 3));

        fired.ShouldHaveSingleItem().TimeMs.ShouldBe(Start + 2);
    }
}
