namespace Tickwise.Core.Tests.Indicators;

/// <summary>Named tolerances of the reference tests, with their sources.</summary>
internal static class Tolerances
{
    // Stock.Indicators tests/indicators/_base/TestBase.Precision.cs lines 16-22: BeApproximately(expected, MoneyN)
    // is an absolute tolerance; the published sample values are rounded to that many decimals.
    public const double Money3 = 0.0005;
    public const double Money4 = 5e-05;
    public const double Money6 = 5e-07;
    public const double Money12 = 5e-13;

    // shared/reference/indicators/expected.json, tolerance_constants.note: the results/*.standard.json baselines are
    // asserted exactly upstream; a reimplementation with a different summation order should use ~1e-9 absolute.
    public const double Baseline = 1e-9;

    // Incremental against batch: the same formulas in another order, so they agree to rounding (relative).
    public const double IncrementalVsBatch = 1e-9;
}
