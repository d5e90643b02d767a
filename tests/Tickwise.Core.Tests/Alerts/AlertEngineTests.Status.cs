using Tickwise.Core.Alerts;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Alerts.AlertTestData;

namespace Tickwise.Core.Tests.Alerts;

/// <summary><see cref="AlertEngine.StatusOf"/>: why a rule has or has not fired yet.</summary>
public sealed partial class AlertEngineTests
{
    [Fact]
    public void StatusOf_PriceRuleThroughItsLife_NoValueArmedPassedArmedAgain()
    {
        var (sut, _) = Engine(PriceAbove(100) with { Hysteresis = 1 });
        sut.StatusOf("r1").ShouldBe(new AlertRuleStatus(AlertRuleStatus.NoValue, double.NaN, null));

        FeedPrices(sut, 99);
        sut.StatusOf("r1").ShouldBe(new AlertRuleStatus(AlertRuleStatus.Armed, 99, null));

        FeedPrices(sut, 99, 100.5);
        sut.StatusOf("r1").ShouldBe(new AlertRuleStatus(AlertRuleStatus.Passed, 100.5, Start + 1000));

        sut.OnPrice(Btc, Start + 2000, P(99.5)); // back, but not beyond the hysteresis
        sut.StatusOf("r1")!.State.ShouldBe(AlertRuleStatus.Passed);
        sut.OnPrice(Btc, Start + 3000, P(98.9));
        sut.StatusOf("r1").ShouldBe(new AlertRuleStatus(AlertRuleStatus.Armed, 98.9, Start + 1000));
    }

    [Fact]
    public void StatusOf_FirstPriceAlreadyBeyondTheLevel_IsPassedWithoutAFire()
    {
        var (sut, fired) = Engine(PriceBelow(100));

        FeedPrices(sut, 95);

        sut.StatusOf("r2").ShouldBe(new AlertRuleStatus(AlertRuleStatus.Passed, 95, null));
        fired.ShouldBeEmpty();
    }

    [Fact]
    public void StatusOf_ZScoreCrossBeyondTheUpperLevel_IsStillArmedOnTheLowerOne()
    {
        var (sut, _) = Engine(PairRule(AlertType.ZScoreCross, 2));

        sut.OnPairSnapshot(Snapshot(Start, 2.5), Interval.OneMinute);

        sut.StatusOf("p1")!.State.ShouldBe(AlertRuleStatus.Armed);
    }

    [Fact]
    public void StatusOf_CrossoverRule_NoValueUntilADirectionThenArmed()
    {
        AlertRule rule = new() { Id = "x", Type = AlertType.Crossover, Symbol = Btc, CreatedMs = Start };
        var (sut, _) = Engine(rule);

        sut.OnCrossover(Btc, Interval.OneMinute, Start, CrossoverState.Neutral);
        sut.StatusOf("x")!.State.ShouldBe(AlertRuleStatus.NoValue);
        sut.OnCrossover(Btc, Interval.OneMinute, Start + 1000, CrossoverState.Over);
        sut.StatusOf("x")!.State.ShouldBe(AlertRuleStatus.Armed);
    }

    [Fact]
    public void StatusOf_DisabledOrReplacedOrUnknown_SaysSo()
    {
        var (sut, _) = Engine(PriceAbove(100));
        FeedPrices(sut, 99, 101);

        sut.SetEnabled("r1", false);
        sut.StatusOf("r1")!.State.ShouldBe(AlertRuleStatus.Disabled);
        sut.SetEnabled("r1", true);
        sut.StatusOf("r1").ShouldBe(new AlertRuleStatus(AlertRuleStatus.NoValue, double.NaN, Start + 1000), "enabled again: starts afresh, keeps its last fire");
        sut.StatusOf("nope").ShouldBeNull();
    }
}
