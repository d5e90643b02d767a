using Tickwise.Core.Alerts;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Testing;
using static Tickwise.Core.Tests.Alerts.AlertTestData;

namespace Tickwise.Core.Tests.Alerts;

public sealed partial class AlertEngineTests
{
    private static long[] Seconds(List<AlertEvent> fired) => [.. fired.Select(e => (e.TimeMs - Start) / 1000)];

    [Fact]
    public void OnPrice_SeriesCrossingUpTwice_FiresAtEachUpwardCrossingOnly()
    {
        var (sut, fired) = Engine(PriceAbove(100));

        //          0    1   2    3    4   5    6    7
        FeedPrices(sut, 99, 99.5, 101, 102, 99, 100, 100, 98);

        Seconds(fired).ShouldBe([2, 5]);
        fired[0].Value.ShouldBe(101);
        fired[0].Threshold.ShouldBe(100);
        fired[0].Values["previous"].ShouldBe(99.5);
        fired[0].Id.ShouldBe($"r1:{Start + 2000}");
        fired[0].Message.ShouldBe("BTCUSDT price 101 rose to 100 or above");
        fired[1].Value.ShouldBe(100, "a value exactly at the threshold counts as reaching it");
    }

    [Fact]
    public void OnPrice_FirstValueAlreadyAboveThreshold_DoesNotFireUntilItComesBackAndCrosses()
    {
        var (sut, fired) = Engine(PriceAbove(100));

        FeedPrices(sut, 105, 110, 100, 99.99, 100.01);

        Seconds(fired).ShouldBe([4]);
    }

    [Fact]
    public void OnPrice_PriceBelowSeries_FiresAtDownwardCrossingsIncludingExactlyAtThreshold()
    {
        var (sut, fired) = Engine(PriceBelow(61837.63));

        FeedPrices(sut, 61900, 61837.64, 61837.63, 61800, 61837.64, 61700, 61837.62);

        Seconds(fired).ShouldBe([2, 5]);
        fired[0].Value.ShouldBe(61837.63);
        fired[0].Message.ShouldBe("BTCUSDT price 61837.63 fell to 61837.63 or below");
    }

    [Fact]
    public void OnPrice_CrossingWithinCooldown_IsSuppressedAndCounted()
    {
        var (sut, fired) = Engine(PriceAbove(100) with { CooldownS = 3 });

        // Crossings at 1 s (fires), 3 s (2 s after: suppressed), 5 s (4 s after the fire: fires), 6 s..7 s (1 s after: suppressed).
        FeedPrices(sut, 99, 101, 99, 101, 99, 101, 99, 101);

        Seconds(fired).ShouldBe([1, 5]);
        sut.Suppressed.ShouldBe(2);
        sut.Fired.ShouldBe(2);
    }

    [Fact]
    public void OnPrice_CrossingExactlyOneCooldownAfterTheFire_Fires()
    {
        var (sut, fired) = Engine(PriceAbove(100) with { CooldownS = 2 });

        FeedPrices(sut, 99, 101, 99, 101);

        Seconds(fired).ShouldBe([1, 3]);
    }

    [Fact]
    public void OnPrice_Hysteresis_RearmsOnlyStrictlyBelowThresholdMinusHysteresis()
    {
        var (sut, fired) = Engine(PriceAbove(100) with { Hysteresis = 10 });

        //              0    1   2   3    4   5    6     7
        FeedPrices(sut, 95, 101, 95, 101, 90, 101, 89.99, 100);

        Seconds(fired).ShouldBe([1, 7]);
    }

    [Fact]
    public void OnPrice_HysteresisOnBelowRule_RearmsOnlyAboveThresholdPlusHysteresis()
    {
        var (sut, fired) = Engine(PriceBelow(100) with { Hysteresis = 5 });

        FeedPrices(sut, 110, 100, 104, 99, 105, 100, 105.5, 99);

        Seconds(fired).ShouldBe([1, 7]);
    }

    [Fact]
    public void OnPrice_OtherSymbol_IsIgnored()
    {
        var (sut, fired) = Engine(PriceAbove(100));

        sut.OnPrice(Eth, Start, P(99));
        sut.OnPrice(Eth, Start + 1000, P(101));

        fired.ShouldBeEmpty();
    }

    [Fact]
    public void OnTrade_CrossingTrade_FiresAtTheTradeTime()
    {
        var (sut, fired) = Engine(PriceAbove(100));

        sut.OnTrade(new Trade(Btc, 1, P(99), new Quantity(1), Start, AggressorSide.Buyer));
        sut.OnTrade(new Trade(Btc, 2, P(100), new Quantity(1), Start + 7, AggressorSide.Buyer));

        fired.Single().TimeMs.ShouldBe(Start + 7);
    }

    [Fact]
    public void SetEnabled_Disabled_DoesNotFireAndEnabledAgainStartsFromTheNextValue()
    {
        var (sut, fired) = Engine(PriceAbove(100));
        FeedPrices(sut, 99);

        sut.SetEnabled("r1", false)!.Enabled.ShouldBeFalse();
        sut.OnPrice(Btc, Start + 1000, P(101));
        sut.OnPrice(Btc, Start + 2000, P(99));
        fired.ShouldBeEmpty();

        sut.SetEnabled("r1", true)!.Enabled.ShouldBeTrue();
        sut.OnPrice(Btc, Start + 3000, P(101)); // first value after enabling: only sets the side
        sut.OnPrice(Btc, Start + 4000, P(99));
        sut.OnPrice(Btc, Start + 5000, P(100));

        Seconds(fired).ShouldBe([5]);
        sut.Rules.Single().Enabled.ShouldBeTrue();
    }

    [Fact]
    public void SetEnabled_UnknownId_ReturnsNull()
    {
        var (sut, _) = Engine(PriceAbove(100));

        sut.SetEnabled("nope", false).ShouldBeNull();
    }

    [Fact]
    public void Remove_Rule_StopsFiringAndReturnsFalseTheSecondTime()
    {
        var (sut, fired) = Engine(PriceAbove(100));
        FeedPrices(sut, 99);

        sut.Remove("r1").ShouldBeTrue();
        sut.Remove("r1").ShouldBeFalse();
        sut.OnPrice(Btc, Start + 1000, P(101));

        fired.ShouldBeEmpty();
        sut.Rules.ShouldBeEmpty();
    }

    [Fact]
    public void Upsert_ChangedThreshold_UsesTheNewLevelAndKeepsTheCooldown()
    {
        var (sut, fired) = Engine(PriceAbove(100) with { CooldownS = 10 });
        FeedPrices(sut, 99, 101); // fires at 1 s

        sut.Upsert(PriceAbove(200) with { CooldownS = 10 });
        sut.OnPrice(Btc, Start + 2000, P(150));
        sut.OnPrice(Btc, Start + 3000, P(201)); // within the cooldown of the fire at 1 s
        sut.OnPrice(Btc, Start + 20_000, P(150));
        sut.OnPrice(Btc, Start + 21_000, P(200));

        Seconds(fired).ShouldBe([1, 21]);
        fired[1].Threshold.ShouldBe(200);
        sut.Find("r1")!.Threshold.ShouldBe(200);
    }

    [Fact]
    public void Add_DuplicateId_Throws()
    {
        var (sut, _) = Engine(PriceAbove(100));

        Should.Throw<ArgumentException>(() => sut.Add(PriceBelow(90, id: "r1"))).Message.ShouldContain("'r1' exists");
    }

    [Fact]
    public void Add_InvalidRule_ThrowsWithTheProblems()
    {
        var (sut, _) = Engine();

        var e = Should.Throw<AlertRuleException>(() => sut.Add(PriceAbove(double.NaN)));

        e.Problems.ShouldHaveSingleItem().ShouldContain("threshold NaN");
        sut.Rules.ShouldBeEmpty();
    }

    [Fact]
    public void Version_ChangesWithEveryRuleChange()
    {
        var (sut, _) = Engine();
        long v0 = sut.Version;
        sut.Add(PriceAbove(100));
        long v1 = sut.Version;
        sut.SetEnabled("r1", false);

        v1.ShouldBeGreaterThan(v0);
        sut.Version.ShouldBeGreaterThan(v1);
    }

    [Fact]
    public void Restore_StoredFire_KeepsTheLevelDisarmedAndTheCooldownRunning()
    {
        AlertRule rule = PriceAbove(100) with { CooldownS = 60 };
        var (first, fired) = Engine(rule);
        FeedPrices(first, 99, 101);
        AlertEvent stored = fired.Single();

        var (sut, refired) = Engine(rule);
        sut.Restore(stored);
        sut.OnPrice(Btc, Start + 10_000, P(102)); // still above after the restart: no second fire
        sut.OnPrice(Btc, Start + 20_000, P(99));
        sut.OnPrice(Btc, Start + 30_000, P(101)); // within 60 s of the stored fire: suppressed
        sut.OnPrice(Btc, Start + 70_000, P(99));
        sut.OnPrice(Btc, Start + 80_000, P(101));

        refired.Select(e => e.TimeMs).ShouldBe([Start + 80_000]);
        sut.Suppressed.ShouldBe(1);
    }

    [Fact]
    public void OnPrice_NoRuleFires_AllocatesNothing()
    {
        var (sut, fired) = Engine(PriceAbove(1_000_000), PriceBelow(1));
        Price[] prices = [P(60_000), P(60_001.5), P(59_999)];
        sut.OnPrice(Btc, Start, prices[0]); // warm up

        long allocated = SteadyAllocations.Of(() =>
        {
            for (int i = 0; i < 10_000; i++) sut.OnPrice(Btc, Start + i, prices[i % 3]);
        });

        allocated.ShouldBe(0);
        fired.ShouldBeEmpty();
    }

    [Fact]
    public async Task RuleChanges_FromAnotherThreadWhileEvaluating_NeverBreakEvaluation()
    {
        var (sut, fired) = Engine(PriceAbove(100, id: "stable"));
        using var stop = new CancellationTokenSource();
        Task changer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested && i < 100_000; i++)
            {
                sut.Upsert(PriceAbove(100, id: "churn") with { Enabled = i % 2 == 0 });
                sut.SetEnabled("churn", i % 3 == 0);
                if (i % 5 == 0) sut.Remove("churn");
            }
        });

        for (int i = 0; i < 200_000; i++) sut.OnPrice(Btc, Start + i, P(i % 2 == 0 ? 99 : 101));
        stop.Cancel();
        await changer;

        fired.Count(e => e.RuleId == "stable").ShouldBe(100_000);
    }

    [Fact]
    public void OnCrossover_TurnsOverUnderOver_FiresAtEachTurnAfterTheFirstDirection()
    {
        AlertRule rule = new() { Id = "x", Type = AlertType.Crossover, Symbol = Btc, CreatedMs = Start };
        var (sut, fired) = Engine(rule);

        CrossoverState[] states = [CrossoverState.Neutral, CrossoverState.Over, CrossoverState.Neutral, CrossoverState.Over, CrossoverState.Under, CrossoverState.Under, CrossoverState.Neutral, CrossoverState.Over];
        for (int i = 0; i < states.Length; i++) sut.OnCrossover(Btc, Interval.OneMinute, Start + i * 1000L, states[i], 101, 100);
        sut.OnCrossover(Btc, Interval.OneHour, Start + 9000, CrossoverState.Under); // other interval: ignored

        Seconds(fired).ShouldBe([4, 7]);
        fired.Select(e => e.Value).ShouldBe([-1.0, 1.0]);
        fired[1].Message.ShouldBe("BTCUSDT mid 101 crossed above its 1m SMA 100");
        fired[1].Values["sma"].ShouldBe(100);
    }

    [Fact]
    public void OnBookPressure_TurnsBidAskWithinCooldown_FiresOnceAndSuppressesTheNext()
    {
        AlertRule rule = new() { Id = "bp", Type = AlertType.BookPressure, Symbol = Btc, CooldownS = 5, CreatedMs = Start };
        var (sut, fired) = Engine(rule);

        BookPressure[] pressures = [BookPressure.Bid, BookPressure.Neutral, BookPressure.Bid, BookPressure.Ask, BookPressure.Bid, BookPressure.Neutral, BookPressure.Neutral, BookPressure.Neutral, BookPressure.Ask];
        for (int i = 0; i < pressures.Length; i++) sut.OnBookPressure(Btc, Start + i * 1000L, pressures[i], 0.5);

        Seconds(fired).ShouldBe([3, 8]);
        fired[0].Message.ShouldBe("BTCUSDT book pressure turned to the ask side");
        sut.Suppressed.ShouldBe(1);
    }
}
