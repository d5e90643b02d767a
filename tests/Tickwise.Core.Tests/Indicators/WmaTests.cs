using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class WmaTests : ValueIndicatorContractTests<Wma>
{
    protected override Wma CreateSut() => new(14);
    protected override int ExpectedWarmUp => 14;
    protected override double[] Batch(double[] closes) => Wma.Batch(closes, 14);

    protected override IEnumerable<ReferenceCase<Wma>> ReferenceCases()
    {
        // Stock.Indicators Wma.StaticSeries.Tests.cs (lookback 20), Money4.
        yield return new("Stock.Indicators WMA(20)", () => new Wma(20), s => s.Value, ReferenceData.Sample("WMA(20)"), Tolerances.Money4);
        // Stock.Indicators _testdata/results/wma.standard.json, Bars.ToWma(14).
        yield return new("Stock.Indicators wma.standard.json", () => new Wma(14), s => s.Value, ReferenceData.Baseline("wma.standard.json", "wma"), Tolerances.Baseline);
    }

    [Fact]
    public void Update_ThreeInputs_WeightsNewestMost()
    {
        var sut = new Wma(3);
        sut.Update(1);
        sut.Update(2);
        sut.Update(6);
        sut.Value.ShouldBe((1 * 1 + 2 * 2 + 3 * 6) / 6.0, 1e-15);
        sut.Update(0);
        sut.Value.ShouldBe((1 * 2 + 2 * 6 + 3 * 0) / 6.0, 1e-15);
    }
}
