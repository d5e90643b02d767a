using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

public partial class SymbolBarAggregatorTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private const long T0 = 1_723_161_600_000; // 2024-08-09T00:00:00Z, a day boundary

    public static TheoryData<string> TradeFiles => [.. BarTestData.TradeFiles().Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(TradeFiles))]
    public void Add_BinanceTradeFile_BarsEqualNaiveReference(string fileName)
    {
        List<CsvTrade> trades = BarTestData.ReadTrades(BarTestData.SharedDirectory("data", "binance", "trades", fileName));
        Interval[] intervals = [Interval.OneSecond, Interval.OneMinute, Interval.Parse("5m")];
        var sut = new SymbolBarAggregator(Btc, intervals);

        foreach (CsvTrade trade in trades) sut.Add(trade.ToTrade(Btc));

        List<Bar>[] expected = [.. intervals.Select(i => NaiveBars.FromTrades(Btc, trades, i))];
        sut.LateTrades.ShouldBe(0);
        sut.TradesApplied.ShouldBe(trades.Count);
        sut.Completed.ToArray().ShouldBe(NaiveBars.InEmissionOrder(expected.SelectMany(bars => bars.SkipLast(1))));
        OpenBars(sut).ShouldBe(expected.Select(bars => bars[^1]));
        // Three of the four files have quiet seconds (BTCUSDT USD-M trades every second), so flat bars are checked on real data too.
        if (!fileName.StartsWith("BTCUSDT-trades-usdm", StringComparison.Ordinal)) expected[0].Count(b => b.TradeCount == 0).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Add_TradesInOneBar_OpenBarHasFirstLastExtremesAndSums()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneMinute]);

        sut.Add(NewTrade(T0 + 1_000, "100.5", "2", AggressorSide.Buyer));
        sut.Add(NewTrade(T0 + 2_000, "101.25", "0.5", AggressorSide.Seller, tradeCount: 3));
        sut.Add(NewTrade(T0 + 3_000, "99", "1", AggressorSide.Buyer));
        sut.Add(NewTrade(T0 + 59_999, "100", "0.1", AggressorSide.Seller));

        sut.Completed.Length.ShouldBe(0);
        Bar bar = OpenBars(sut).Single();
        bar.ShouldBe(new Bar(Btc, Interval.OneMinute, T0, Price.Parse("100.5"), Price.Parse("101.25"), Price.Parse("99"), Price.Parse("100"),
            3.6m, 201m + 50.625m + 99m + 10m, 6, 3m, 201m + 99m));
    }

    [Fact]
    public void Add_TradeSeveralIntervalsAhead_ClosesCurrentThenEmitsFlatBarsInTimeOrder()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.Parse("5s"), Interval.OneSecond]);
        sut.Add(NewTrade(T0 + 500, "10", "1"));
        sut.Add(NewTrade(T0 + 900, "12", "1"));

        sut.Add(NewTrade(T0 + 7_200, "11", "1"));

        sut.Completed.ToArray().Select(b => (b.Interval.ToString(), (b.OpenTimeMs - T0) / 1000, b.TradeCount, b.Close.ToString())).ShouldBe(
        [
            ("1s", 0, 2, "12"), ("1s", 1, 0, "12"), ("1s", 2, 0, "12"), ("1s", 3, 0, "12"), ("1s", 4, 0, "12"),
            ("5s", 0, 2, "12"), ("1s", 5, 0, "12"), ("1s", 6, 0, "12"),
        ]);
        Bar flat = sut.Completed[1];
        (flat.Open, flat.High, flat.Low, flat.Volume, flat.QuoteVolume).ShouldBe((Price.Parse("12"), Price.Parse("12"), Price.Parse("12"), 0m, 0m));
        OpenBars(sut).Select(b => (b.Interval.ToString(), b.OpenTimeMs - T0, b.Open.ToString())).ShouldBe([("1s", 7_000L, "11"), ("5s", 5_000L, "11")]);
    }

    [Fact]
    public void Add_TradeBeforeCurrentBaseBar_CountedAsLateAndNotApplied()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond, Interval.OneMinute]);
        sut.Add(NewTrade(T0 + 1_500, "10", "1"));
        sut.Add(NewTrade(T0 + 2_100, "11", "1"));

        sut.Add(NewTrade(T0 + 1_999, "50", "7"));

        sut.LateTrades.ShouldBe(1);
        sut.TradesApplied.ShouldBe(2);
        sut.Completed.ToArray().Single().Close.ShouldBe(Price.Parse("10"));
        OpenBars(sut)[1].Volume.ShouldBe(2m);
        OpenBars(sut)[1].High.ShouldBe(Price.Parse("11"));
    }

    [Fact]
    public void Add_EarlierTradeInsideCurrentBaseBar_AppliedInArrivalOrder()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);
        sut.Add(NewTrade(T0 + 800, "10", "1"));

        sut.Add(NewTrade(T0 + 100, "9", "1"));

        sut.LateTrades.ShouldBe(0);
        Bar bar = OpenBars(sut).Single();
        (bar.Open, bar.Close, bar.Volume).ShouldBe((Price.Parse("10"), Price.Parse("9"), 2m));
    }

    [Fact]
    public void Add_AfterAdvanceTo_TradeBeforeAdvancedBaseBarIsLate()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);
        sut.Add(NewTrade(T0, "10", "1"));
        sut.AdvanceTo(T0 + 3_500);

        sut.Add(NewTrade(T0 + 2_999, "10", "1"));
        sut.Add(NewTrade(T0 + 3_000, "10", "1"));

        sut.LateTrades.ShouldBe(1);
        sut.Completed.Length.ShouldBe(3);
    }

    [Fact]
    public void AdvanceTo_QuietSymbol_EmitsFlatBarsOfEveryInterval()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond, Interval.Parse("30s"), Interval.OneMinute]);
        sut.Add(NewTrade(T0 + 10, "42", "1"));

        sut.AdvanceTo(T0 + 60_000);

        sut.Completed.Length.ShouldBe(60 + 2 + 1);
        sut.Completed[^1].ShouldBe(new Bar(Btc, Interval.OneMinute, T0, Price.Parse("42"), Price.Parse("42"), Price.Parse("42"), Price.Parse("42"), 1m, 42m, 1, 1m, 42m));
        sut.Completed[^2].ShouldBe(Bar.Flat(Btc, Interval.Parse("30s"), T0 + 30_000, Price.Parse("42")));
        OpenBars(sut).ShouldAllBe(b => b.OpenTimeMs == T0 + 60_000 && b.TradeCount == 0 && b.Close == Price.Parse("42"));
    }

    [Fact]
    public void AdvanceTo_BeforeFirstTrade_DoesNothing()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);

        sut.AdvanceTo(T0 + 10_000);
        sut.Add(NewTrade(T0, "1", "1"));

        sut.HasStarted.ShouldBeTrue();
        sut.LateTrades.ShouldBe(0);
        sut.Completed.Length.ShouldBe(0);
    }

    [Fact]
    public void AdvanceTo_TimeInsideOrBeforeCurrentBaseBar_DoesNothing()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);
        sut.Add(NewTrade(T0 + 5_000, "1", "1"));

        sut.AdvanceTo(T0 + 5_999);
        sut.AdvanceTo(T0);

        sut.Completed.Length.ShouldBe(0);
        OpenBars(sut).Single().OpenTimeMs.ShouldBe(T0 + 5_000);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(1_723_161_600_000_000L)] // microseconds
    public void AdvanceTo_ImplausibleTime_Throws(long timestampMs)
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);
        sut.Add(NewTrade(T0, "1", "1"));

        Should.Throw<ArgumentOutOfRangeException>(() => sut.AdvanceTo(timestampMs)).ParamName.ShouldBe("timestampMs");
        sut.Completed.Length.ShouldBe(0);
    }

    internal static Trade NewTrade(long timestampMs, string price, string quantity, AggressorSide side = AggressorSide.Buyer, int tradeCount = 1, Symbol symbol = default) =>
        new(symbol.IsEmpty ? Btc : symbol, 1, Price.Parse(price), Quantity.Parse(quantity), timestampMs, side, tradeCount);

    internal static Bar[] OpenBars(SymbolBarAggregator sut)
    {
        var bars = new Bar[sut.Intervals.Count];
        return bars[..sut.CopyOpenBars(bars)];
    }
}
