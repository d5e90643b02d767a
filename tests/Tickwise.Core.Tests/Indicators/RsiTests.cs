using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class RsiTests : ValueIndicatorContractTests<Rsi>
{
    protected override Rsi CreateSut() => new(14);
    protected override int ExpectedWarmUp => 15;
    protected override double[] Batch(double[] closes) => Rsi.Batch(closes, 14);

    protected override IEnumerable<ReferenceCase<Rsi>> ReferenceCases()
    {
        // Stock.Indicators Rsi.StaticSeries.Tests.cs, Money4; Wilder smoothing, first value at index 14.
        yield return new("Stock.Indicators RSI(14)", () => new Rsi(14), s => s.Value, ReferenceData.Sample("RSI(14)"), Tolerances.Money4);
        yield return new("Stock.Indicators rsi.standard.json", () => new Rsi(14), s => s.Value, ReferenceData.Baseline("rsi.standard.json", "rsi"), Tolerances.Baseline);
    }

    [Fact]
    public void Update_OnlyRises_Is100()
    {
        var sut = new Rsi(3);
        for (int i = 0; i < 10; i++) sut.Update(i);
        sut.Value.ShouldBe(100);
    }

    [Fact]
    public void Update_OnlyFalls_Is0()
    {
        var sut = new Rsi(3);
        for (int i = 0; i < 10; i++) sut.Update(-i);
        sut.Value.ShouldBe(0);
    }
}
