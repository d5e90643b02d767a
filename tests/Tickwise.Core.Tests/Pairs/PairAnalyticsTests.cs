using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Statistics;

namespace Tickwise.Core.Tests.Pairs;

public sealed class PairAnalyticsTests
{
    // The snapshot must equal the batch functions on the same window: same code, same order, so only the rolling
    // (running-moment) parts differ, and by rounding.
    private const double SameComputation = 1e-12;
    private const double RunningMoments = 1e-7;

    private static readonly Symbol Eth = new("ETHUSDT");
    private static readonly Symbol Btc = new("BTCUSDT");
    private const long Start = 1_700_000_000_000 / 60_000 * 60_000;

    private static PairSnapshot? Feed(PairAnalytics sut, double[] a, double[] b)
    {
        PairSnapshot? last = null;
        for (int i = 0; i < a.Length; i++) last = sut.Update(Start + i * 60_000L, a[i], b[i]);
        return last;
    }

    [Fact]
    public void Update_WindowNotFull_ReportsNotEnoughDataButKalman()
    {
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 50, ZScoreBars = 20 });

        PairSnapshot s = Feed(sut, PairReferences.Slice("ETH", 0, 49), PairReferences.Slice("BTC", 0, 49))!;

        s.IsReady.ShouldBeFalse();
        s.Observations.ShouldBe(49);
        s.WindowOls.Status.ShouldBe(StatisticStatus.NotEnoughData);
        s.Cointegration.Status.ShouldBe(StatisticStatus.NotEnoughData);
        s.HalfLife.Status.ShouldBe(StatisticStatus.NotEnoughData);
        s.ZScoreStatus.ShouldBe(StatisticStatus.NotEnoughData);
        double.IsNaN(s.ZScore).ShouldBeTrue();
        double.IsNaN(s.Spread).ShouldBeTrue();
        s.Kalman.Status.ShouldBe(StatisticStatus.Ok);
    }

    [Theory]
    [InlineData(HedgeMethod.WindowOls)]
    [InlineData(HedgeMethod.Huber)]
    [InlineData(HedgeMethod.TheilSen)]
    [InlineData(HedgeMethod.Kalman)]
    public void Update_SpreadOnly_SameSpreadAsTheFullSnapshotAndTheRestLeftOut(HedgeMethod method)
    {
        var options = new PairAnalyticsOptions { WindowBars = 60, ZScoreBars = 30, SpreadMethod = method };
        var full = new PairAnalytics(Eth, Btc, options);
        var sut = new PairAnalytics(Eth, Btc, options with { SpreadOnly = true });
        double[] eth = PairReferences.Slice("ETH", 0, 120), btc = PairReferences.Slice("BTC", 0, 120);

        for (int i = 0; i < eth.Length; i++)
        {
            PairSnapshot expected = full.Update(Start + i * 60_000L, eth[i], btc[i])!;
            PairSnapshot s = sut.Update(Start + i * 60_000L, eth[i], btc[i])!;
            s.Hedge(method).ShouldBe(expected.Hedge(method));
            s.WindowOls.ShouldBe(expected.WindowOls);
            s.Spread.ShouldBe(expected.Spread);
            s.ZScore.ShouldBe(expected.ZScore);
            s.Correlation.ShouldBe(expected.Correlation);
        }

        PairSnapshot last = sut.Last!;
        last.IsReady.ShouldBeTrue();
        last.Spread.ShouldNotBe(double.NaN);
        last.Cointegration.Status.ShouldBe(StatisticStatus.NotComputed);
        last.HalfLife.Status.ShouldBe(StatisticStatus.NotComputed);
        if (method != HedgeMethod.Huber) last.Huber.Status.ShouldBe(StatisticStatus.NotComputed);
        if (method != HedgeMethod.TheilSen) last.TheilSen.Status.ShouldBe(StatisticStatus.NotComputed);
    }

    [Fact]
    public void Update_FullWindowOfBinanceCloses_EqualsTheBatchFunctions()
    {
        const int window = 240, bars = 400;
        double[] eth = PairReferences.Slice("ETH", 12_500, bars), btc = PairReferences.Slice("BTC", 12_500, bars);
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = window, ZScoreBars = 60, ComputeSpearman = true });

        PairSnapshot s = Feed(sut, eth, btc)!;

        double[] a = eth[^window..], b = btc[^window..];
        s.IsReady.ShouldBeTrue();
        s.TimestampMs.ShouldBe(Start + (bars - 1) * 60_000L);
        OlsResult ols = Ols.Fit(a, [b]);
        s.WindowOls.HedgeRatio.ShouldBe(ols.Coefficients[1], SameComputation);
        s.WindowOls.Intercept.ShouldBe(ols.Coefficients[0], SameComputation * Math.Abs(ols.Coefficients[0]));
        s.RollingOls.HedgeRatio.ShouldBe(ols.Coefficients[1], RunningMoments * Math.Abs(ols.Coefficients[1]));
        HuberResult huber = Huber.Fit(a, [b]);
        s.Huber.HedgeRatio.ShouldBe(huber.Coefficients[1], SameComputation);
        s.TheilSen.HedgeRatio.ShouldBe(TheilSen.FitSampled(b, a).Slope, SameComputation);
        var kalman = new KalmanHedge(1e-4, null);
        for (int i = 0; i < bars; i++) kalman.Update(btc[i], eth[i]);
        s.Kalman.HedgeRatio.ShouldBe(kalman.Slope);

        EngleGrangerResult eg = EngleGranger.Test(a, b);
        s.Cointegration.Statistic.ShouldBe(eg.Statistic, SameComputation);
        s.Cointegration.PValue.ShouldBe(eg.PValue, SameComputation);
        double[] spread = a.Select((v, i) => v - (ols.Coefficients[1] * b[i] + ols.Coefficients[0])).ToArray();
        s.Spread.ShouldBe(spread[^1], 1e-9);
        s.ZScore.ShouldBe(Core.Indicators.ZScore.Batch(spread, 60)[^1], 1e-9);
        s.HalfLife.HalfLife.ShouldBe(HalfLife.Estimate(spread).HalfLife, 1e-9);

        double[] ra = LogReturns(a), rb = LogReturns(b);
        s.CorrelationStatus.ShouldBe(StatisticStatus.Ok);
        s.Correlation.ShouldBe(Correlation.Pearson(rb, ra), RunningMoments);
        s.SpearmanCorrelation.ShouldBe(RankCorrelation.Spearman(ra, rb), SameComputation);
    }

    private static double[] LogReturns(double[] closes) =>
        Enumerable.Range(1, closes.Length - 1).Select(i => Math.Log(closes[i] / closes[i - 1])).ToArray();

    [Fact]
    public void Update_SimulatedCointegratedPair_FindsTheRelationByEveryMethod()
    {
        var random = new Random(99);
        int n = 600;
        double[] a = new double[n], b = new double[n];
        double level = 1000, noise = 0;
        for (int i = 0; i < n; i++)
        {
            level += 5 * (random.NextDouble() - 0.5);
            noise = 0.8 * noise + (random.NextDouble() - 0.5);
            b[i] = level;
            a[i] = 0.5 * level + 20 + noise;
        }

        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 300, SpreadMethod = HedgeMethod.Huber });
        PairSnapshot s = Feed(sut, a, b)!;

        foreach (HedgeMethod method in Enum.GetValues<HedgeMethod>())
        {
            s.Hedge(method).Status.ShouldBe(StatisticStatus.Ok);
            s.Hedge(method).HedgeRatio.ShouldBe(0.5, 0.02, method.ToString());
        }

        s.Cointegration.PValue.ShouldBeLessThan(0.01);
        s.HalfLife.Status.ShouldBe(StatisticStatus.Ok);
        s.HalfLife.HalfLife.ShouldBe(Math.Log(2) / 0.2, 2); // AR(1) with 0.8: slope -0.2
        s.ZScoreStatus.ShouldBe(StatisticStatus.Ok);
        s.SpreadMethod.ShouldBe(HedgeMethod.Huber);
        Math.Abs(s.ZScore).ShouldBeLessThan(5);
    }

    [Theory]
    [InlineData(double.NaN, 100.0)]
    [InlineData(100.0, double.PositiveInfinity)]
    [InlineData(0.0, 100.0)]
    [InlineData(100.0, -1.0)]
    public void Update_BadClose_IsIgnoredAndCounted(double a, double b)
    {
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 20, ZScoreBars = 10 });
        Feed(sut, PairReferences.Slice("ETH", 0, 30), PairReferences.Slice("BTC", 0, 30));
        PairSnapshot before = sut.Last!;

        sut.Update(Start + 31 * 60_000L, a, b).ShouldBeNull();

        sut.RejectedCount.ShouldBe(1);
        sut.Last.ShouldBeSameAs(before);
        sut.Count.ShouldBe(20);
    }

    [Fact]
    public void Update_ConstantLegB_GivesStatusesNotExceptions()
    {
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 30, ZScoreBars = 10 });
        double[] a = PairReferences.Slice("ETH", 0, 40);

        PairSnapshot s = Feed(sut, a, Enumerable.Repeat(30_000.0, 40).ToArray())!;

        s.WindowOls.Status.ShouldBe(StatisticStatus.ConstantSeries);
        s.RollingOls.Status.ShouldBe(StatisticStatus.ConstantSeries);
        s.Huber.Status.ShouldBe(StatisticStatus.ConstantSeries);
        s.TheilSen.Status.ShouldBe(StatisticStatus.ConstantSeries);
        s.ZScoreStatus.ShouldBe(StatisticStatus.ConstantSeries);
        s.Cointegration.Status.ShouldBe(StatisticStatus.ConstantSeries);
        s.CorrelationStatus.ShouldBe(StatisticStatus.ConstantSeries);
        double.IsNaN(s.Spread).ShouldBeTrue();
    }

    [Theory]
    [InlineData(1e150)]
    [InlineData(1e-150)]
    public void Update_AbsurdPriceScales_GiveStatusesNotExceptions(double scale)
    {
        double[] eth = PairReferences.Slice("ETH", 0, 80).Select(v => v * scale).ToArray();
        double[] btc = PairReferences.Slice("BTC", 0, 80).Select(v => v * scale).ToArray();
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 40, ZScoreBars = 20 });

        PairSnapshot s = Feed(sut, eth, btc)!;

        s.IsReady.ShouldBeTrue();
        s.CorrelationStatus.ShouldBe(StatisticStatus.Ok); // returns do not depend on the scale
        foreach (HedgeMethod method in Enum.GetValues<HedgeMethod>())
        {
            HedgeEstimate hedge = s.Hedge(method);
            if (hedge.Status == StatisticStatus.Ok) double.IsFinite(hedge.HedgeRatio).ShouldBeTrue(method.ToString());
            else double.IsNaN(hedge.HedgeRatio).ShouldBeTrue(method.ToString());
        }

        if (s.Cointegration.Status != StatisticStatus.Ok) double.IsNaN(s.Cointegration.PValue).ShouldBeTrue();
    }

    [Fact]
    public void Update_LongStream_StaysConsistentWithTheBatchAtTheEnd()
    {
        double[] eth = PairReferences.Slice("ETH", 20_000, 3_000), btc = PairReferences.Slice("BTC", 20_000, 3_000);
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 30, ZScoreBars = 10 });

        PairSnapshot s = Feed(sut, eth, btc)!;

        OlsResult ols = Ols.Fit(eth[^30..], [btc[^30..]]);
        s.RollingOls.HedgeRatio.ShouldBe(ols.Coefficients[1], RunningMoments * Math.Abs(ols.Coefficients[1]));
        s.Correlation.ShouldBe(Correlation.Pearson(LogReturns(btc[^30..]), LogReturns(eth[^30..])), RunningMoments);
    }

    [Fact]
    public void Update_LogPrices_RegressesLogOnLog()
    {
        double[] eth = PairReferences.Slice("ETH", 0, 100), btc = PairReferences.Slice("BTC", 0, 100);
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 100, UseLogPrices = true });

        PairSnapshot s = Feed(sut, eth, btc)!;

        OlsResult ols = Ols.Fit(eth.Select(v => Math.Log(v)).ToArray(), [btc.Select(v => Math.Log(v)).ToArray()]);
        s.WindowOls.HedgeRatio.ShouldBe(ols.Coefficients[1], SameComputation);
        s.LegA.ShouldBe(Math.Log(eth[^1]));
    }

    [Fact]
    public void OnBar_InterleavedBars_PairsThemByOpenTime()
    {
        double[] eth = PairReferences.Slice("ETH", 0, 60), btc = PairReferences.Slice("BTC", 0, 60);
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 30, ZScoreBars = 10 });
        var twin = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 30, ZScoreBars = 10 });
        int snapshots = 0;

        for (int i = 0; i < 60; i++)
        {
            long t = Start + i * 60_000L;
            Bar first = i % 2 == 0 ? MakeBar(Eth, t, eth[i]) : MakeBar(Btc, t, btc[i]);
            Bar second = i % 2 == 0 ? MakeBar(Btc, t, btc[i]) : MakeBar(Eth, t, eth[i]);
            sut.OnBar(first).ShouldBeNull();
            sut.OnBar(MakeBar(new Symbol("SOLUSDT"), t, 20)).ShouldBeNull();
            sut.OnBar(MakeBar(Eth, t / 3_600_000 * 3_600_000, 1, Interval.OneHour)).ShouldBeNull(); // another interval
            if (sut.OnBar(second) is not null) snapshots++;
            twin.Update(t, eth[i], btc[i]);
        }

        snapshots.ShouldBe(60);
        sut.UnpairedBarCount.ShouldBe(0);
        sut.Last!.WindowOls.ShouldBe(twin.Last!.WindowOls);
        sut.Last.ZScore.ShouldBe(twin.Last.ZScore);
    }

    [Fact]
    public void OnBar_MissingAndLateBars_AreCountedAndSkipped()
    {
        var sut = new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = 20, ZScoreBars = 10 });

        sut.OnBar(MakeBar(Eth, Start, 2000)).ShouldBeNull();
        sut.OnBar(MakeBar(Btc, Start + 60_000, 30_000)).ShouldBeNull(); // ETH's bar at Start never gets a partner
        sut.OnBar(MakeBar(Eth, Start, 2001)).ShouldBeNull();            // late
        sut.OnBar(MakeBar(Eth, Start + 60_000, 2002)).ShouldNotBeNull();

        sut.UnpairedBarCount.ShouldBe(2);
        sut.Count.ShouldBe(1);
        sut.Last!.LegA.ShouldBe(2002);
    }

    [Fact]
    public void Reset_AfterBars_RestoresTheStartState()
    {
        double[] eth = PairReferences.Slice("ETH", 0, 80), btc = PairReferences.Slice("BTC", 0, 80);
        var options = new PairAnalyticsOptions { WindowBars = 30, ZScoreBars = 10 };
        var sut = new PairAnalytics(Eth, Btc, options);
        var fresh = new PairAnalytics(Eth, Btc, options);
        Feed(sut, eth[..40], btc[..40]);
        sut.Update(Start, double.NaN, 1);

        sut.Reset();
        PairSnapshot s = Feed(sut, eth[40..], btc[40..])!;
        PairSnapshot f = Feed(fresh, eth[40..], btc[40..])!;

        sut.RejectedCount.ShouldBe(0);
        s.WindowOls.ShouldBe(f.WindowOls);
        s.Kalman.ShouldBe(f.Kalman);
        s.Correlation.ShouldBe(f.Correlation);
        s.Cointegration.Statistic.ShouldBe(f.Cointegration.Statistic);
    }

    [Fact]
    public void Constructor_SameSymbolTwice_Throws()
    {
        Should.Throw<ArgumentException>(() => new PairAnalytics(Eth, Eth)).ParamName.ShouldBe("symbolB");
        Should.Throw<ArgumentException>(() => new PairAnalytics(default, Eth)).ParamName.ShouldBe("symbolA");
    }

    [Theory]
    [InlineData(10, 5, "WindowBars")]
    [InlineData(100, 1, "ZScoreBars")]
    [InlineData(100, 101, "ZScoreBars")]
    public void Constructor_BadWindows_ThrowWithTheOptionName(int window, int zWindow, string name)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { WindowBars = window, ZScoreBars = zWindow }))
            .ParamName.ShouldBe(name);
    }

    [Fact]
    public void Constructor_BadKalmanAndLagOptions_ThrowWithTheOptionName()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { KalmanDelta = 1 })).ParamName.ShouldBe("KalmanDelta");
        Should.Throw<ArgumentOutOfRangeException>(() => new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { AdfMaxLag = -1 })).ParamName.ShouldBe("AdfMaxLag");
        Should.Throw<ArgumentOutOfRangeException>(() => new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { KalmanObservationVariance = 0 })).ParamName.ShouldBe("KalmanObservationVariance");
        Should.Throw<ArgumentOutOfRangeException>(() => new PairAnalytics(Eth, Btc, new PairAnalyticsOptions { SpreadMethod = (HedgeMethod)9 })).ParamName.ShouldBe("SpreadMethod");
    }

    private static Bar MakeBar(Symbol symbol, long openTimeMs, double close, Interval? interval = null)
    {
        Price p = Price.TryFromDecimal((decimal)close, out Price price) ? price : throw new ArgumentException("bad test price");
        return new Bar(symbol, interval ?? Interval.OneMinute, openTimeMs, p, p, p, p, 1m, (decimal)close, 1, 0m, 0m);
    }
}
