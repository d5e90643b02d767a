using Tickwise.Core.Indicators;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Indicators;

public sealed class AtrTests : IndicatorContractTests<Atr>
{
    protected override Atr CreateSut() => new(14);
    protected override int ExpectedWarmUp => 15;
    protected override void Update(Atr sut, QuoteRow row) => sut.Update(row.High, row.Low, row.Close);

    protected override double[] Batch(IReadOnlyList<QuoteRow> rows) =>
        Atr.Batch(rows.Select(r => r.High).ToArray(), rows.Select(r => r.Low).ToArray(), rows.Select(r => r.Close).ToArray(), 14);

    protected override IEnumerable<ReferenceCase<Atr>> ReferenceCases()
    {
        // Stock.Indicators Atr.StaticSeries.Tests.cs: Money8 for tr, Money4 for atr and atrp.
        yield return new("ATR(14) tr", CreateSut, s => s.TrueRange, ReferenceData.Sample("ATR(14)", "tr"), 5e-9);
        yield return new("ATR(14) atr", CreateSut, s => s.Value, ReferenceData.Sample("ATR(14)", "atr"), Tolerances.Money4);
        yield return new("ATR(14) atrp", CreateSut, s => s.Percent, ReferenceData.Sample("ATR(14)", "atrp"), Tolerances.Money4);
    }

    protected override IEnumerable<Func<QuoteRow, QuoteRow>> BadInputs()
    {
        yield return r => r with { High = double.NaN };
        yield return r => r with { Low = double.NegativeInfinity };
        yield return r => r.WithClose(double.PositiveInfinity);
        yield return r => r with { High = r.Low - 1 };
    }

    [Fact]
    public void Update_Bar_UsesItsPrices()
    {
        var sut = new Atr(1);
        var symbol = Symbol.TryParse("BTCUSDT"u8, out Symbol s) ? s : throw new InvalidOperationException();
        sut.Update(new Bar(symbol, Interval.OneMinute, 60_000 * 28_000_000L, Price.Parse("10"), Price.Parse("12"), Price.Parse("9"), Price.Parse("11"), 1m, 11m, 1, 0m, 0m));
        sut.Update(new Bar(symbol, Interval.OneMinute, 60_000 * 28_000_001L, Price.Parse("11"), Price.Parse("15"), Price.Parse("10.5"), Price.Parse("14"), 1m, 14m, 1, 0m, 0m));
        sut.TrueRange.ShouldBe(4.5);
        sut.Value.ShouldBe(4.5);
    }

    [Fact]
    public void Batch_SpansOfDifferentLengths_Throws() =>
        Should.Throw<ArgumentException>(() => Atr.Batch([1, 2], [1], [1, 2]));
}
