using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class RealizedVolatilityTests : ValueIndicatorContractTests<RealizedVolatility>
{
    protected override RealizedVolatility CreateSut() => new(20, 252);
    protected override int ExpectedWarmUp => 21;
    protected override double[] Batch(double[] closes) => RealizedVolatility.Batch(closes, 20, 252);

    protected override IEnumerable<ReferenceCase<RealizedVolatility>> ReferenceCases()
    {
        // statistics.stdev (N - 1) of 20 log returns times sqrt(252), by hand_reference.py (beside this file).
        yield return new("realized vol(20, 252/yr), hand_reference.py", CreateSut, s => s.Value,
            [(19, null), (20, 0.061096467702773966), (250, 0.05506034580445086), (501, 0.2926541331559099)], 1e-13);
    }

    protected override IEnumerable<Func<QuoteRow, QuoteRow>> BadInputs()
    {
        foreach (var bad in base.BadInputs()) yield return bad;
        yield return r => r.WithClose(0);
    }

    [Fact]
    public void Constructor_ZeroPeriodsPerYear_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RealizedVolatility(20, 0)).ParamName.ShouldBe("periodsPerYear");
}
