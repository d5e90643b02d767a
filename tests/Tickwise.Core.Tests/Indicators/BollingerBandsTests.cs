using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class BollingerBandsTests : ValueIndicatorContractTests<BollingerBands>
{
    protected override BollingerBands CreateSut() => new(20, 2);
    protected override int ExpectedWarmUp => 20;
    protected override double Read(BollingerBands sut) => sut.Upper;
    protected override double[] Batch(double[] closes) => BollingerBands.Batch(closes, 20, 2).Upper;

    protected override IEnumerable<ReferenceCase<BollingerBands>> ReferenceCases()
    {
        // Stock.Indicators BollingerBands.StaticSeries.Tests.cs: Money4 for sma/bands, Money6 for percentB/zScore/width.
        const string sample = "BollingerBands(20,2)";
        Func<BollingerBands> create = () => new BollingerBands(20, 2);
        yield return new("BB middle", create, s => s.Middle, ReferenceData.Sample(sample, "sma"), Tolerances.Money4);
        yield return new("BB upper", create, s => s.Upper, ReferenceData.Sample(sample, "upperBand"), Tolerances.Money4);
        yield return new("BB lower", create, s => s.Lower, ReferenceData.Sample(sample, "lowerBand"), Tolerances.Money4);
        yield return new("BB %B", create, s => s.PercentB, ReferenceData.Sample(sample, "percentB"), Tolerances.Money6);
        yield return new("BB z-score", create, s => s.ZScore, ReferenceData.Sample(sample, "zScore"), Tolerances.Money6);
        yield return new("BB width", create, s => s.Width, ReferenceData.Sample(sample, "width"), Tolerances.Money6);
        // Stock.Indicators _testdata/results/bb.standard.json, Bars.ToBollingerBands(20, 2).
        foreach ((string field, Func<BollingerBands, double> read) in new (string, Func<BollingerBands, double>)[]
                 {
                     ("sma", s => s.Middle), ("upperBand", s => s.Upper), ("lowerBand", s => s.Lower),
                     ("percentB", s => s.PercentB), ("zScore", s => s.ZScore), ("width", s => s.Width),
                 })
            yield return new($"bb.standard.json {field}", create, read, ReferenceData.Baseline("bb.standard.json", field), Tolerances.Baseline);
    }

    [Fact]
    public void Update_FlatWindow_PercentBAndZScoreAreNaN()
    {
        var sut = new BollingerBands(5, 2);
        for (int i = 0; i < 5; i++) sut.Update(42.1);
        sut.Middle.ShouldBe(42.1, 1e-12);
        sut.Upper.ShouldBe(42.1, 1e-12);
        double.IsNaN(sut.PercentB).ShouldBeTrue();
        double.IsNaN(sut.ZScore).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_NonPositiveMultiplier_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new BollingerBands(20, 0)).ParamName.ShouldBe("multiplier");
}
