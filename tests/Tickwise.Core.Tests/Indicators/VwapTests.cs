using Tickwise.Core.Indicators;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Indicators;

public sealed class VwapTests : IndicatorContractTests<Vwap>
{
    protected override Vwap CreateSut() => new(10);
    protected override int ExpectedWarmUp => 10;
    protected override void Update(Vwap sut, QuoteRow row) => sut.Update(row.Close, row.Volume);

    protected override double[] Batch(IReadOnlyList<QuoteRow> rows) =>
        Vwap.Batch(rows.Select(r => r.Close).ToArray(), rows.Select(r => r.Volume).ToArray(), 10);

    protected override IEnumerable<ReferenceCase<Vwap>> ReferenceCases()
    {
        // Not in Stock.Indicators' set: computed independently by hand_reference.py (beside this file) from default.csv.
        yield return new("session VWAP, hand_reference.py", () => new Vwap(), s => s.Value,
            [(0, 212.8), (1, 213.38325451886425), (2, 213.5430928061635)], 1e-12);
        yield return new("rolling VWAP(10), hand_reference.py", CreateSut, s => s.Value,
            [(8, null), (9, 213.98194225635703), (100, 226.45397950212427), (501, 242.10154844941823)], 1e-11);
    }

    // The batch reference sums in decimal, whose range (1e-28 to 7.9e28) bounds the scales it can check.
    protected override (double Tiny, double Huge) Magnitudes => (1e-6, 1e12);

    protected override IEnumerable<Func<QuoteRow, QuoteRow>> BadInputs()
    {
        yield return r => r.WithClose(double.NaN);
        yield return r => r.WithClose(0);
        yield return r => r with { Volume = -1 };
        yield return r => r with { Volume = double.PositiveInfinity };
    }

    [Fact]
    public void Update_SessionOverLongRun_AgreesWithBatch()
    {
        QuoteRow[] rows = ReferenceData.RandomWalk(100_000, 60_000, 5, seed: 2);
        double[] expected = Vwap.Batch(rows.Select(r => r.Close).ToArray(), rows.Select(r => r.Volume).ToArray());
        var sut = new Vwap();
        foreach (QuoteRow r in rows) sut.Update(r.Close, r.Volume);
        sut.Value.ShouldBe(expected[^1], 1e-9);
    }

    [Fact]
    public void Update_RealBtcTrades_MatchesExchangeQuoteOverBaseVolume()
    {
        // 19,904 real spot trades (shared/data/binance/trades, Binance dump layout id,price,qty,quote_qty,...):
        // the exact session VWAP is the exchange's summed quote_qty over summed qty, in decimal.
        string file = Directory.GetFiles(ReferenceData.SharedPath("data", "binance", "trades"), "BTCUSDT-trades-spot-*.csv").Single();
        decimal quote = 0, volume = 0;
        var sut = new Vwap();
        foreach (string line in File.ReadLines(file))
        {
            string[] f = line.Split(',');
            decimal price = decimal.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            decimal qty = decimal.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
            quote += decimal.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
            volume += qty;
            sut.Update((double)price, (double)qty);
        }

        sut.SampleCount.ShouldBe(19_904);
        sut.Value.ShouldBe((double)(quote / volume), 1e-12 * (double)(quote / volume));
    }

    [Fact]
    public void Update_OnlyZeroVolume_IsNotReady()
    {
        var sut = new Vwap();
        sut.Update(100, 0);
        sut.IsReady.ShouldBeFalse();
        double.IsNaN(sut.Value).ShouldBeTrue();
        sut.Update(110, 2);
        sut.Value.ShouldBe(110);
    }

    [Fact]
    public void Update_RollingWindowOfZeroVolumes_IsNotReadyThenRecovers()
    {
        var sut = new Vwap(3);
        sut.Update(60_000.37, 0.123);
        sut.Update(60_001.11, 7.77);
        sut.Update(59_999.93, 0.001);
        for (int i = 0; i < 3; i++) sut.Update(60_000, 0);
        sut.IsReady.ShouldBeFalse();
        double.IsNaN(sut.Value).ShouldBeTrue();
        sut.Update(60_002, 1);
        sut.Value.ShouldBe(60_002);
    }

    [Fact]
    public void Update_Bars_WeighsByQuoteVolume()
    {
        Symbol.TryParse("ETHUSDT"u8, out Symbol symbol).ShouldBeTrue();
        var sut = new Vwap();
        sut.Update(new Bar(symbol, Interval.OneMinute, 60_000 * 28_000_000L, Price.Parse("10"), Price.Parse("12"), Price.Parse("9"), Price.Parse("11"), 2m, 21m, 3, 0m, 0m));
        sut.Update(new Bar(symbol, Interval.OneMinute, 60_000 * 28_000_001L, Price.Parse("11"), Price.Parse("11"), Price.Parse("11"), Price.Parse("11"), 0m, 0m, 0, 0m, 0m));
        sut.Update(new Bar(symbol, Interval.OneMinute, 60_000 * 28_000_002L, Price.Parse("11"), Price.Parse("13"), Price.Parse("11"), Price.Parse("12"), 1m, 12m, 1, 0m, 0m));
        sut.Value.ShouldBe(33.0 / 3.0, 1e-12);
    }

    [Fact]
    public void Constructor_ZeroWindow_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Vwap(0)).ParamName.ShouldBe("window");
}
