using Tickwise.Core.Statistics;

namespace Tickwise.Core.Pairs;

/// <summary>The spread of a pair, A - (β B + α), and its z-score over a window.</summary>
/// <remarks>The z-score uses the population standard deviation of the window (the window includes the latest
/// spread), as <see cref="Indicators.ZScore"/> does.</remarks>
public static class Spread
{
    /// <summary>Writes a[i] - (hedge.HedgeRatio · b[i] + hedge.Intercept) into <paramref name="spread"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, HedgeEstimate hedge, Span<double> spread)
    {
        if (a.Length != b.Length || spread.Length != a.Length)
            throw new ArgumentException($"Lengths differ: a {a.Length}, b {b.Length}, spread {spread.Length}.", nameof(spread));
        double beta = hedge.HedgeRatio, alpha = hedge.Intercept;
        for (int i = 0; i < a.Length; i++) spread[i] = a[i] - (beta * b[i] + alpha);
    }

    /// <summary>Returns the z-score of the last value of <paramref name="spread"/> against the whole span.</summary>
    /// <returns>Ok with the score; NotEnoughData for fewer than two values; NonFiniteInput for a NaN or infinite value
    /// (an undefined hedge gives NaN spreads); ConstantSeries when the spread does not vary (within rounding).</returns>
    public static StatisticStatus ZScore(ReadOnlySpan<double> spread, out double zScore, out double mean, out double standardDeviation)
    {
        zScore = mean = standardDeviation = double.NaN;
        int n = spread.Length;
        if (n < 2) return StatisticStatus.NotEnoughData;
        double sum = 0;
        foreach (double v in spread)
        {
            if (!double.IsFinite(v)) return StatisticStatus.NonFiniteInput;
            sum += v;
        }

        double m = sum / n, squares = 0, correction = 0;
        foreach (double v in spread)
        {
            double d = v - m;
            squares += d * d;
            correction += d;
        }

        squares -= correction * correction / n; // two-pass with the mean's rounding corrected
        m += correction / n;
        mean = m;
        if (Flat(squares, n, m)) return StatisticStatus.ConstantSeries;
        standardDeviation = Math.Sqrt(squares / n);
        zScore = (spread[n - 1] - m) / standardDeviation;
        return StatisticStatus.Ok;
    }

    // As Statistics.Flatness: variation within a few ulps of the mean is rounding, not spread.
    private static bool Flat(double squares, int n, double mean)
    {
        double ulps = 4 * double.Epsilon + 4 * 2.220446049250313e-16 * Math.Abs(mean);
        return !(squares > n * ulps * ulps);
    }
}
