using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Analytics.AnalyticsTestData;

namespace Tickwise.Core.Tests.Analytics;

public sealed class BarWindowStatisticsTests
{
    // Rolling Welford against two-pass sums over BTC prices near 30000: agreement to rounding (relative).
    private const double RollingVsBatch = 1e-9;

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(168)]
    public void OnBar_RealHourlyBars_MatchesTheBatchReferenceAtEveryBar(int window)
    {
        Bar[] bars = RealBars.BtcHourly[..600];
        var sut = new BarWindowStatistics(bars[0].Symbol, Interval.OneHour, window);

        for (int i = 0; i < bars.Length; i++)
        {
            sut.OnBar(bars[i]).ShouldBeTrue();
            BarWindowSummary expected = BarWindowStatistics.Compute(bars.AsSpan(Math.Max(0, i - window + 1), Math.Min(i + 1, window)));
            BarWindowSummary actual = sut.Summary;
            actual.Count.ShouldBe(expected.Count);
            actual.FirstOpenTimeMs.ShouldBe(expected.FirstOpenTimeMs);
            actual.LastOpenTimeMs.ShouldBe(expected.LastOpenTimeMs);
            actual.LastPrice.ShouldBe(expected.LastPrice);
            actual.Min.ShouldBe(expected.Min);
            actual.Max.ShouldBe(expected.Max);
            actual.Volume.ShouldBe(expected.Volume);
            actual.QuoteVolume.ShouldBe(expected.QuoteVolume);
            actual.TradeCount.ShouldBe(expected.TradeCount);
            actual.Return.ShouldBe(expected.Return, 1e-15);
            actual.Mean.ShouldBe(expected.Mean, RollingVsBatch * expected.Mean);
            if (expected.Count > 1) actual.StdDev.ShouldBe(expected.StdDev, RollingVsBatch * expected.Mean);
            else double.IsNaN(actual.StdDev).ShouldBeTrue();
        }
    }

    [Fact]
    public void Compute_HandMadeBars_GivesEachStatistic()
    {
        Bar[] bars =
        [
            MakeBar(10m, Start, high: 12m, low: 9m, volume: 2m, trades: 3),
            MakeBar(11m, Start + 60_000, high: 11.5m, low: 8m, volume: 1.5m, trades: 4),
            MakeBar(13m, Start + 120_000, high: 14m, low: 10m, volume: 0.5m, trades: 5),
        ];

        BarWindowSummary sut = BarWindowStatistics.Compute(bars);

        sut.Count.ShouldBe(3);
        sut.LastPrice.ShouldBe(13);
        sut.Mean.ShouldBe(34.0 / 3, 1e-12);
        sut.StdDev.ShouldBe(Math.Sqrt(((10 - 34.0 / 3) * (10 - 34.0 / 3) + (11 - 34.0 / 3) * (11 - 34.0 / 3) + (13 - 34.0 / 3) * (13 - 34.0 / 3)) / 2), 1e-12);
        sut.Min.ShouldBe(8);
        sut.Max.ShouldBe(14);
        sut.Return.ShouldBe(13.0 / 10 - 1, 1e-15);
        sut.Volume.ShouldBe(4m);
        sut.TradeCount.ShouldBe(12);
        sut.FirstOpenTimeMs.ShouldBe(Start);
        sut.LastOpenTimeMs.ShouldBe(Start + 120_000);
    }

    [Fact]
    public void Summary_NoBar_IsEmptyWithNaNPrices()
    {
        var sut = new BarWindowStatistics(Btc, Interval.OneMinute, 5);

        BarWindowSummary s = sut.Summary;

        s.Count.ShouldBe(0);
        double.IsNaN(s.Mean).ShouldBeTrue();
        double.IsNaN(s.LastPrice).ShouldBeTrue();
        s.Volume.ShouldBe(0m);
        BarWindowStatistics.Compute([]).Count.ShouldBe(0);
    }

    [Fact]
    public void OnBar_DuplicateOrLateBar_IsIgnoredAndCounted()
    {
        var sut = new BarWindowStatistics(Btc, Interval.OneMinute, 5);
        sut.OnBar(MakeBar(10m, Start + 60_000));

        sut.OnBar(MakeBar(10m, Start + 60_000)).ShouldBeFalse();
        sut.OnBar(MakeBar(99m, Start)).ShouldBeFalse();

        sut.OutOfOrderCount.ShouldBe(2);
        sut.Summary.Count.ShouldBe(1);
        sut.Summary.Volume.ShouldBe(1m);
    }

    [Fact]
    public void OnBar_SeveralIntervals_EachInstanceKeepsItsOwn()
    {
        var minute = new BarWindowStatistics(Btc, Interval.OneMinute, 3);
        var hour = new BarWindowStatistics(Btc, Interval.OneHour, 3);
        Bar[] bars = [MakeBar(10m, Start), MakeBar(20m, Start, Interval.OneHour), MakeBar(12m, Start + 60_000), MakeBar(5m, Start, symbol: new Symbol("ETHUSDT"))];

        foreach (Bar bar in bars)
        {
            minute.OnBar(bar);
            hour.OnBar(bar);
        }

        minute.Summary.Count.ShouldBe(2);
        minute.Summary.Mean.ShouldBe(11);
        hour.Summary.Count.ShouldBe(1);
        hour.Summary.LastPrice.ShouldBe(20);
    }

    [Fact]
    public void OnBar_ZeroFirstOpen_ReturnIsNaN()
    {
        var sut = new BarWindowStatistics(Btc, Interval.OneMinute, 3);
        sut.OnBar(new Bar(Btc, Interval.OneMinute, Start, P(0m), P(5m), P(0m), P(5m), 1m, 5m, 1, 0m, 0m));

        double.IsNaN(sut.Summary.Return).ShouldBeTrue();
    }

    [Fact]
    public void Reset_AfterBars_RestoresTheStartState()
    {
        var sut = new BarWindowStatistics(Btc, Interval.OneMinute, 3);
        for (int i = 0; i < 5; i++) sut.OnBar(MakeBar(10m + i, Start + i * 60_000L));
        sut.OnBar(MakeBar(1m, Start));

        sut.Reset();
        sut.OnBar(MakeBar(7m, Start));

        sut.OutOfOrderCount.ShouldBe(0);
        sut.Summary.Count.ShouldBe(1);
        sut.Summary.Max.ShouldBe(7);
        sut.Summary.Volume.ShouldBe(1m);
    }

    [Fact]
    public void Constructor_BadArguments_ThrowWithTheParameterName()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BarWindowStatistics(Btc, Interval.OneMinute, 0)).ParamName.ShouldBe("windowBars");
        Should.Throw<ArgumentException>(() => new BarWindowStatistics(default, Interval.OneMinute, 5)).ParamName.ShouldBe("symbol");
    }

    [Fact]
    public void Compute_MixedSymbols_Throws()
    {
        Should.Throw<ArgumentException>(() => BarWindowStatistics.Compute([MakeBar(1m, Start), MakeBar(1m, Start, symbol: new Symbol("ETHUSDT"))]))
            .ParamName.ShouldBe("bars");
    }
}
