using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class EmaTests : ValueIndicatorContractTests<Ema>
{
    protected override Ema CreateSut() => new(20);
    protected override int ExpectedWarmUp => 20;
    protected override double[] Batch(double[] closes) => Ema.Batch(closes, 20);

    protected override IEnumerable<ReferenceCase<Ema>> ReferenceCases()
    {
        // Stock.Indicators Ema.StaticSeries.Tests.cs, Money4; seeded with the SMA of the first 20 closes.
        yield return new("Stock.Indicators EMA(20) close", () => new Ema(20), s => s.Value, ReferenceData.Sample("EMA(20) close"), Tolerances.Money4);
        yield return new("Stock.Indicators ema.standard.json", () => new Ema(20), s => s.Value, ReferenceData.Baseline("ema.standard.json", "ema"), Tolerances.Baseline);
    }

    [Fact]
    public void Update_AfterSeed_AppliesSmoothingFactor()
    {
        // Stock.Indicators Ema.Increment(lookback=20, lastEma=217.5693, newValue=222.10) = 218.0008 (Money4):
        // a 20-period EMA seeded at 217.5693 (twenty equal inputs) moves to 218.0008 on 222.10.
        var sut = new Ema(20);
        for (int i = 0; i < 20; i++) sut.Update(217.5693);
        sut.Update(222.10);
        sut.Value.ShouldBe(218.0008, Tolerances.Money4);
    }

    [Fact]
    public void Constructor_NegativePeriod_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Ema(-3)).ParamName.ShouldBe("period");
}
