using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

public sealed class RollingOlsTests
{
    private static void FeedIndexAndClose(RollingOls sut, Action<int> check)
    {
        QuoteRow[] quotes = ReferenceData.Quotes;
        for (int i = 0; i < quotes.Length; i++)
        {
            sut.Update(i + 1, quotes[i].Close); // Stock.Indicators' Slope regresses close on x = bar index + 1
            check(i);
        }
    }

    [Theory]
    [InlineData("slope")]
    [InlineData("intercept")]
    [InlineData("stdDev")]
    [InlineData("rSquared")]
    public void Update_ReferenceQuotes_MatchesStockIndicatorsSlopeBaseline(string field)
    {
        // Stock.Indicators _testdata/results/slope.standard.json, Bars.ToSlope(14); compared at Tolerances.Baseline.
        var expected = ReferenceData.Baseline("slope.standard.json", field);
        var sut = new RollingOls(14);
        Func<RollingOls, double> read = field switch
        {
            "slope" => s => s.Slope,
            "intercept" => s => s.Intercept,
            "stdDev" => s => s.StdDevY,
            _ => s => s.RSquared,
        };
        FeedIndexAndClose(sut, i =>
        {
            if (expected[i].Expected is double e) read(sut).ShouldBe(e, Tolerances.Baseline, $"[{i}]");
            else double.IsNaN(read(sut)).ShouldBeTrue($"[{i}]");
        });
    }

    [Fact]
    public void Update_ReferenceQuotes_MatchesStockIndicatorsSlope20Samples()
    {
        // Stock.Indicators Slope.StaticSeries.Tests.cs: Money6 slope, Money3 intercept, rSquared, stdDev.
        var slope = ReferenceData.Sample("Slope(20)", "slope").ToDictionary(p => p.Index, p => p.Expected!.Value);
        var intercept = ReferenceData.Sample("Slope(20)", "intercept").ToDictionary(p => p.Index, p => p.Expected!.Value);
        var r2 = ReferenceData.Sample("Slope(20)", "rSquared").ToDictionary(p => p.Index, p => p.Expected!.Value);
        var sd = ReferenceData.Sample("Slope(20)", "stdDev").ToDictionary(p => p.Index, p => p.Expected!.Value);
        var sut = new RollingOls(20);
        int checkedPoints = 0;
        FeedIndexAndClose(sut, i =>
        {
            if (!slope.ContainsKey(i)) return;
            sut.Slope.ShouldBe(slope[i], Tolerances.Money6);
            sut.Intercept.ShouldBe(intercept[i], Tolerances.Money3);
            sut.RSquared.ShouldBe(r2[i], Tolerances.Money3);
            sut.StdDevY.ShouldBe(sd[i], Tolerances.Money3);
            checkedPoints++;
        });
        checkedPoints.ShouldBe(3);
    }

    [Fact]
    public void Update_LongRunFarFromZero_AgreesWithBatchOls()
    {
        const int window = 60;
        QuoteRow[] a = ReferenceData.RandomWalk(1_000_000, 60_000, 20, seed: 1);
        QuoteRow[] b = ReferenceData.RandomWalk(1_000_000, 3_000, 2, seed: 2);
        var sut = new RollingOls(window);
        for (int i = 0; i < a.Length; i++)
        {
            sut.Update(a[i].Close, b[i].Close);
            if (i < window - 1 || (i % 9973 != 0 && i != a.Length - 1)) continue;
            double[] x = a[(i - window + 1)..(i + 1)].Select(r => r.Close).ToArray();
            double[] y = b[(i - window + 1)..(i + 1)].Select(r => r.Close).ToArray();
            OlsResult batch = Ols.Fit(y, [x]);
            sut.Slope.ShouldBe(batch.Coefficients[1], 1e-9 * Math.Max(1, Math.Abs(batch.Coefficients[1])), $"[{i}]");
            sut.Intercept.ShouldBe(batch.Coefficients[0], 1e-9 * Math.Max(1, Math.Abs(batch.Coefficients[0])), $"[{i}]");
            sut.RSquared.ShouldBe(batch.RSquared, 1e-9, $"[{i}]");
            sut.ResidualStdDev.ShouldBe(batch.ResidualStdDev, 1e-8 * batch.ResidualStdDev, $"[{i}]");
        }
    }

    [Fact]
    public void Update_RealHourlyBtcEth_AgreesWithBatchOls()
    {
        // Four years of real hourly closes (shared/data/binance/klines/1h): ETH on BTC over 30-day windows.
        double[] btc = ReferenceData.HourlyCloses("BTC_USDT_1h.csv");
        double[] eth = ReferenceData.HourlyCloses("ETH_USDT_1h.csv");
        btc.Length.ShouldBe(eth.Length);
        const int window = 720;
        var sut = new RollingOls(window);
        for (int i = 0; i < btc.Length; i++)
        {
            sut.Update(btc[i], eth[i]);
            if (i < window - 1 || (i % 1009 != 0 && i != btc.Length - 1)) continue;
            OlsResult batch = Ols.Fit(eth.AsSpan(i - window + 1, window), [btc[(i - window + 1)..(i + 1)]]);
            sut.Slope.ShouldBe(batch.Coefficients[1], 1e-10 * Math.Abs(batch.Coefficients[1]), $"[{i}]");
            sut.Intercept.ShouldBe(batch.Coefficients[0], 1e-9 * Math.Max(1, Math.Abs(batch.Coefficients[0])), $"[{i}]");
            sut.ResidualStdDev.ShouldBe(batch.ResidualStdDev, 1e-9 * batch.ResidualStdDev, $"[{i}]");
        }
    }

    [Fact]
    public void Update_WindowMinusOnePairs_IsNotReady()
    {
        var sut = new RollingOls(5);
        for (int i = 0; i < 4; i++) sut.Update(i, 2 * i);
        sut.IsReady.ShouldBeFalse();
        sut.Status.ShouldBe(StatisticStatus.NotEnoughData);
        double.IsNaN(sut.Value).ShouldBeTrue();
        sut.Update(4, 8);
        sut.IsReady.ShouldBeTrue();
        sut.Slope.ShouldBe(2, 1e-15);
        sut.Intercept.ShouldBe(0, 1e-14);
        sut.RSquared.ShouldBe(1);
    }

    [Fact]
    public void Update_NonFinitePair_IsIgnoredAndCounted()
    {
        var sut = new RollingOls(3);
        sut.Update(1, 1);
        sut.Update(2, 3);
        sut.Update(double.NaN, 5);
        sut.Update(4, double.PositiveInfinity);
        sut.Update(3, 5);
        sut.RejectedCount.ShouldBe(2);
        sut.SampleCount.ShouldBe(3);
        sut.Slope.ShouldBe(2, 1e-15);
    }

    [Fact]
    public void Update_ConstantX_IsConstantSeriesWithNaN()
    {
        var sut = new RollingOls(4);
        var random = new Random(4);
        for (int i = 0; i < 100; i++) sut.Update(60_000 + 100 * random.NextDouble(), random.NextDouble());
        for (int i = 0; i < 4; i++) sut.Update(60_000.1, i);
        sut.Status.ShouldBe(StatisticStatus.ConstantSeries);
        double.IsNaN(sut.Slope).ShouldBeTrue();
        double.IsNaN(sut.Intercept).ShouldBeTrue();
    }

    [Fact]
    public void Update_ConstantY_SlopeZeroAndRSquaredNaN()
    {
        var sut = new RollingOls(4);
        for (int i = 0; i < 9; i++) sut.Update(i * 1.5, 0.3);
        sut.Slope.ShouldBe(0);
        sut.Intercept.ShouldBe(0.3, 1e-15);
        double.IsNaN(sut.RSquared).ShouldBeTrue();
    }

    [Fact]
    public void Reset_AfterUpdates_RestoresStartState()
    {
        var sut = new RollingOls(10);
        var fresh = new RollingOls(10);
        for (int i = 0; i < 37; i++) sut.Update(i, Math.Sin(i));
        sut.Update(double.NaN, 1);
        sut.Reset();
        sut.IsReady.ShouldBeFalse();
        sut.SampleCount.ShouldBe(0);
        sut.RejectedCount.ShouldBe(0);
        for (int i = 0; i < 25; i++)
        {
            sut.Update(i, Math.Cos(i));
            fresh.Update(i, Math.Cos(i));
            sut.Slope.ShouldBe(fresh.Slope);
        }
    }

    [Fact]
    public void Constructor_WindowOne_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RollingOls(1)).ParamName.ShouldBe("window");
}
