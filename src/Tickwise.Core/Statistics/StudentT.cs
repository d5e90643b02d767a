namespace Tickwise.Core.Statistics;

/// <summary>Student's t distribution: two-sided tail probabilities for t statistics.</summary>
/// <remarks>
/// P(|T| ≥ |t|) = I_(ν/(ν+t²))(ν/2, 1/2), the regularized incomplete beta function, evaluated by its continued
/// fraction (modified Lentz) with log-gamma from the Lanczos approximation (g = 7, 9 terms): about 13 significant
/// digits, tails included, for the degrees of freedom of windows and samples (up to ~1e5); beyond, the difference
/// of large log-gammas costs digits (at 1e8, about 7 are left).
/// </remarks>
public static class StudentT
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>Returns P(|T| ≥ |<paramref name="t"/>|) for <paramref name="degreesOfFreedom"/> degrees of freedom; NaN for NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is not positive.</exception>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        double y = t * t / (degreesOfFreedom + t * t); // 1 - x without the cancellation when t² << ν
        return RegularizedBeta(x, y, degreesOfFreedom / 2, 0.5);
    }

    /// <summary>Returns the regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1 and positive a, b,
    /// given also y = 1 - x computed without cancellation.</summary>
    internal static double RegularizedBeta(double x, double y, double a, double b)
    {
        if (x <= 0) return 0;
        if (y <= 0) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(y));
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - front * BetaFraction(y, b, a) / b;
    }

    internal static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x); // reflection
        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static double BetaFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 1000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }

        return h;
    }
}
