using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

public sealed class LogReturnTests : ValueIndicatorContractTests<LogReturn>
{
    protected override LogReturn CreateSut() => new();
    protected override int ExpectedWarmUp => 2;
    protected override double[] Batch(double[] closes) => LogReturn.Batch(closes);

    protected override IEnumerable<ReferenceCase<LogReturn>> ReferenceCases()
    {
        // Computed independently by hand_reference.py (beside this file) from default.csv.
        yield return new("log return, hand_reference.py", CreateSut, s => s.Value,
            [(0, null), (1, 0.00590359208874022), (2, -0.0007944853788625349), (501, 0.008721878273709256)], 1e-15);
    }

    protected override IEnumerable<Func<QuoteRow, QuoteRow>> BadInputs()
    {
        foreach (var bad in base.BadInputs()) yield return bad;
        yield return r => r.WithClose(0);
        yield return r => r.WithClose(-5);
    }
}
