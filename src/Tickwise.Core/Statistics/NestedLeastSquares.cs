using System.Runtime.Intrinsics;

namespace Tickwise.Core.Statistics;

/// <summary>Residual sums of squares of every nested least-squares model y ~ [const] + x_0 … x_(k-1), k = 0…p,
/// from one Householder QR; and the t statistic of the last column.</summary>
/// <remarks>
/// <para>After the QR of the columns in order, Q'y splits the fit: the model with the first k columns leaves
/// exactly the squares of (Q'y)_k … (Q'y)_(n-1) as residual. So one factorisation, O(n p²), replaces p + 1
/// separate fits, O(n p³) together: this is what makes the ADF lag search cheap.</para>
/// <para>Same numerics as <see cref="Ols"/>: with a constant, y and the columns are centered first (two-pass
/// means); columns are scaled to unit length; a pivot below max(n, p) ε of the largest is a dependent column.
/// Any doubt (a flat or dependent column, too few rows) returns null, and the caller falls back to separate
/// <see cref="Ols"/> fits, whose statuses and reasons are the reference.</para>
/// </remarks>
internal static class NestedLeastSquares
{
    /// <summary>Returns ssr[k] for k = 0…p (ssr[k] is the model with the first k columns), or null (see remarks).</summary>
    /// <param name="y">The response; not modified.</param>
    /// <param name="columns">The regressors in nesting order, each as long as y; overwritten (the QR works in place,
    /// which spares a copy of every column: the ADF builds them afresh for each call).</param>
    /// <param name="intercept">Whether every model has a constant.</param>
    public static double[]? ResidualSumsOfSquares(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, bool intercept)
    {
        if (!Factor(y, columns, intercept, out double[] b, out _)) return null;
        int n = y.Length, p = columns.Count;
        // ssr[k] = sum of b[i]² for i >= k, accumulated from the bottom up.
        var ssr = new double[p + 1];
        double tail = 0;
        for (int i = n - 1; i >= p; i--) tail += b[i] * b[i];
        ssr[p] = tail;
        for (int k = p - 1; k >= 0; k--)
        {
            tail += b[k] * b[k];
            ssr[k] = tail;
        }

        return ssr;
    }

    /// <summary>Returns the t statistic of the last column's coefficient in the full model, or null (see remarks).
    /// Overwrites <paramref name="columns"/>, as <see cref="ResidualSumsOfSquares"/> does.</summary>
    /// <remarks>With the column last, its coefficient is (Q'y)_(p-1) / R_(p-1,p-1) and its variance s² / R²_(p-1,p-1),
    /// so t = sign(R_(p-1,p-1)) (Q'y)_(p-1) / s with s² = SSR / (n - k): no back substitution, no covariance matrix.
    /// Infinite or NaN when the fit is exact (s = 0), as the t-value of <see cref="Ols"/> would be.</remarks>
    public static double? TValueOfLast(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, bool intercept)
    {
        int p = columns.Count;
        if (p == 0 || !Factor(y, columns, intercept, out double[] b, out double[] diagonal)) return null;
        int n = y.Length, k = p + (intercept ? 1 : 0);
        double ssr = 0;
        for (int i = p; i < n; i++) ssr += b[i] * b[i];
        double s = Math.Sqrt(ssr / (n - k));
        return Math.Sign(diagonal[p - 1]) * b[p - 1] / s;
    }

    // Householder QR of the centered (with a constant) and unit-scaled columns, applied to y: b = Q'y, diagonal of R.
    private static bool Factor(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, bool intercept, out double[] b, out double[] diagonal)
    {
        int n = y.Length, p = columns.Count;
        b = [];
        diagonal = [];
        if (n <= p + (intercept ? 1 : 0)) return false;
        var a = new double[p][];
        double[] qty = y.ToArray();
        if (intercept) Ols.Center(qty);
        for (int j = 0; j < p; j++)
        {
            a[j] = columns[j];
            double mean = intercept ? Ols.Center(a[j]) : 0;
            double scale = Norm(a[j], 0);
            if (scale == 0 || (intercept && Flatness.IsFlat(scale * scale, n, mean))) return false;
            double inverse = 1 / scale;
            for (int i = 0; i < n; i++) a[j][i] *= inverse;
        }

        var r = new double[p];
        double largest = 0;
        for (int j = 0; j < p; j++)
        {
            double[] col = a[j];
            // The columns were scaled to unit length and reflections keep lengths, so these squares can neither
            // overflow nor (short of a dependent column, caught below) underflow: no rescaled norm is needed here.
            double below = Dot(col.AsSpan(j + 1), col.AsSpan(j + 1));
            double norm = Math.Sqrt(col[j] * col[j] + below);
            double alpha = col[j] > 0 ? -norm : norm;
            double v0 = col[j] - alpha;
            double vv = v0 * v0 + below;
            largest = Math.Max(largest, Math.Abs(alpha));
            if (Math.Abs(alpha) <= Math.Max(n, p) * 2.220446049250313e-16 * largest || vv == 0) return false;
            r[j] = alpha;
            for (int m = j + 1; m < p; m++) Reflect(col, v0, vv, j, a[m]);
            Reflect(col, v0, vv, j, qty);
        }

        b = qty;
        diagonal = r;
        return true;
    }

    // Applies H = I - 2 v v' / (v'v) to target rows j..n-1, v = (v0, col[j+1..]). The dot product and update run
    // four lanes wide with Vector256 (fixed width, so the summation order and the result are the same on every
    // machine, with or without AVX: replay stays deterministic).
    private static void Reflect(double[] col, double v0, double vv, int j, double[] target)
    {
        ReadOnlySpan<double> v = col.AsSpan(j + 1);
        Span<double> t = target.AsSpan(j + 1);
        double dot = v0 * target[j] + Dot(v, t);
        double f = 2 * dot / vv;
        target[j] -= f * v0;
        SubtractScaled(t, v, f);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = Vector256<double>.Zero;
        int i = 0;
        for (; i <= a.Length - 4; i += 4)
            sum += Vector256.Create(a.Slice(i, 4)) * Vector256.Create(b.Slice(i, 4));
        double s = (sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3)); // fixed order, unlike Vector256.Sum
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    // t -= f v
    private static void SubtractScaled(Span<double> t, ReadOnlySpan<double> v, double f)
    {
        var scale = Vector256.Create(f);
        int i = 0;
        for (; i <= t.Length - 4; i += 4)
            (Vector256.Create((ReadOnlySpan<double>)t.Slice(i, 4)) - scale * Vector256.Create(v.Slice(i, 4))).CopyTo(t.Slice(i, 4));
        for (; i < t.Length; i++) t[i] -= f * v[i];
    }

    // Euclidean length, scaled by the largest magnitude so that squares neither overflow nor underflow (raw columns
    // can hold years or prices near 1e150); one multiplication by the inverse rather than a division per value.
    private static double Norm(double[] x, int from)
    {
        double max = 0;
        for (int i = from; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        if (max == 0 || !double.IsFinite(max)) return max;
        double inverse = 1 / max;
        if (!double.IsFinite(inverse)) return max * Math.Sqrt(SumOfSquaresDividedBy(x, from, max)); // subnormal max
        var sum = Vector256<double>.Zero;
        var scale = Vector256.Create(inverse);
        int k = from;
        for (; k <= x.Length - 4; k += 4)
        {
            Vector256<double> t = Vector256.Create(x.AsSpan(k, 4)) * scale;
            sum += t * t;
        }

        double s = (sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3));
        for (; k < x.Length; k++) { double t = x[k] * inverse; s += t * t; }
        return max * Math.Sqrt(s);
    }

    private static double SumOfSquaresDividedBy(double[] x, int from, double max)
    {
        double s = 0;
        for (int i = from; i < x.Length; i++) { double t = x[i] / max; s += t * t; }
        return s;
    }
}
