using Tickwise.Core.Alerts;
using Tickwise.Core.Indicators;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Alerts.AlertTestData;

namespace Tickwise.Core.Tests.Alerts;

public sealed partial class AlertEngineTests
{
    private static void FeedZ(AlertEngine sut, params double[] zScores)
    {
        for (int i = 0; i < zScores.Length; i++) sut.OnPairSnapshot(Snapshot(Start + i * 60_000L, zScores[i]), Interval.OneMinute);
    }

    private static long[] Minutes(List<AlertEvent> fired) => [.. fired.Select(e => (e.TimeMs - Start) / 60_000)];

    [Fact]
    public void OnPairSnapshot_ZScoreAbove_FiresAtCrossingAndSkipsNaN()
    {
        var (sut, fired) = Engine(PairRule(AlertType.ZScoreAbove, 2));

        FeedZ(sut, 1.5, double.NaN, 2.0, 2.5, 1.9, double.NaN, 2.1);

        Minutes(fired).ShouldBe([2, 6]);
        fired[0].Pair.ShouldBe(new AlertPair(Btc, Eth));
        fired[0].Symbol.ShouldBeNull();
        fired[0].Values["hedge_ratio"].ShouldBe(24);
        fired[0].Values["spread"].ShouldBe(10);
        fired[0].Message.ShouldBe("BTCUSDT/ETHUSDT 1m spread z-score 2 rose to 2 or above");
    }

    [Fact]
    public void OnPairSnapshot_ZScoreBelow_FiresOnlyAtDownwardCrossings()
    {
        var (sut, fired) = Engine(PairRule(AlertType.ZScoreBelow, -2));

        FeedZ(sut, 0, -1.99, -2, -3, -1.5, -2.2, 2.5);

        Minutes(fired).ShouldBe([2, 5]);
        fired.Select(e => e.Threshold).ShouldBe([-2.0, -2.0]);
    }

    [Fact]
    public void OnPairSnapshot_ZScoreCrossWithExtremeLevel_FiresBothWaysAndEscalatesTheExtreme()
    {
        var (sut, fired) = Engine(PairRule(AlertType.ZScoreCross, 2, threshold2: 3) with { Priority = AlertPriority.Low });

        //      0    1    2    3    4     5     6
        FeedZ(sut, 0, 2.1, 3.2, 0.5, -2.0, -3.0, 0);

        fired.Select(e => ((e.TimeMs - Start) / 60_000, e.Threshold, e.Priority)).ShouldBe(
        [
            (1, 2.0, AlertPriority.Low), (2, 3.0, AlertPriority.High), (4, -2.0, AlertPriority.Low), (5, -3.0, AlertPriority.High),
        ]);
        fired[1].Id.ShouldBe($"p1:{Start + 120_000}:extreme");
        fired[2].Id.ShouldBe($"p1:{Start + 240_000}:lower");
        fired[3].Message.ShouldStartWith("extreme: ");
    }

    [Fact]
    public void OnPairSnapshot_CorrelationBelow_FiresWhenCorrelationBreaksDown()
    {
        var (sut, fired) = Engine(PairRule(AlertType.CorrelationBelow, 0.5) with { Hysteresis = 0.1 });

        double[] correlations = [0.9, 0.6, 0.5, 0.3, 0.55, 0.2, 0.61, 0.49];
        for (int i = 0; i < correlations.Length; i++) sut.OnPairSnapshot(Snapshot(Start + i * 60_000L, 0, correlations[i]), Interval.OneMinute);

        Minutes(fired).ShouldBe([2, 7]);
        fired[0].Values["correlation"].ShouldBe(0.5);
    }

    [Fact]
    public void OnPairSnapshot_OtherIntervalOrLegsSwapped_IsIgnored()
    {
        var (sut, fired) = Engine(PairRule(AlertType.ZScoreAbove, 2));

        sut.OnPairSnapshot(Snapshot(Start, 0), Interval.OneHour);
        sut.OnPairSnapshot(Snapshot(Start + 60_000, 3), Interval.OneHour);
        sut.OnPairSnapshot(Snapshot(Start, 0) with { SymbolA = Eth, SymbolB = Btc }, Interval.OneMinute);
        sut.OnPairSnapshot(Snapshot(Start + 60_000, 3) with { SymbolA = Eth, SymbolB = Btc }, Interval.OneMinute);

        fired.ShouldBeEmpty();
    }

    [Fact]
    public void OnBarClosed_VolumeSpike_ComparesWithTheMeanOfThePreviousWindowBars()
    {
        AlertRule rule = new() { Id = "v", Type = AlertType.VolumeSpike, Symbol = Btc, Threshold = 2, Window = 3, CreatedMs = Start };
        var (sut, fired) = Engine(rule);

        // Mean of the 3 bars before: bar 3 -> 10 (ratio 1: the first defined ratio only sets the side), bar 4 -> 10 (2.5: fires),
        // bar 5 -> 15 (0.67: rearms), bar 6 -> 15 (exactly 2: fires), bar 7 -> 21.7.
        decimal[] volumes = [10, 10, 10, 10, 25, 10, 30, 1];
        for (int i = 0; i < volumes.Length; i++) sut.OnBarClosed(MakeBar(Start + i * 60_000L, 100, volumes[i]));

        fired.Select(e => e.TimeMs).ShouldBe([Start + 5 * 60_000, Start + 7 * 60_000], "stamped at the bar's close");
        fired.Select(e => e.Value).ShouldBe([2.5, 2.0]);
        fired[0].Values["mean_volume"].ShouldBe(10);
        fired[0].Values["volume"].ShouldBe(25);
    }

    [Fact]
    public void OnBarClosed_VolumeSpikeOnOtherIntervalOrZeroMean_DoesNotFire()
    {
        AlertRule rule = new() { Id = "v", Type = AlertType.VolumeSpike, Symbol = Btc, Threshold = 2, Window = 2, CreatedMs = Start };
        var (sut, fired) = Engine(rule);

        sut.OnBarClosed(MakeBar(Start, 100, 0));
        sut.OnBarClosed(MakeBar(Start + 60_000, 100, 0));
        sut.OnBarClosed(MakeBar(Start + 120_000, 100, 5)); // mean 0: undefined ratio, skipped
        sut.OnBarClosed(MakeBar(Start, 100, 1000, Interval.OneHour));

        fired.ShouldBeEmpty();
    }

    [Fact]
    public void OnBarClosed_VolatilityChange_FiresAtTheBarWhereTheRatioOfTheBatchReferencesCrosses()
    {
        AlertRule rule = new() { Id = "vol", Type = AlertType.VolatilityChange, Symbol = Btc, Threshold = 2, Window = 10, ShortWindow = 3, CreatedMs = Start };
        var (sut, fired) = Engine(rule);
        double[] closes = [100, 100.1, 100, 100.1, 100.05, 100.1, 100, 100.1, 100, 100.05, 100.1, 100, 101, 99.5, 101.5, 100, 100.1, 100, 100.1, 100, 100.1, 100, 100.1, 100.05, 100.1, 102, 99];
        double[] shortVol = RealizedVolatility.Batch(closes, 3), longVol = RealizedVolatility.Batch(closes, 10);
        var expected = new List<int>();
        bool armed = false, known = false;
        for (int i = 0; i < closes.Length; i++)
        {
            double ratio = shortVol[i] / longVol[i];
            if (double.IsNaN(ratio)) continue;
            if (known && armed && ratio >= 2) expected.Add(i);
            armed = ratio < 2;
            known = true;
        }

        for (int i = 0; i < closes.Length; i++) sut.OnBarClosed(MakeBar(Start + i * 60_000L, closes[i], 1));

        expected.Count.ShouldBeGreaterThanOrEqualTo(2, "the series is built to cross twice");
        fired.Select(e => (int)((e.TimeMs - Start) / 60_000) - 1).ShouldBe(expected);
        fired[0].Values["ratio"].ShouldBe(shortVol[expected[0]] / longVol[expected[0]], 1e-9);
    }

    [Fact]
    public void OnBarClosed_VolatilityChangeBelowOne_FiresWhenVolatilityContracts()
    {
        AlertRule rule = new() { Id = "calm", Type = AlertType.VolatilityChange, Symbol = Btc, Threshold = 0.5, Window = 6, ShortWindow = 2, CreatedMs = Start };
        var (sut, fired) = Engine(rule);
        double[] closes = [100, 102, 99, 103, 98, 102, 100, 101, 100.9, 101, 100.9];

        for (int i = 0; i < closes.Length; i++) sut.OnBarClosed(MakeBar(Start + i * 60_000L, closes[i], 1));

        AlertEvent alert = fired.ShouldHaveSingleItem();
        alert.Value.ShouldBeLessThanOrEqualTo(0.5);
        alert.Message.ShouldContain("fell to 0.5 or below");
    }
}
