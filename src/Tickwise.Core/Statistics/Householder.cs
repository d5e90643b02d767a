using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tickwise.Core.Statistics;

/// <summary>The vector kernels of the Householder QR in <see cref="NestedLeastSquares"/>: dot products, norms and
/// the application of one reflection to the columns after it, over a column-major design.</summary>
/// <remarks>
/// <para>Determinism: every sum runs four lanes wide with <see cref="Vector256{T}"/> (a fixed width, so the same
/// summation order on every machine, with or without AVX), the lanes are added in a fixed order
/// ((l0 + l1) + (l2 + l3), unlike Vector256.Sum) and the tail left to right; multiplications and additions are
/// separate operations (no fused multiply-add). Replay gives the same bits everywhere.</para>
/// <para>Speed: a reflection is applied to four target columns per pass (<see cref="Reflect"/>). Each column keeps
/// its own accumulator and the same order of operations as a one-column pass, so the results are bit for bit those
/// of reflecting one column at a time; but the four sums are independent chains, which hides the latency of the
/// additions (a single running sum waits about four cycles per step), and v is loaded once for four columns.</para>
/// </remarks>
internal static class Householder
{
    /// <summary>Applies H = I - 2 u u' / (u'u), u = (v0, column j below row j), to rows j…n-1 of the columns
    /// <paramref name="first"/>…<paramref name="last"/> of the column-major <paramref name="design"/> (n rows each).</summary>
    public static void Reflect(Span<double> design, int n, int j, double v0, double vv, int first, int last)
    {
        int m = first;
        for (; m + 3 <= last; m += 4) Reflect4(design, n, j, v0, vv, m);
        for (; m <= last; m++) Reflect1(design, n, j, v0, vv, m);
    }

    /// <summary>Returns a · b, four lanes wide in a fixed order (see remarks).</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref double ra = ref MemoryMarshal.GetReference(a), rb = ref MemoryMarshal.GetReference(b);
        var sum = Vector256<double>.Zero;
        int i = 0, length = a.Length;
        for (; i <= length - 4; i += 4)
            sum += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
        double s = Reduce(sum);
        for (; i < length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Returns the Euclidean length of x, scaled by the largest magnitude so that squares neither overflow
    /// nor underflow (raw columns can hold years or prices near 1e150); one multiplication by the inverse rather than
    /// a division per value.</summary>
    public static double Norm(ReadOnlySpan<double> x)
    {
        double max = 0;
        for (int i = 0; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        if (max == 0 || !double.IsFinite(max)) return max;
        double inverse = 1 / max;
        if (!double.IsFinite(inverse)) // subnormal max
        {
            double slow = 0;
            for (int i = 0; i < x.Length; i++) { double t = x[i] / max; slow += t * t; }
            return max * Math.Sqrt(slow);
        }

        ref double rx = ref MemoryMarshal.GetReference(x);
        var sum = Vector256<double>.Zero;
        var scale = Vector256.Create(inverse);
        int k = 0;
        for (; k <= x.Length - 4; k += 4)
        {
            Vector256<double> t = Vector256.LoadUnsafe(ref rx, (nuint)k) * scale;
            sum += t * t;
        }

        double s = Reduce(sum);
        for (; k < x.Length; k++) { double t = x[k] * inverse; s += t * t; }
        return max * Math.Sqrt(s);
    }

    /// <summary>Centers the columns <paramref name="first"/>…<paramref name="last"/> of the column-major
    /// <paramref name="design"/> (n rows each) and stores their means: per column exactly <see cref="Ols.Center"/>
    /// (a sequential sum, then a sequential correction), four columns interleaved so that their sums run as
    /// independent chains.</summary>
    public static void Center(Span<double> design, int n, int first, int last, Span<double> means)
    {
        int m = first;
        for (; m + 3 <= last; m += 4)
        {
            ref double c0 = ref design[m * n], c1 = ref design[(m + 1) * n], c2 = ref design[(m + 2) * n], c3 = ref design[(m + 3) * n];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < n; i++)
            {
                s0 += Unsafe.Add(ref c0, i);
                s1 += Unsafe.Add(ref c1, i);
                s2 += Unsafe.Add(ref c2, i);
                s3 += Unsafe.Add(ref c3, i);
            }

            s0 /= n; s1 /= n; s2 /= n; s3 /= n;
            double k0 = 0, k1 = 0, k2 = 0, k3 = 0;
            for (int i = 0; i < n; i++)
            {
                k0 += Unsafe.Add(ref c0, i) - s0;
                k1 += Unsafe.Add(ref c1, i) - s1;
                k2 += Unsafe.Add(ref c2, i) - s2;
                k3 += Unsafe.Add(ref c3, i) - s3;
            }

            means[m] = s0 + k0 / n;
            means[m + 1] = s1 + k1 / n;
            means[m + 2] = s2 + k2 / n;
            means[m + 3] = s3 + k3 / n;
            for (int c = 0; c < 4; c++) Subtract(design.Slice((m + c) * n, n), means[m + c]);
        }

        for (; m <= last; m++) means[m] = Ols.Center(design.Slice(m * n, n));
    }

    /// <summary>Stores the length of each column <paramref name="first"/>…<paramref name="last"/> of the
    /// column-major <paramref name="design"/>: per column exactly <see cref="Norm"/>, four columns interleaved.</summary>
    public static void Norms(ReadOnlySpan<double> design, int n, int first, int last, Span<double> norms)
    {
        int m = first;
        for (; m + 3 <= last; m += 4)
        {
            ref double c0 = ref MemoryMarshal.GetReference(design.Slice(m * n, n));
            ref double c1 = ref Unsafe.Add(ref c0, n);
            ref double c2 = ref Unsafe.Add(ref c1, n);
            ref double c3 = ref Unsafe.Add(ref c2, n);
            // The largest magnitudes: a maximum does not depend on the order, so lanes give Norm's exact value,
            // short of a NaN (which Math.Max propagates and MaxNative may not): such a column takes the plain path.
            Vector256<double> x0 = Vector256<double>.Zero, x1 = x0, x2 = x0, x3 = x0, nan = x0;
            int i = 0;
            for (; i <= n - 4; i += 4)
            {
                Vector256<double> v0 = Vector256.LoadUnsafe(ref c0, (nuint)i), v1 = Vector256.LoadUnsafe(ref c1, (nuint)i);
                Vector256<double> v2 = Vector256.LoadUnsafe(ref c2, (nuint)i), v3 = Vector256.LoadUnsafe(ref c3, (nuint)i);
                nan |= ~Vector256.Equals(v0, v0) | ~Vector256.Equals(v1, v1) | ~Vector256.Equals(v2, v2) | ~Vector256.Equals(v3, v3);
                x0 = Vector256.MaxNative(x0, Vector256.Abs(v0));
                x1 = Vector256.MaxNative(x1, Vector256.Abs(v1));
                x2 = Vector256.MaxNative(x2, Vector256.Abs(v2));
                x3 = Vector256.MaxNative(x3, Vector256.Abs(v3));
            }

            double max0 = Largest(x0), max1 = Largest(x1), max2 = Largest(x2), max3 = Largest(x3);
            for (int r = i; r < n; r++)
            {
                max0 = Math.Max(max0, Math.Abs(Unsafe.Add(ref c0, r)));
                max1 = Math.Max(max1, Math.Abs(Unsafe.Add(ref c1, r)));
                max2 = Math.Max(max2, Math.Abs(Unsafe.Add(ref c2, r)));
                max3 = Math.Max(max3, Math.Abs(Unsafe.Add(ref c3, r)));
            }

            if (nan != Vector256<double>.Zero || !Normal(max0) || !Normal(max1) || !Normal(max2) || !Normal(max3))
            {
                for (int c = 0; c < 4; c++) norms[m + c] = Norm(design.Slice((m + c) * n, n));
                continue;
            }

            Vector256<double> inverse0 = Vector256.Create(1 / max0), inverse1 = Vector256.Create(1 / max1);
            Vector256<double> inverse2 = Vector256.Create(1 / max2), inverse3 = Vector256.Create(1 / max3);
            Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            i = 0;
            for (; i <= n - 4; i += 4)
            {
                Vector256<double> t0 = Vector256.LoadUnsafe(ref c0, (nuint)i) * inverse0, t1 = Vector256.LoadUnsafe(ref c1, (nuint)i) * inverse1;
                Vector256<double> t2 = Vector256.LoadUnsafe(ref c2, (nuint)i) * inverse2, t3 = Vector256.LoadUnsafe(ref c3, (nuint)i) * inverse3;
                s0 += t0 * t0;
                s1 += t1 * t1;
                s2 += t2 * t2;
                s3 += t3 * t3;
            }

            double q0 = Reduce(s0), q1 = Reduce(s1), q2 = Reduce(s2), q3 = Reduce(s3);
            double u0 = 1 / max0, u1 = 1 / max1, u2 = 1 / max2, u3 = 1 / max3;
            for (; i < n; i++)
            {
                double t0 = Unsafe.Add(ref c0, i) * u0, t1 = Unsafe.Add(ref c1, i) * u1;
                double t2 = Unsafe.Add(ref c2, i) * u2, t3 = Unsafe.Add(ref c3, i) * u3;
                q0 += t0 * t0;
                q1 += t1 * t1;
                q2 += t2 * t2;
                q3 += t3 * t3;
            }

            norms[m] = max0 * Math.Sqrt(q0);
            norms[m + 1] = max1 * Math.Sqrt(q1);
            norms[m + 2] = max2 * Math.Sqrt(q2);
            norms[m + 3] = max3 * Math.Sqrt(q3);
        }

        for (; m <= last; m++) norms[m] = Norm(design.Slice(m * n, n));
    }

    /// <summary>Multiplies x by <paramref name="factor"/> in place (elementwise, so lanes change nothing).</summary>
    public static void Scale(Span<double> x, double factor)
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        var f = Vector256.Create(factor);
        int i = 0;
        for (; i <= x.Length - 4; i += 4) (Vector256.LoadUnsafe(ref r, (nuint)i) * f).StoreUnsafe(ref r, (nuint)i);
        for (; i < x.Length; i++) x[i] *= factor;
    }

    // x -= mean, elementwise.
    private static void Subtract(Span<double> x, double mean)
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        var m = Vector256.Create(mean);
        int i = 0;
        for (; i <= x.Length - 4; i += 4) (Vector256.LoadUnsafe(ref r, (nuint)i) - m).StoreUnsafe(ref r, (nuint)i);
        for (; i < x.Length; i++) x[i] -= mean;
    }

    // A largest magnitude for which Norm takes its fast path: positive, finite, with a finite inverse.
    private static bool Normal(double max) => max > 0 && double.IsFinite(max) && double.IsFinite(1 / max);

    private static double Largest(Vector256<double> x) =>
        Math.Max(Math.Max(x.GetElement(0), x.GetElement(1)), Math.Max(x.GetElement(2), x.GetElement(3)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reduce(Vector256<double> sum) =>
        (sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3));

    // One target column: target[j] and target[j+1..] against v = column j's rows j+1..n-1.
    private static void Reflect1(Span<double> design, int n, int j, double v0, double vv, int m)
    {
        int length = n - j - 1;
        ref double v = ref design[j * n + j + 1];
        ref double t = ref design[m * n + j];
        double dot = v0 * t + Dot(MemoryMarshal.CreateReadOnlySpan(ref v, length), MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref t, 1), length));
        double f = 2 * dot / vv;
        t -= f * v0;
        ref double below = ref Unsafe.Add(ref t, 1);
        var scale = Vector256.Create(f);
        int i = 0;
        for (; i <= length - 4; i += 4)
            (Vector256.LoadUnsafe(ref below, (nuint)i) - scale * Vector256.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref below, (nuint)i);
        for (; i < length; i++) Unsafe.Add(ref below, i) -= f * Unsafe.Add(ref v, i);
    }

    // Four target columns m…m+3 in one pass over v: the dots, then the updates; per column exactly Reflect1.
    private static void Reflect4(Span<double> design, int n, int j, double v0, double vv, int m)
    {
        int length = n - j - 1;
        ref double v = ref design[j * n + j + 1];
        ref double t0 = ref design[m * n + j];
        ref double t1 = ref design[(m + 1) * n + j];
        ref double t2 = ref design[(m + 2) * n + j];
        ref double t3 = ref design[(m + 3) * n + j];
        ref double b0 = ref Unsafe.Add(ref t0, 1), b1 = ref Unsafe.Add(ref t1, 1), b2 = ref Unsafe.Add(ref t2, 1), b3 = ref Unsafe.Add(ref t3, 1);

        Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i <= length - 4; i += 4)
        {
            Vector256<double> vi = Vector256.LoadUnsafe(ref v, (nuint)i);
            s0 += vi * Vector256.LoadUnsafe(ref b0, (nuint)i);
            s1 += vi * Vector256.LoadUnsafe(ref b1, (nuint)i);
            s2 += vi * Vector256.LoadUnsafe(ref b2, (nuint)i);
            s3 += vi * Vector256.LoadUnsafe(ref b3, (nuint)i);
        }

        double d0 = Reduce(s0), d1 = Reduce(s1), d2 = Reduce(s2), d3 = Reduce(s3);
        for (int r = i; r < length; r++)
        {
            double vr = Unsafe.Add(ref v, r);
            d0 += vr * Unsafe.Add(ref b0, r);
            d1 += vr * Unsafe.Add(ref b1, r);
            d2 += vr * Unsafe.Add(ref b2, r);
            d3 += vr * Unsafe.Add(ref b3, r);
        }

        double f0 = 2 * (v0 * t0 + d0) / vv, f1 = 2 * (v0 * t1 + d1) / vv;
        double f2 = 2 * (v0 * t2 + d2) / vv, f3 = 2 * (v0 * t3 + d3) / vv;
        t0 -= f0 * v0;
        t1 -= f1 * v0;
        t2 -= f2 * v0;
        t3 -= f3 * v0;
        Vector256<double> g0 = Vector256.Create(f0), g1 = Vector256.Create(f1), g2 = Vector256.Create(f2), g3 = Vector256.Create(f3);
        i = 0;
        for (; i <= length - 4; i += 4)
        {
            Vector256<double> vi = Vector256.LoadUnsafe(ref v, (nuint)i);
            (Vector256.LoadUnsafe(ref b0, (nuint)i) - g0 * vi).StoreUnsafe(ref b0, (nuint)i);
            (Vector256.LoadUnsafe(ref b1, (nuint)i) - g1 * vi).StoreUnsafe(ref b1, (nuint)i);
            (Vector256.LoadUnsafe(ref b2, (nuint)i) - g2 * vi).StoreUnsafe(ref b2, (nuint)i);
            (Vector256.LoadUnsafe(ref b3, (nuint)i) - g3 * vi).StoreUnsafe(ref b3, (nuint)i);
        }

        for (; i < length; i++)
        {
            double vr = Unsafe.Add(ref v, i);
            Unsafe.Add(ref b0, i) -= f0 * vr;
            Unsafe.Add(ref b1, i) -= f1 * vr;
            Unsafe.Add(ref b2, i) -= f2 * vr;
            Unsafe.Add(ref b3, i) -= f3 * vr;
        }
    }
}
