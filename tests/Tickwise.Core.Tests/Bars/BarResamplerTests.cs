using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

public class BarResamplerTests
{
    private static readonly Symbol Fil = new("FILUSDT");
    private static readonly Interval FiveMinutes = Interval.Parse("5m");
    private const long T0 = 1_690_848_000_000; // 2023-08-01T00:00:00Z

    private static List<Bar> FilKlines() =>
        BarTestData.ReadKlines(BarTestData.SharedDirectory("data", "binance", "klines", "1m", "FILUSDT-1m-2023-08.zip"), Fil);

    [Fact]
    public void Add_BinanceMonthOf1mKlines_EqualsNaiveResampleTo5m1h1d()
    {
        List<Bar> klines = FilKlines();
        Interval[] targets = [FiveMinutes, Interval.OneHour, Interval.OneDay];
        var sut = new BarResampler(Fil, Interval.OneMinute, targets);

        foreach (Bar kline in klines) sut.Add(kline);

        klines.Count.ShouldBe(31 * 1440);
        // The month is whole, so every coarse bar is complete once its last minute arrives.
        sut.Completed.ToArray().ShouldBe(NaiveBars.InEmissionOrder(targets.SelectMany(t => NaiveBars.Resample(klines, t))));
        sut.Completed.Length.ShouldBe(31 * (288 + 24 + 1));
        sut.BarsApplied.ShouldBe(klines.Count);
        sut.Completed[^1].Volume.ShouldBe(klines.Where(k => k.OpenTimeMs >= T0 + 30 * 86_400_000L).Sum(k => k.Volume));
    }

    [Fact]
    public void Add_KlinesWithMissingMinutesAndHours_MissingAbsentAndEmptyIntervalsFlat()
    {
        var random = new Random(17);
        // Drop random minutes and a whole hour (11:00 on day 2), but keep the first and last.
        List<Bar> klines = [.. FilKlines().Where((k, i) => i == 0 || (random.Next(10) != 0
            && !(k.OpenTimeMs >= T0 + 35 * 3_600_000L && k.OpenTimeMs < T0 + 36 * 3_600_000L)))];
        Interval[] targets = [FiveMinutes, Interval.OneHour, Interval.OneDay];
        var sut = new BarResampler(Fil, Interval.OneMinute, targets);

        foreach (Bar kline in klines) sut.Add(kline);

        List<Bar> expected = NaiveBars.InEmissionOrder(targets.SelectMany(t => NaiveBars.Resample(klines, t)));
        sut.Completed.ToArray().ShouldBe(expected.Where(b => b.OpenTimeMs + b.Interval.Milliseconds <= klines[^1].OpenTimeMs + 60_000));
        Bar missingHour = sut.Completed.ToArray().Single(b => b.Interval == Interval.OneHour && b.OpenTimeMs == T0 + 35 * 3_600_000L);
        missingHour.ShouldBe(Bar.Flat(Fil, Interval.OneHour, missingHour.OpenTimeMs, klines.Last(k => k.OpenTimeMs < missingHour.OpenTimeMs).Close));
    }

    [Fact]
    public void Add_FlatFineBars_BringNoPricesIntoTheCoarseBar()
    {
        var sut = new BarResampler(Fil, Interval.OneMinute, [FiveMinutes]);
        sut.Add(Bar.Flat(Fil, Interval.OneMinute, T0, Price.Parse("4")));
        sut.Add(NewBar(T0 + 60_000, "5", "6", "4.5", "5.5", 10m, 3));
        sut.Add(Bar.Flat(Fil, Interval.OneMinute, T0 + 120_000, Price.Parse("5.5")));

        sut.AdvanceTo(T0 + 300_000);

        sut.Completed.ToArray().Single().ShouldBe(new Bar(Fil, FiveMinutes, T0, Price.Parse("5"), Price.Parse("6"), Price.Parse("4.5"), Price.Parse("5.5"), 10m, 55m, 3, 0m, 0m));
    }

    [Fact]
    public void Add_LateOrDuplicateBar_CountedAndNotApplied()
    {
        var sut = new BarResampler(Fil, Interval.OneMinute, [FiveMinutes]);
        sut.Add(NewBar(T0 + 60_000, "1", "1", "1", "1", 1m, 1));

        sut.Add(NewBar(T0 + 60_000, "9", "9", "9", "9", 1m, 1));
        sut.Add(NewBar(T0, "9", "9", "9", "9", 1m, 1));

        sut.LateBars.ShouldBe(2);
        sut.BarsApplied.ShouldBe(1);
        Bar[] open = new Bar[1];
        sut.CopyOpenBars(open).ShouldBe(1);
        (open[0].High, open[0].Volume).ShouldBe((Price.Parse("1"), 1m));
    }

    [Fact]
    public void AdvanceTo_PastSeveralCoarseIntervals_EmitsTheBarThenFlatBars()
    {
        var sut = new BarResampler(Fil, Interval.OneMinute, [FiveMinutes, Interval.Parse("15m")]);
        sut.Add(NewBar(T0 + 120_000, "2", "3", "1", "2.5", 4m, 2));

        sut.AdvanceTo(T0 + 15 * 60_000 + 30_000);

        sut.Completed.ToArray().Select(b => (b.Interval.ToString(), (b.OpenTimeMs - T0) / 60_000, b.TradeCount, b.Close.ToString()))
            .ShouldBe([("5m", 0L, 2L, "2.5"), ("5m", 5L, 0L, "2.5"), ("5m", 10L, 0L, "2.5"), ("15m", 0L, 2L, "2.5")]);
        sut.Add(NewBar(T0 + 14 * 60_000, "1", "1", "1", "1", 1m, 1));
        sut.LateBars.ShouldBe(1);
    }

    [Fact]
    public void CopyOpenBars_PartialCoarseBar_AggregatesWhatArrived()
    {
        var sut = new BarResampler(Fil, Interval.OneMinute, [FiveMinutes, Interval.OneHour]);
        sut.Add(NewBar(T0, "2", "3", "1", "2.5", 4m, 2));
        sut.Add(NewBar(T0 + 60_000, "2.5", "2.5", "0.5", "1", 1m, 1));

        var open = new Bar[2];
        sut.CopyOpenBars(open).ShouldBe(2);

        open.ShouldAllBe(b => b.Open == Price.Parse("2") && b.High == Price.Parse("3") && b.Low == Price.Parse("0.5") && b.Close == Price.Parse("1") && b.Volume == 5m && b.TradeCount == 3);
        sut.Completed.Length.ShouldBe(0);
        Should.Throw<ArgumentException>(() => sut.CopyOpenBars(new Bar[1])).ParamName.ShouldBe("destination");
    }

    [Fact]
    public void Add_BarOfOtherSymbolOrInterval_Throws()
    {
        var sut = new BarResampler(Fil, Interval.OneMinute, [FiveMinutes]);

        Should.Throw<ArgumentException>(() => sut.Add(Bar.Flat(new Symbol("NEARUSDT"), Interval.OneMinute, T0, Price.Parse("1")))).ParamName.ShouldBe("bar");
        Should.Throw<ArgumentException>(() => sut.Add(Bar.Flat(Fil, FiveMinutes, T0, Price.Parse("1")))).ParamName.ShouldBe("bar");
        Should.Throw<ArgumentException>(() => sut.Add(default)).ParamName.ShouldBe("bar");
        sut.BarsApplied.ShouldBe(0);
    }

    [Theory]
    [InlineData("90s")]  // divides a day but is no multiple of 1m
    [InlineData("1m")]   // not longer
    public void Constructor_TargetNotALongerMultiple_Throws(string target) =>
        Should.Throw<ArgumentException>(() => new BarResampler(Fil, Interval.OneMinute, [Interval.Parse(target)])).ParamName.ShouldBe("targets");

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Should.Throw<ArgumentException>(() => new BarResampler(Fil, Interval.OneMinute, [])).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentNullException>(() => new BarResampler(Fil, Interval.OneMinute, null!)).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentException>(() => new BarResampler(Fil, default, [FiveMinutes])).ParamName.ShouldBe("source");
        Should.Throw<ArgumentException>(() => new BarResampler(default, Interval.OneMinute, [FiveMinutes])).ParamName.ShouldBe("symbol");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void AdvanceTo_ImplausibleTime_Throws(long timestampMs) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new BarResampler(Fil, Interval.OneMinute, [FiveMinutes]).AdvanceTo(timestampMs)).ParamName.ShouldBe("timestampMs");

    [Fact]
    public void Reset_AfterBars_BehavesAsNew()
    {
        var sut = new BarResampler(Fil, Interval.OneMinute, [FiveMinutes]);
        sut.Add(NewBar(T0 + 600_000, "1", "1", "1", "1", 1m, 1));
        sut.Add(NewBar(T0, "1", "1", "1", "1", 1m, 1));

        sut.Reset();
        sut.Add(NewBar(T0, "2", "2", "2", "2", 3m, 1));

        (sut.LateBars, sut.BarsApplied).ShouldBe((0L, 1L));
        var open = new Bar[1];
        sut.CopyOpenBars(open);
        open[0].Volume.ShouldBe(3m);
    }

    private static Bar NewBar(long openTimeMs, string open, string high, string low, string close, decimal volume, long tradeCount) =>
        new(Fil, Interval.OneMinute, openTimeMs, Price.Parse(open), Price.Parse(high), Price.Parse(low), Price.Parse(close),
            volume, volume * Price.Parse(close).ToDecimal(), tradeCount, 0m, 0m);
}
