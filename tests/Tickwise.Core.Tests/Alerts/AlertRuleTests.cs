using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Alerts.AlertTestData;

namespace Tickwise.Core.Tests.Alerts;

public class AlertRuleTests
{
    public static TheoryData<string, AlertRule, string> InvalidRules => new()
    {
        { "no id", PriceAbove(1) with { Id = "" }, "id is missing" },
        { "bad id", PriceAbove(1) with { Id = "a b" }, "id 'a b' must have" },
        { "long id", PriceAbove(1) with { Id = new string('x', 65) }, "must have 1 to 64" },
        { "unknown type", PriceAbove(1) with { Type = (AlertType)99 }, "type 99 is unknown" },
        { "no symbol", PriceAbove(1) with { Symbol = null }, "a price_above rule needs a symbol" },
        { "pair on symbol rule", PriceAbove(1) with { Pair = new AlertPair(Btc, Eth) }, "give symbol, not pair" },
        { "no pair", PairRule(AlertType.ZScoreAbove, 2) with { Pair = null }, "a zscore_above rule needs a pair" },
        { "same legs", PairRule(AlertType.ZScoreAbove, 2) with { Pair = new AlertPair(Btc, Btc) }, "not BTCUSDT twice" },
        { "symbol on pair rule", PairRule(AlertType.CorrelationBelow, 0.5) with { Symbol = Btc }, "give pair, not symbol" },
        { "no interval", PriceAbove(1) with { Interval = default }, "interval is missing" },
        { "NaN threshold", PriceAbove(double.NaN), "threshold NaN must be a finite number" },
        { "infinite threshold", PriceAbove(double.PositiveInfinity), "must be a finite number" },
        { "negative price", PriceAbove(-5), "must be a positive price" },
        { "zero price", PriceBelow(0), "must be a positive price" },
        { "absurd price", PriceAbove(1e300), "must be a positive price" },
        { "nine decimals", PriceAbove(0.000000001), "at most 8 decimals" },
        { "negative cross", PairRule(AlertType.ZScoreCross, -2), "must be positive" },
        { "correlation above 1", PairRule(AlertType.CorrelationBelow, 1.5), "must lie in [-1, 1]" },
        { "negative spike", PriceAbove(1) with { Type = AlertType.VolumeSpike, Threshold = -3 }, "must be a positive ratio" },
        { "extreme inside", PairRule(AlertType.ZScoreAbove, 2, threshold2: 1.5), "must be above threshold 2" },
        { "extreme inside below", PairRule(AlertType.ZScoreBelow, -2, threshold2: -1), "must be below threshold -2" },
        { "threshold2 on price", PriceAbove(1) with { Threshold2 = 5 }, "threshold2 applies to z-score rules only" },
        { "NaN threshold2", PairRule(AlertType.ZScoreAbove, 2, threshold2: double.NaN), "threshold2 NaN must be a finite number" },
        { "negative cooldown", PriceAbove(1) with { CooldownS = -1 }, "cooldown_s -1 must be" },
        { "NaN cooldown", PriceAbove(1) with { CooldownS = double.NaN }, "cooldown_s NaN" },
        { "absurd cooldown", PriceAbove(1) with { CooldownS = 1e12 }, "one year" },
        { "negative hysteresis", PriceAbove(1) with { Hysteresis = -0.5 }, "hysteresis -0.5 must be" },
        { "infinite hysteresis", PriceAbove(1) with { Hysteresis = double.PositiveInfinity }, "hysteresis Infinity must be" },
        { "bad priority", PriceAbove(1) with { Priority = (AlertPriority)7 }, "priority is unknown" },
        { "negative created", PriceAbove(1) with { CreatedMs = -1 }, "created_ms -1" },
        { "window on price", PriceAbove(1) with { Window = 5 }, "window does not apply to price_above" },
        { "zero spike window", PriceAbove(1) with { Type = AlertType.VolumeSpike, Threshold = 3, Window = 0 }, "window 0 must lie in [1, 100000]" },
        { "short pair window", PairRule(AlertType.ZScoreAbove, 2) with { Window = 10 }, "window 10 must lie in [20, 100000]" },
        { "short_window on spike", PriceAbove(1) with { Type = AlertType.VolumeSpike, Threshold = 3, ShortWindow = 5 }, "short_window applies to volatility_change" },
        { "short not shorter", PriceAbove(1) with { Type = AlertType.VolatilityChange, Threshold = 2, Window = 10, ShortWindow = 10 }, "short_window 10 must be shorter than window 10" },
        { "short of one", PriceAbove(1) with { Type = AlertType.VolatilityChange, Threshold = 2, ShortWindow = 1 }, "short_window 1 must be at least 2" },
        { "ftp webhook", PriceAbove(1) with { Webhook = "ftp://example.com/x" }, "must be an absolute http:// or https:// URL" },
        { "relative webhook", PriceAbove(1) with { Webhook = "/hook" }, "must be an absolute" },
        { "control in name", PriceAbove(1) with { Name = "a\nb" }, "control characters" },
        { "huge name", PriceAbove(1) with { Name = new string('n', 201) }, "at most 200" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void FindProblems_InvalidRule_SaysWhatIsWrong(string why, AlertRule sut, string expected)
    {
        IReadOnlyList<string> problems = sut.FindProblems();

        problems.ShouldContain(p => p.Contains(expected), $"{why}: {string.Join(" | ", problems)}");
        Should.Throw<AlertRuleException>(sut.Validate).Message.ShouldContain(expected);
    }

    [Fact]
    public void FindProblems_SeveralProblems_ListsThemAll()
    {
        AlertRule sut = PriceAbove(-1) with { Id = "", CooldownS = -1, Hysteresis = -1 };

        sut.FindProblems().Count.ShouldBe(4);
    }

    public static TheoryData<AlertRule> ValidRules => new()
    {
        PriceAbove(62000),
        PriceBelow(0.00000001) with { CooldownS = 0, Hysteresis = 0 },
        PairRule(AlertType.ZScoreAbove, 2, threshold2: 3) with { Window = 100 },
        PairRule(AlertType.ZScoreBelow, -2, threshold2: -3),
        PairRule(AlertType.ZScoreCross, 2),
        PairRule(AlertType.CorrelationBelow, -1),
        new AlertRule { Id = "v.1_x-y", Type = AlertType.VolumeSpike, Symbol = Btc, Threshold = 3, Window = 1, Interval = Interval.OneHour },
        new AlertRule { Id = "vc", Type = AlertType.VolatilityChange, Symbol = Btc, Threshold = 0.5, Window = 3, ShortWindow = 2 },
        new AlertRule { Id = "x", Type = AlertType.Crossover, Symbol = Btc, Window = 20, CooldownS = 366 * 86_400 },
        new AlertRule { Id = "b", Type = AlertType.BookPressure, Symbol = Btc, Webhook = "https://example.com/hook?x=1", Priority = AlertPriority.High },
    };

    [Theory]
    [MemberData(nameof(ValidRules))]
    public void FindProblems_ValidRule_IsEmpty(AlertRule sut)
    {
        sut.FindProblems().ShouldBeEmpty();
        Should.NotThrow(sut.Validate);
    }

    [Fact]
    public void EffectiveWindow_NoWindow_TakesTheTypesDefault()
    {
        PriceAbove(1).EffectiveWindow.ShouldBe(AlertRule.DefaultWindow);
        PairRule(AlertType.ZScoreAbove, 2).EffectiveWindow.ShouldBe(AlertRule.DefaultPairWindow);
        (PriceAbove(1) with { Window = 7 }).EffectiveWindow.ShouldBe(7);
        PriceAbove(1).EffectiveShortWindow.ShouldBe(AlertRule.DefaultShortWindow);
    }

    [Fact]
    public void CooldownMs_FractionalSeconds_RoundsToTheMillisecond()
    {
        (PriceAbove(1) with { CooldownS = 2.0007 }).CooldownMs.ShouldBe(2001);
    }

    [Fact]
    public void Describe_PairRule_NamesTypeLegsIntervalAndThreshold()
    {
        PairRule(AlertType.ZScoreCross, 2.5).Describe().ShouldBe("zscore_cross BTCUSDT,ETHUSDT 1m 2.5");
    }
}
