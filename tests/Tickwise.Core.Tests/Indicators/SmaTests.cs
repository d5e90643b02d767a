using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class SmaTests : ValueIndicatorContractTests<Sma>
{
    protected override Sma CreateSut() => new(20);
    protected override int ExpectedWarmUp => 20;
    protected override double[] Batch(double[] closes) => Sma.Batch(closes, 20);

    protected override IEnumerable<ReferenceCase<Sma>> ReferenceCases()
    {
        // Stock.Indicators Sma.StaticSeries.Tests.cs DefaultParameters_ReturnsExpectedResults, Money12.
        yield return new("Stock.Indicators SMA(20) close", () => new Sma(20), s => s.Value, ReferenceData.Sample("SMA(20) close"), Tolerances.Money12);
        // Stock.Indicators _testdata/results/sma.standard.json, Bars.ToSma(20).
        yield return new("Stock.Indicators sma.standard.json", () => new Sma(20), s => s.Value, ReferenceData.Baseline("sma.standard.json", "sma"), Tolerances.Baseline);
    }

    [Fact]
    public void Constructor_PeriodZero_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Sma(0)).ParamName.ShouldBe("period");

    [Fact]
    public void Update_PeriodOne_EchoesInput()
    {
        var sut = new Sma(1);
        sut.Update(3.5);
        sut.Value.ShouldBe(3.5);
    }
}
