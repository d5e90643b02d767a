using Tickwise.Core.Strategies;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Strategies;

public class CrossoverStrategyTests
{
    private static CrossoverStrategy Small(params string[] more) => CrossoverStrategy.Create(["fast=2", "slow=3", "ema=2", .. more]);

    [Fact]
    public void OnBars_UpCrossWithRisingEmaAbove_BothVariantsBuyStrong()
    {
        var sut = Small();
        var context = new RecordingContext();
        // SMA(2) vs SMA(3): at the 100 close fast = 75 > slow = 66.67 after being equal; EMA(2) = 83.33 rising, close above.
        context.Feed(sut, MakeBars(Fil, [50, 50, 50, 50, 100]));

        context.Signals.Count.ShouldBe(2);
        context.Signals.Select(s => s.Variant).ShouldBe(["A", "B"]);
        foreach (Signal s in context.Signals)
        {
            s.Side.ShouldBe(SignalSide.Buy);
            s.Strength.ShouldBe(SignalStrength.Strong);
            s.Price.ShouldBe(100m);
            s.TimeMs.ShouldBe(CloseMs(4));
            s.Reason.ShouldBe("sma(2) crossed above sma(3)");
            s.Strategy.ShouldBe("crossover");
        }
        context.Targets.Select(t => (t.Variant, t.Quantity)).ShouldBe([(0, 100m), (1, 100m)]); // all of 10000 equity at 100
    }

    [Fact]
    public void OnBars_FallOf12Then16Percent_StopsBAtTenThenAAtFifteen()
    {
        var sut = Small();
        var context = new RecordingContext();
        // After the entry at 100: 88 keeps fast (94) above slow (79.33) but is 12% down: B (10%) stops, A (15%) holds.
        // 84 is 16% down: A stops (the stop is checked before the cross below, which also happens here).
        context.Feed(sut, MakeBars(Fil, [50, 50, 50, 50, 100, 88, 84]));

        Signal[] exits = [.. context.Signals.Where(s => s.Side == SignalSide.Exit)];
        exits.Length.ShouldBe(2);
        exits[0].Variant.ShouldBe("B");
        exits[0].TimeMs.ShouldBe(CloseMs(5));
        exits[0].Reason.ShouldBe("stop-loss 10% below entry");
        exits[0].Strength.ShouldBe(SignalStrength.None);
        exits[1].Variant.ShouldBe("A");
        exits[1].TimeMs.ShouldBe(CloseMs(6));
        exits[1].Reason.ShouldBe("stop-loss 15% below entry");
        context.Targets.Skip(2).Select(t => (t.Variant, t.Quantity)).ShouldBe([(1, 0m), (0, 0m)]);
    }

    [Fact]
    public void OnBars_CrossBelowWithoutStop_BothExitModerate()
    {
        var sut = Small();
        var context = new RecordingContext();
        // 100, 100, 95: fast 97.5 < slow 98.33; close 95 is above EMA(2) = 94.81, so the down cross is MODERATE.
        context.Feed(sut, MakeBars(Fil, [50, 50, 50, 50, 100, 100, 95]));

        Signal[] exits = [.. context.Signals.Where(s => s.Side == SignalSide.Exit)];
        exits.Select(s => s.Variant).ShouldBe(["A", "B"]);
        exits.ShouldAllBe(s => s.Reason == "sma(2) crossed below sma(3)" && s.Strength == SignalStrength.Moderate && s.TimeMs == CloseMs(6));
    }

    [Fact]
    public void OnBars_UpCrossBelowTheEma_IsModerateAndConfirmSkipsIt()
    {
        decimal[] closes = [100, 100, 100, 100, 60, 60, 70]; // at 70: fast 65 > slow 63.33, EMA(4) = 72.64 above the close
        var moderate = new RecordingContext();
        CrossoverStrategy.Create("fast=2", "slow=3", "ema=4").Also(s => moderate.Feed(s, MakeBars(Fil, closes)));
        moderate.Signals.Count.ShouldBe(2);
        moderate.Signals.ShouldAllBe(s => s.Strength == SignalStrength.Moderate && s.Side == SignalSide.Buy && s.TimeMs == CloseMs(6));

        var confirmed = new RecordingContext();
        CrossoverStrategy.Create("fast=2", "slow=3", "ema=4", "confirm=1").Also(s => confirmed.Feed(s, MakeBars(Fil, closes)));
        confirmed.Signals.ShouldBeEmpty();
        confirmed.Targets.ShouldBeEmpty();
    }

    [Fact]
    public void OnBars_FixedNotional_SizesInQuoteCurrencyRoundedDown()
    {
        var context = new RecordingContext();
        context.Feed(Small("notional=1000"), MakeBars(Fil, [2, 2, 2, 2, 3]));
        context.Targets[0].Quantity.ShouldBe(333.33333333m);
    }

    [Fact]
    public void OnBars_BeforeWarmUp_SaysNothing()
    {
        var context = new RecordingContext();
        context.Feed(CrossoverStrategy.Create(), MakeBars(Fil, [.. Enumerable.Range(1, 19).Select(i => (decimal)i)]));
        context.Signals.ShouldBeEmpty();
    }

    [Fact]
    public void Reset_ThenSameBars_GivesTheSameSignals()
    {
        var sut = Small();
        var bars = MakeBars(Fil, [50, 50, 50, 50, 100, 88, 84, 90, 120, 130]);
        var first = new RecordingContext();
        first.Feed(sut, bars);
        sut.Reset();
        var second = new RecordingContext();
        second.Feed(sut, bars);
        second.Signals.ShouldBe(first.Signals);
        first.Signals.Count.ShouldBeGreaterThan(2);
    }

    [Theory]
    [InlineData("fast=20", "slow=5", "fast (20) must be shorter than slow (5)")]
    [InlineData("fast=0", "slow=5", "fast must lie in [1, 10000]")]
    [InlineData("stop_a=abc", "slow=5", "stop_a must be a number")]
    [InlineData("speed=3", "slow=5", "Unknown parameter 'speed'")]
    public void Create_BadParameters_ThrowsWithTheName(string one, string two, string expected) =>
        Should.Throw<ArgumentException>(() => CrossoverStrategy.Create(one, two)).Message.ShouldContain(expected);
}

internal static class TestExtensions
{
    public static void Also<T>(this T value, Action<T> action) => action(value);
}
