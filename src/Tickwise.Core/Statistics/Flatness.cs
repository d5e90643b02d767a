namespace Tickwise.Core.Statistics;

/// <summary>Decides when a centered series has no variation at working precision.</summary>
internal static class Flatness
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Returns whether a centered sum of squares is within a few ulps of the mean per value: rounding
    /// of the mean itself rather than variation (a constant 0.1 centers to ±1e-17, not 0).</summary>
    public static bool IsFlat(double centeredSquares, int n, double mean)
    {
        double ulps = 4 * double.Epsilon + 4 * Epsilon * Math.Abs(mean);
        return !(centeredSquares > n * ulps * ulps);
    }
}
