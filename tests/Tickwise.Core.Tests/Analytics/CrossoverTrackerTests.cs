using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Analytics.AnalyticsTestData;

namespace Tickwise.Core.Tests.Analytics;

public sealed partial class CrossoverTrackerTests
{
    private static CrossoverTracker Primed(decimal close = 100m, CrossoverTrackerOptions? options = null)
    {
        var sut = new CrossoverTracker(Btc, options);
        for (int i = 0; i < sut.Options.SmaBars; i++) sut.OnBar(MakeBar(close, Start + i * 60_000L));
        return sut;
    }

    [Fact]
    public void OnQuote_BeforeTheAverageIsReady_IsNeutral()
    {
        var sut = new CrossoverTracker(Btc);
        for (int i = 0; i < 4; i++) sut.OnBar(MakeBar(100m, Start + i * 60_000L));

        sut.OnQuote(MakeQuote(120m, 1m, 121m, 1m, Start + 300_000)).ShouldBeTrue();

        double.IsNaN(sut.Sma).ShouldBeTrue();
        sut.State.ShouldBe(CrossoverState.Neutral);
        sut.MidPrice.ShouldBe(120.5);
    }

    [Fact]
    public void OnBar_FiveCloses_AverageEqualsSmaBatch()
    {
        decimal[] closes = [100m, 101.5m, 99.25m, 102m, 98m, 97m, 110m];
        var sut = new CrossoverTracker(Btc);

        for (int i = 0; i < closes.Length; i++) sut.OnBar(MakeBar(closes[i], Start + i * 60_000L));

        sut.Sma.ShouldBe(Core.Indicators.Sma.Batch(closes.Select(c => (double)c).ToArray(), 5)[^1], 1e-12);
    }

    [Fact]
    public void OnQuote_MidCrossesTheAverage_RecordsEachCrossWithItsTime()
    {
        CrossoverTracker sut = Primed(100m);
        long t0 = Start + 300_000;

        sut.OnQuote(MakeQuote(100.5m, 1m, 100.7m, 1m, t0));       // mid 100.6: first side, not a cross
        sut.State.ShouldBe(CrossoverState.Over);
        sut.CrossCount.ShouldBe(0);
        sut.LastCrossTimeMs.ShouldBeNull();

        sut.OnQuote(MakeQuote(99.9m, 1m, 100.1m, 1m, t0 + 10));    // mid 100: on the average, neutral
        sut.State.ShouldBe(CrossoverState.Neutral);
        sut.OnQuote(MakeQuote(99.5m, 1m, 99.7m, 1m, t0 + 20));     // below: a cross
        sut.State.ShouldBe(CrossoverState.Under);
        sut.CrossCount.ShouldBe(1);
        sut.LastCrossTimeMs.ShouldBe(t0 + 20);
        sut.LastCrossDirection.ShouldBe(CrossoverState.Under);

        sut.OnQuote(MakeQuote(99.6m, 1m, 99.8m, 1m, t0 + 30));     // still under: no new cross
        sut.CrossCount.ShouldBe(1);
        sut.OnQuote(MakeQuote(100.2m, 1m, 100.4m, 1m, t0 + 40));   // back over
        sut.CrossCount.ShouldBe(2);
        sut.LastCrossTimeMs.ShouldBe(t0 + 40);
        sut.LastCrossDirection.ShouldBe(CrossoverState.Over);
    }

    [Fact]
    public void OnBar_AverageMovesAcrossTheMid_CrossesAtTheBarCloseTime()
    {
        CrossoverTracker sut = Primed(100m);
        sut.OnQuote(MakeQuote(100.9m, 1m, 101.1m, 1m, Start + 300_000)); // mid 101 over 100

        long open = Start + 5 * 60_000L;
        sut.OnBar(MakeBar(110m, open)); // SMA (100·4 + 110) / 5 = 102 > 101

        sut.State.ShouldBe(CrossoverState.Under);
        sut.LastCrossTimeMs.ShouldBe(open + 60_000);
    }

    [Fact]
    public void OnQuote_WithinTheNeutralBand_StaysNeutral()
    {
        CrossoverTracker sut = Primed(100m, new CrossoverTrackerOptions { NeutralBandBps = 10 }); // ±0.1

        sut.OnQuote(MakeQuote(100.04m, 1m, 100.12m, 1m, Start + 300_000)); // mid 100.08
        sut.State.ShouldBe(CrossoverState.Neutral);
        sut.OnQuote(MakeQuote(100.1m, 1m, 100.2m, 1m, Start + 300_001));   // mid 100.15
        sut.State.ShouldBe(CrossoverState.Over);
    }

    [Theory]
    [InlineData(1, 9, BookPressure.Bid)]    // thin bid: micro-price near the bid
    [InlineData(9, 1, BookPressure.Ask)]
    [InlineData(5, 5, BookPressure.Neutral)]
    [InlineData(5.4, 4.6, BookPressure.Neutral)] // imbalance 0.08 within 0.1
    [InlineData(0, 3, BookPressure.Bid)]
    public void OnQuote_QuantityImbalance_GivesPressure(double bidQty, double askQty, BookPressure expected)
    {
        var sut = new CrossoverTracker(Btc);

        sut.OnQuote(MakeQuote(100m, (decimal)bidQty, 102m, (decimal)askQty, Start));

        sut.Pressure.ShouldBe(expected);
        sut.MicroPrice.ShouldBe((100 * askQty + 102 * bidQty) / (bidQty + askQty), 1e-12);
        sut.Imbalance.ShouldBe((bidQty - askQty) / (bidQty + askQty), 1e-12);
    }

    [Fact]
    public void OnQuote_BothQuantitiesZero_IsNeutralWithNaNMicroPrice()
    {
        var sut = new CrossoverTracker(Btc);

        sut.OnQuote(MakeQuote(100m, 0m, 101m, 0m, Start)).ShouldBeTrue();

        sut.Pressure.ShouldBe(BookPressure.Neutral);
        double.IsNaN(sut.MicroPrice).ShouldBeTrue();
    }

    [Fact]
    public void OnQuote_RealBtcSpread_GivesPriceAndBasisPoints()
    {
        var sut = new CrossoverTracker(Btc);

        sut.OnQuote(MakeQuote(61_000.00m, 2m, 61_000.01m, 1m, Start));

        sut.QuotedSpread.ShouldBe(0.01m);
        sut.QuotedSpreadBps.ShouldBe(0.01 / 61_000.005 * 10_000, 1e-12);
    }

    [Fact]
    public void OnQuote_CrossedOrZeroBook_IsRejectedAndCounted()
    {
        var sut = new CrossoverTracker(Btc);
        sut.OnQuote(MakeQuote(100m, 1m, 101m, 1m, Start));

        sut.OnQuote(MakeQuote(102m, 1m, 101m, 1m, Start + 1)).ShouldBeFalse();
        sut.OnQuote(MakeQuote(0m, 1m, 101m, 1m, Start + 2)).ShouldBeFalse();

        sut.RejectedQuoteCount.ShouldBe(2);
        sut.MidPrice.ShouldBe(100.5);
        sut.LastQuoteTimeMs.ShouldBe(Start);
    }

    [Fact]
    public void OnQuoteAndOnBar_OtherSymbolOrInterval_AreIgnored()
    {
        CrossoverTracker sut = Primed(100m);
        var eth = new Symbol("ETHUSDT");

        sut.OnQuote(MakeQuote(3000m, 1m, 3001m, 1m, Start, eth)).ShouldBeFalse();
        sut.OnBar(MakeBar(3000m, Start, symbol: eth)).ShouldBeFalse();
        sut.OnBar(MakeBar(500m, Start, Interval.OneHour)).ShouldBeFalse();

        sut.Sma.ShouldBe(100);
        double.IsNaN(sut.MidPrice).ShouldBeTrue();
        sut.RejectedQuoteCount.ShouldBe(0);
    }

    [Fact]
    public void Reset_AfterActivity_RestoresTheStartState()
    {
        CrossoverTracker sut = Primed(100m);
        sut.OnQuote(MakeQuote(101m, 1m, 101.2m, 1m, Start));
        sut.OnQuote(MakeQuote(98m, 1m, 98.2m, 1m, Start + 1));

        sut.Reset();

        sut.State.ShouldBe(CrossoverState.Neutral);
        sut.CrossCount.ShouldBe(0);
        sut.LastCrossTimeMs.ShouldBeNull();
        double.IsNaN(sut.Sma).ShouldBeTrue();
        double.IsNaN(sut.MidPrice).ShouldBeTrue();
        sut.Pressure.ShouldBe(BookPressure.Neutral);
    }

    [Theory]
    [InlineData(0, 0.0, 0.1, "SmaBars")]
    [InlineData(5, -1.0, 0.1, "NeutralBandBps")]
    [InlineData(5, double.NaN, 0.1, "NeutralBandBps")]
    [InlineData(5, 0.0, 1.0, "PressureTolerance")]
    public void Constructor_BadOptions_ThrowWithTheOptionName(int bars, double band, double tolerance, string name)
    {
        var options = new CrossoverTrackerOptions { SmaBars = bars, NeutralBandBps = band, PressureTolerance = tolerance };

        Should.Throw<ArgumentOutOfRangeException>(() => new CrossoverTracker(Btc, options)).ParamName.ShouldBe(name);
    }

    [Fact]
    public void Constructor_EmptySymbol_Throws()
    {
        Should.Throw<ArgumentException>(() => new CrossoverTracker(default)).ParamName.ShouldBe("symbol");
    }
}
