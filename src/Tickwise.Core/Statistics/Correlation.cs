using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Pearson correlation of whole series: of two, or the matrix of many.</summary>
/// <remarks>Two-pass: each series is centered on its mean (corrected for the mean's own rounding) and scaled to
/// unit length before the products are summed, so series far from zero (prices, years) lose no digits to
/// cancellation and no scale under- or overflows. A series whose spread is within rounding of its mean is constant.</remarks>
public static class Correlation
{
    /// <summary>Returns the Pearson correlation of <paramref name="x"/> and <paramref name="y"/>, or NaN when undefined.</summary>
    /// <returns>The correlation in [-1, 1]; NaN for fewer than two pairs, a NaN or infinite value, or a constant series
    /// (<see cref="TryPearson"/> says which).</returns>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        TryPearson(x, y, out double r);
        return r;
    }

    /// <summary>Computes the Pearson correlation of <paramref name="x"/> and <paramref name="y"/> and says whether it is defined.</summary>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    public static StatisticStatus TryPearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out double correlation)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"The series differ in length ({x.Length}, {y.Length}).", nameof(y));
        correlation = double.NaN;
        if (x.Length < 2) return StatisticStatus.NotEnoughData;
        int n = x.Length;
        double[] buffer = ArrayPool<double>.Shared.Rent(2 * n);
        try
        {
            Span<double> cx = buffer.AsSpan(0, n), cy = buffer.AsSpan(n, n);
            x.CopyTo(cx);
            y.CopyTo(cy);
            if (!AllFinite(cx) || !AllFinite(cy)) return StatisticStatus.NonFiniteInput;
            if (!Standardize(cx) || !Standardize(cy)) return StatisticStatus.ConstantSeries;
            correlation = Math.Clamp(Dot(cx, cy), -1, 1);
            return StatisticStatus.Ok;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the matrix of Pearson correlations between every pair of <paramref name="series"/>.</summary>
    /// <returns>A symmetric k x k matrix with 1 on the diagonal; a row and column of NaN for a series that is constant
    /// or holds a NaN or infinite value; all NaN for fewer than two observations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> or one of its series is null.</exception>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    public static double[,] PearsonMatrix(IReadOnlyList<double[]> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        int k = series.Count;
        var result = new double[k, k];
        if (k == 0) return result;
        int n = series[0]?.Length ?? throw new ArgumentNullException(nameof(series), "Series 0 is null.");
        if ((long)k * n > Array.MaxLength) throw new ArgumentException($"{k} series of {n} values are too many to hold at once.", nameof(series));
        // The standardized series side by side in one pooled buffer (series i at i n).
        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(k * n, 1));
        try
        {
            Span<double> centered = buffer.AsSpan(0, k * n);
            Span<bool> usable = k <= 256 ? stackalloc bool[k] : new bool[k];
            for (int i = 0; i < k; i++)
            {
                double[] s = series[i] ?? throw new ArgumentNullException(nameof(series), $"Series {i} is null.");
                if (s.Length != n) throw new ArgumentException($"Series {i} has {s.Length} values but series 0 has {n}.", nameof(series));
                Span<double> c = centered.Slice(i * n, n);
                s.CopyTo(c);
                usable[i] = n >= 2 && AllFinite(c) && Standardize(c);
            }

            for (int i = 0; i < k; i++)
            {
                result[i, i] = usable[i] ? 1 : double.NaN;
                ReadOnlySpan<double> ci = centered.Slice(i * n, n);
                int j = 0;
                // Four dot products per pass over series i: each its own running sum in the same order as Dot (so the
                // same bits), but independent chains, which hides the latency of the additions.
                for (; j + 4 <= i; j += 4)
                {
                    Dot4(ci, centered.Slice(j * n, 4 * n), n, out double d0, out double d1, out double d2, out double d3);
                    Store(result, usable, i, j, d0);
                    Store(result, usable, i, j + 1, d1);
                    Store(result, usable, i, j + 2, d2);
                    Store(result, usable, i, j + 3, d3);
                }

                for (; j < i; j++) Store(result, usable, i, j, Dot(ci, centered.Slice(j * n, n)));
            }

            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static void Store(double[,] result, ReadOnlySpan<bool> usable, int i, int j, double dot)
    {
        double r = usable[i] && usable[j] ? Math.Clamp(dot, -1, 1) : double.NaN;
        result[i, j] = r;
        result[j, i] = r;
    }

    private static void Dot4(ReadOnlySpan<double> a, ReadOnlySpan<double> four, int n, out double d0, out double d1, out double d2, out double d3)
    {
        ReadOnlySpan<double> b0 = four[..n], b1 = four.Slice(n, n), b2 = four.Slice(2 * n, n), b3 = four.Slice(3 * n, n);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double v = a[i];
            s0 += v * b0[i];
            s1 += v * b1[i];
            s2 += v * b2[i];
            s3 += v * b3[i];
        }

        (d0, d1, d2, d3) = (s0, s1, s2, s3);
    }

    /// <summary>Returns the two-sided p-value of a Pearson correlation <paramref name="correlation"/> over
    /// <paramref name="observations"/> pairs under the null of no correlation: t = r sqrt((n - 2) / (1 - r²)), n - 2 degrees of freedom.</summary>
    /// <returns>The p-value; NaN for a NaN correlation or fewer than 3 observations; 0 for |r| = 1.</returns>
    public static double PValue(double correlation, int observations)
    {
        if (double.IsNaN(correlation) || observations < 3) return double.NaN;
        double r2 = correlation * correlation;
        if (r2 >= 1) return 0;
        return StudentT.TwoSidedPValue(correlation * Math.Sqrt((observations - 2) / (1 - r2)), observations - 2);
    }

    // Centers x and scales it to unit length (first by its largest magnitude, so no square under- or overflows);
    // returns false, leaving x unusable, when x has no variation beyond the rounding of its mean.
    private static bool Standardize(Span<double> x)
    {
        double mean = Ols.Center(x);
        double max = 0;
        foreach (double v in x) max = Math.Max(max, Math.Abs(v));
        if (max == 0 || max <= 4 * 2.220446049250313e-16 * Math.Abs(mean)) return false;
        double squares = 0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] /= max;
            squares += x[i] * x[i];
        }

        double norm = Math.Sqrt(squares);
        for (int i = 0; i < x.Length; i++) x[i] /= norm;
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
            if (!double.IsFinite(v)) return false;
        return true;
    }
}
