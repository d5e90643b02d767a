namespace Tickwise.Core.Statistics;

/// <summary>The standard normal distribution's cumulative distribution function.</summary>
/// <remarks>
/// The BCL has no erf, so erfc is computed here: for x below 2.5 from the all-positive series
/// erf(x) = 2/√π e^(-x²) Σ (2x²)^n x / (1·3·…·(2n+1)) (no cancellation; absolute error near 1e-16), above it
/// from the continued fraction erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated by
/// Lentz's method (relative error near 1e-15, so tail probabilities keep their digits).
/// </remarks>
public static class NormalDistribution
{
    private const double InvSqrtPi = 0.56418958354775628695;

    /// <summary>Returns P(Z ≤ <paramref name="z"/>) for a standard normal Z; NaN for NaN.</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        double x = z / Math.Sqrt(2);
        return x >= 0 ? 1 - 0.5 * Erfc(x) : 0.5 * Erfc(-x);
    }

    /// <summary>Returns the complementary error function erfc(x) = 1 - erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        if (x < 2.5) return 1 - ErfSeries(x);
        if (x > 27) return 0; // below the smallest double
        return Math.Exp(-x * x) * InvSqrtPi * ContinuedFraction(x);
    }

    private static double ErfSeries(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }

        return 2 * InvSqrtPi * Math.Exp(-x2) * sum;
    }

    // 1/(x + a1/(x + a2/(x + ...))) with a_k = k/2, by the modified Lentz algorithm.
    private static double ContinuedFraction(double x)
    {
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = x + a * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = x + a / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }

        return 1 / f;
    }
}
