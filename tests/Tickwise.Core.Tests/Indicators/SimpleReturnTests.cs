using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class SimpleReturnTests : ValueIndicatorContractTests<SimpleReturn>
{
    protected override SimpleReturn CreateSut() => new();
    protected override int ExpectedWarmUp => 2;
    protected override double[] Batch(double[] closes) => SimpleReturn.Batch(closes);

    protected override IEnumerable<ReferenceCase<SimpleReturn>> ReferenceCases()
    {
        // Computed independently by hand_reference.py (beside this file) from default.csv.
        yield return new("simple return, hand_reference.py", CreateSut, s => s.Value,
            [(0, null), (1, 0.005921052631578938), (2, -0.0007941698589181145), (501, 0.00876002467612591)], 1e-15);
    }

    protected override IEnumerable<Func<QuoteRow, QuoteRow>> BadInputs()
    {
        foreach (var bad in base.BadInputs()) yield return bad;
        yield return r => r.WithClose(0);
        yield return r => r.WithClose(-5);
    }
}
