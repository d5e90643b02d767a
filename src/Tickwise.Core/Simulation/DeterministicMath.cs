namespace Tickwise.Core.Simulation;

/// <summary>
/// <c>exp</c>, <c>log</c> and <c>tanh</c> computed from additions, multiplications and divisions only, so that
/// they give the same bits on every machine.
/// </summary>
/// <remarks>
/// <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/> call the platform's C library, which may round the last bit
/// differently on another OS or CPU; one different bit in a price path changes every event after it. IEEE 754
/// basic operations and <see cref="Math.Sqrt"/> are correctly rounded everywhere, and the JIT does not fuse
/// multiply-adds on its own, so these functions are reproducible. They are accurate to a few ulps, which is
/// plenty for a simulation.
/// </remarks>
internal static class DeterministicMath
{
    // Cody-Waite split of ln 2 (fdlibm): the high part has trailing zero bits, so k * Ln2Hi is exact.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;

    /// <summary>Returns e raised to <paramref name="x"/>.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.782712893384) return double.PositiveInfinity;
        if (x < -745.1332191019412) return 0;

        double k = Math.Floor(x * InvLn2 + 0.5);
        double r = (x - k * Ln2Hi) - k * Ln2Lo; // |r| <= ln2 / 2 (plus rounding)

        // Taylor series to r^13: the next term is below 4e-18 for |r| <= 0.35.
        double p = 1.0 / 6227020800;
        p = p * r + 1.0 / 479001600;
        p = p * r + 1.0 / 39916800;
        p = p * r + 1.0 / 3628800;
        p = p * r + 1.0 / 362880;
        p = p * r + 1.0 / 40320;
        p = p * r + 1.0 / 5040;
        p = p * r + 1.0 / 720;
        p = p * r + 1.0 / 120;
        p = p * r + 1.0 / 24;
        p = p * r + 1.0 / 6;
        p = p * r + 0.5;
        p = p * r + 1;
        p = p * r + 1;

        return ScaleByPowerOfTwo(p, (int)k);
    }

    /// <summary>Returns the natural logarithm of <paramref name="x"/>: NaN below zero, negative infinity at zero.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;

        int exponentBias = 0;
        if (x < 2.2250738585072014e-308)
        {
            x *= 18014398509481984.0; // 2^54 brings a subnormal into the normal range
            exponentBias = -54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF) - 1023 + exponentBias;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L); // [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        // log(m) = 2 atanh(f) with f = (m - 1) / (m + 1), |f| <= 0.1716: the series to f^21 is exact to 1e-17.
        double f = (m - 1) / (m + 1);
        double f2 = f * f;
        double s = 1.0 / 21;
        s = s * f2 + 1.0 / 19;
        s = s * f2 + 1.0 / 17;
        s = s * f2 + 1.0 / 15;
        s = s * f2 + 1.0 / 13;
        s = s * f2 + 1.0 / 11;
        s = s * f2 + 1.0 / 9;
        s = s * f2 + 1.0 / 7;
        s = s * f2 + 1.0 / 5;
        s = s * f2 + 1.0 / 3;
        double logM = 2 * f + 2 * f * f2 * s;
        return e * Ln2Hi + (logM + e * Ln2Lo);
    }

    /// <summary>Returns the hyperbolic tangent of <paramref name="x"/>.</summary>
    public static double Tanh(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 20) return 1;   // tanh(20) rounds to 1 in double
        if (x < -20) return -1;
        double e2 = Exp(2 * x);
        return (e2 - 1) / (e2 + 1);
    }

    private static double ScaleByPowerOfTwo(double value, int k)
    {
        // Build 2^k from its bits; split extreme exponents in two steps so that neither factor overflows.
        if (k > 1023) return value * 2.0 * PowerOfTwo(k - 1);
        if (k < -1022) return value * PowerOfTwo(k + 600) * PowerOfTwo(-600);
        return value * PowerOfTwo(k);
    }

    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
