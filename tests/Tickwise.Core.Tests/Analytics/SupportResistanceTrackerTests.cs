using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Analytics.AnalyticsTestData;

namespace Tickwise.Core.Tests.Analytics;

public sealed class SupportResistanceTrackerTests
{
    [Fact]
    public void OnBar_RealHourlyBars_EqualsFindOnTheWindow()
    {
        Bar[] bars = RealBars.BtcHourly[..400];
        var options = new SupportResistanceOptions { LeftBars = 3, RightBars = 3, TolerancePercent = 0.3, MinTouches = 2 };
        var sut = new SupportResistanceTracker(bars[0].Symbol, Interval.OneHour, 168, options);

        for (int i = 0; i < bars.Length; i++)
        {
            sut.OnBar(bars[i]).ShouldBeTrue();
            if (i % 37 == 0 || i == bars.Length - 1)
                sut.Levels.ShouldBe(SupportResistance.Find(bars.AsSpan(Math.Max(0, i - 167), Math.Min(i + 1, 168)), options));
        }

        double last = bars[^1].Close.ToDouble();
        if (sut.NearestSupport is { } support) support.Price.ShouldBeLessThanOrEqualTo(last);
        if (sut.NearestResistance is { } resistance) resistance.Price.ShouldBeGreaterThan(last);
        sut.Levels.ShouldNotBeEmpty();
    }

    [Fact]
    public void NearestLevels_HandMadeSwings_AreTheClosestOnEachSide()
    {
        var sut = new SupportResistanceTracker(Btc, Interval.OneMinute, 50, new SupportResistanceOptions { LeftBars = 1, RightBars = 1 });
        (decimal H, decimal L)[] hl = [(10, 9), (12, 11), (11, 10), (14, 13), (11, 10), (12.02m, 11.02m), (11.5m, 11)];
        for (int i = 0; i < hl.Length; i++) sut.OnBar(MakeBar(hl[i].H, Start + i * 60_000L, high: hl[i].H, low: hl[i].L)); // last close 11.5

        sut.NearestSupport!.Value.Price.ShouldBe(10);
        sut.NearestResistance!.Value.Price.ShouldBe(12.01, 1e-12);
    }

    [Fact]
    public void OnBar_OtherSymbolIntervalOrLateBar_IsIgnored()
    {
        var sut = new SupportResistanceTracker(Btc, Interval.OneMinute, 10);
        sut.OnBar(MakeBar(10m, Start + 60_000)).ShouldBeTrue();

        sut.OnBar(MakeBar(10m, Start + 120_000, symbol: new Symbol("ETHUSDT"))).ShouldBeFalse();
        sut.OnBar(MakeBar(10m, Start + 3_600_000, Interval.OneHour)).ShouldBeFalse();
        sut.OnBar(MakeBar(10m, Start)).ShouldBeFalse();

        sut.OutOfOrderCount.ShouldBe(1);
        sut.Levels.ShouldBeEmpty();
        sut.NearestSupport.ShouldBeNull();
    }

    [Fact]
    public void Reset_AfterBars_ForgetsThem()
    {
        var sut = new SupportResistanceTracker(Btc, Interval.OneMinute, 10, new SupportResistanceOptions { LeftBars = 1, RightBars = 1 });
        decimal[] highs = [1, 3, 1, 3, 1];
        for (int i = 0; i < highs.Length; i++) sut.OnBar(MakeBar(highs[i], Start + i * 60_000L, high: highs[i], low: highs[i] - 0.5m));
        sut.Levels.ShouldNotBeEmpty();

        sut.Reset();

        sut.Levels.ShouldBeEmpty();
        sut.OnBar(MakeBar(1m, Start)).ShouldBeTrue(); // the old newest time is forgotten too
    }

    [Fact]
    public void Constructor_BadArguments_ThrowWithTheParameterName()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SupportResistanceTracker(Btc, Interval.OneMinute, 2)).ParamName.ShouldBe("windowBars");
        Should.Throw<ArgumentException>(() => new SupportResistanceTracker(default, Interval.OneMinute, 10)).ParamName.ShouldBe("symbol");
    }
}
