using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

public sealed class RollingCorrelationTests
{
    [Fact]
    public void Update_LongRunFarFromZero_AgreesWithTwoPassPearson()
    {
        const int window = 40;
        QuoteRow[] a = ReferenceData.RandomWalk(1_000_000, 60_000, 20, seed: 3);
        QuoteRow[] b = ReferenceData.RandomWalk(1_000_000, 3_000, 2, seed: 4);
        var sut = new RollingCorrelation(window);
        for (int i = 0; i < a.Length; i++)
        {
            sut.Update(a[i].Close, b[i].Close);
            if (i < window - 1 || (i % 9973 != 0 && i != a.Length - 1)) continue;
            double[] x = a[(i - window + 1)..(i + 1)].Select(r => r.Close).ToArray();
            double[] y = b[(i - window + 1)..(i + 1)].Select(r => r.Close).ToArray();
            sut.Value.ShouldBe(Correlation.Pearson(x, y), 1e-9, $"[{i}]");
        }
    }

    [Fact]
    public void Update_ReferenceQuotesAgainstShiftedSelf_AgreesWithTwoPassPearsonEverywhere()
    {
        double[] closes = ReferenceData.Closes;
        var sut = new RollingCorrelation(20);
        for (int i = 1; i < closes.Length; i++)
        {
            sut.Update(closes[i], closes[i - 1]);
            if (i < 20) { double.IsNaN(sut.Value).ShouldBeTrue(); continue; }
            double expected = Correlation.Pearson(closes.AsSpan(i - 19, 20), closes.AsSpan(i - 20, 20));
            sut.Value.ShouldBe(expected, 1e-10, $"[{i}]");
            sut.RSquared.ShouldBe(expected * expected, 1e-10);
        }
    }

    [Fact]
    public void Update_RealHourlyLogReturns_AgreesWithTwoPassPearson()
    {
        // Correlation of real hourly BTC and SOL log returns (shared/data/binance/klines/1h) over 7-day windows.
        double[] btc = ReferenceData.HourlyCloses("BTC_USDT_1h.csv");
        double[] sol = ReferenceData.HourlyCloses("SOL_USDT_1h.csv");
        var rb = new double[btc.Length - 1];
        var rs = new double[btc.Length - 1];
        for (int i = 1; i < btc.Length; i++) { rb[i - 1] = Math.Log(btc[i] / btc[i - 1]); rs[i - 1] = Math.Log(sol[i] / sol[i - 1]); }
        const int window = 168;
        var sut = new RollingCorrelation(window);
        for (int i = 0; i < rb.Length; i++)
        {
            sut.Update(rb[i], rs[i]);
            if (i < window - 1 || i % 499 != 0) continue;
            sut.Value.ShouldBe(Correlation.Pearson(rb.AsSpan(i - window + 1, window), rs.AsSpan(i - window + 1, window)), 1e-12, $"[{i}]");
        }

        sut.Value.ShouldBeGreaterThan(0); // crypto majors move together over a week
    }

    [Fact]
    public void Update_LinearRelation_IsPlusOrMinusOne()
    {
        var up = new RollingCorrelation(5);
        var down = new RollingCorrelation(5);
        for (int i = 0; i < 12; i++)
        {
            up.Update(i * 0.1 + 60_000, 3 * i);
            down.Update(i * 0.1 + 60_000, -3 * i);
        }

        up.Value.ShouldBe(1, 1e-9);
        down.Value.ShouldBe(-1, 1e-9);
    }

    [Fact]
    public void Update_FlatSeriesInWindow_IsConstantSeriesWithNaN()
    {
        var sut = new RollingCorrelation(6);
        var random = new Random(8);
        for (int i = 0; i < 50; i++) sut.Update(random.NextDouble(), 100 + random.NextDouble());
        for (int i = 0; i < 6; i++) sut.Update(i, 100.1);
        sut.Status.ShouldBe(StatisticStatus.ConstantSeries);
        double.IsNaN(sut.Value).ShouldBeTrue();
        sut.Update(7, 100.2);
        sut.Status.ShouldBe(StatisticStatus.Ok);
    }

    [Fact]
    public void Update_NonFinitePair_IsIgnoredAndCounted()
    {
        var sut = new RollingCorrelation(3);
        sut.Update(1, 2);
        sut.Update(2, 4);
        sut.Update(double.NegativeInfinity, 1);
        sut.Update(3, 7);
        sut.RejectedCount.ShouldBe(1);
        sut.Value.ShouldBe(Correlation.Pearson([1, 2, 3], [2, 4, 7]), 1e-14);
    }

    [Fact]
    public void Reset_AfterUpdates_RestoresStartState()
    {
        var sut = new RollingCorrelation(4);
        for (int i = 0; i < 9; i++) sut.Update(i, i * i);
        sut.Reset();
        sut.IsReady.ShouldBeFalse();
        sut.Status.ShouldBe(StatisticStatus.NotEnoughData);
        sut.SampleCount.ShouldBe(0);
        double.IsNaN(sut.Value).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_WindowZero_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RollingCorrelation(0)).ParamName.ShouldBe("window");
}
