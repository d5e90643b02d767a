using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Residual sums of squares of every nested least-squares model y ~ [const] + x_0 … x_(k-1), k = 0…p,
/// from one Householder QR; and the t statistic of the last column.</summary>
/// <remarks>
/// <para>After the QR of the columns in order, Q'y splits the fit: the model with the first k columns leaves
/// exactly the squares of (Q'y)_k … (Q'y)_(n-1) as residual. So one factorisation, O(n p²), replaces p + 1
/// separate fits, O(n p³) together: this is what makes the ADF lag search cheap.</para>
/// <para>Same numerics as <see cref="Ols"/>: with a constant, y and the columns are centered first (two-pass
/// means); columns are scaled to unit length; a pivot below max(n, p) ε of the largest is a dependent column.
/// Any doubt (a flat or dependent column, too few rows) returns null (or false), and the caller falls back to
/// separate <see cref="Ols"/> fits, whose statuses and reasons are the reference.</para>
/// <para>The working form is a column-major design of p + 1 columns of n rows in one buffer, the regressors in
/// nesting order and y last, which the QR overwrites: callers build it in a pooled buffer (the ADF writes its
/// lagged differences straight into it), so a test allocates nothing per column. The kernels and their
/// determinism are <see cref="Householder"/>'s.</para>
/// </remarks>
internal static class NestedLeastSquares
{
    /// <summary>Returns ssr[k] for k = 0…p (ssr[k] is the model with the first k columns), or null (see remarks).</summary>
    /// <param name="y">The response; not modified.</param>
    /// <param name="columns">The regressors in nesting order, each as long as y; not modified.</param>
    /// <param name="intercept">Whether every model has a constant.</param>
    public static double[]? ResidualSumsOfSquares(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, bool intercept)
    {
        int n = y.Length, p = columns.Count;
        double[] buffer = ArrayPool<double>.Shared.Rent(n * (p + 1));
        try
        {
            Span<double> design = Pack(y, columns, buffer);
            var ssr = new double[p + 1];
            return ResidualSumsOfSquares(design, n, p, intercept, ssr) ? ssr : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the t statistic of the last column's coefficient in the full model, or null (see remarks).</summary>
    /// <remarks>See <see cref="TryTValueOfLast"/>.</remarks>
    public static double? TValueOfLast(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, bool intercept)
    {
        int n = y.Length, p = columns.Count;
        double[] buffer = ArrayPool<double>.Shared.Rent(n * (p + 1));
        try
        {
            Span<double> design = Pack(y, columns, buffer);
            return TryTValueOfLast(design, n, p, intercept, out double t) ? t : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills <paramref name="ssr"/>[k], k = 0…p, from the design (p regressors then y, n rows each,
    /// column-major; overwritten), or returns false (see remarks).</summary>
    public static bool ResidualSumsOfSquares(Span<double> design, int n, int p, bool intercept, Span<double> ssr)
    {
        if (!Factor(design, n, p, intercept, out _)) return false;
        ReadOnlySpan<double> b = design.Slice(p * n, n); // Q'y
        // ssr[k] = sum of b[i]² for i >= k, accumulated from the bottom up.
        double tail = 0;
        for (int i = n - 1; i >= p; i--) tail += b[i] * b[i];
        ssr[p] = tail;
        for (int k = p - 1; k >= 0; k--)
        {
            tail += b[k] * b[k];
            ssr[k] = tail;
        }

        return true;
    }

    /// <summary>Computes the t statistic of the last regressor's coefficient in the full model from the design
    /// (p regressors then y, n rows each, column-major; overwritten), or returns false (see remarks).</summary>
    /// <remarks>With the column last, its coefficient is (Q'y)_(p-1) / R_(p-1,p-1) and its variance s² / R²_(p-1,p-1),
    /// so t = sign(R_(p-1,p-1)) (Q'y)_(p-1) / s with s² = SSR / (n - k): no back substitution, no covariance matrix.
    /// Infinite or NaN when the fit is exact (s = 0), as the t-value of <see cref="Ols"/> would be.</remarks>
    public static bool TryTValueOfLast(Span<double> design, int n, int p, bool intercept, out double t)
    {
        t = double.NaN;
        if (p == 0 || !Factor(design, n, p, intercept, out double lastPivot)) return false;
        ReadOnlySpan<double> b = design.Slice(p * n, n);
        int k = p + (intercept ? 1 : 0);
        double ssr = 0;
        for (int i = p; i < n; i++) ssr += b[i] * b[i];
        double s = Math.Sqrt(ssr / (n - k));
        t = Math.Sign(lastPivot) * b[p - 1] / s;
        return true;
    }

    private static Span<double> Pack(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, double[] buffer)
    {
        int n = y.Length, p = columns.Count;
        Span<double> design = buffer.AsSpan(0, n * (p + 1));
        for (int j = 0; j < p; j++) columns[j].AsSpan(0, n).CopyTo(design.Slice(j * n, n));
        y.CopyTo(design.Slice(p * n, n));
        return design;
    }

    // Householder QR of the centered (with a constant) and unit-scaled columns, applied to y (the last column),
    // which ends as Q'y; the regressors' columns end as the reflections. lastPivot is R's last diagonal value.
    private static bool Factor(Span<double> design, int n, int p, bool intercept, out double lastPivot)
    {
        lastPivot = 0;
        if (n <= p + (intercept ? 1 : 0)) return false;
        Span<double> moments = p < 128 ? stackalloc double[2 * (p + 1)] : new double[2 * (p + 1)];
        Span<double> means = moments[..(p + 1)], norms = moments[(p + 1)..];
        if (intercept) Householder.Center(design, n, 0, p, means); // the regressors and y
        else means.Clear();
        Householder.Norms(design, n, 0, p - 1, norms);
        for (int j = 0; j < p; j++)
        {
            double scale = norms[j];
            if (scale == 0 || (intercept && Flatness.IsFlat(scale * scale, n, means[j]))) return false;
            Householder.Scale(design.Slice(j * n, n), 1 / scale);
        }

        double largest = 0;
        for (int j = 0; j < p; j++)
        {
            Span<double> column = design.Slice(j * n, n);
            // The columns were scaled to unit length and reflections keep lengths, so these squares can neither
            // overflow nor (short of a dependent column, caught below) underflow: no rescaled norm is needed here.
            ReadOnlySpan<double> below = column[(j + 1)..];
            double belowSquares = Householder.Dot(below, below);
            double norm = Math.Sqrt(column[j] * column[j] + belowSquares);
            double alpha = column[j] > 0 ? -norm : norm;
            double v0 = column[j] - alpha;
            double vv = v0 * v0 + belowSquares;
            largest = Math.Max(largest, Math.Abs(alpha));
            if (Math.Abs(alpha) <= Math.Max(n, p) * 2.220446049250313e-16 * largest || vv == 0) return false;
            lastPivot = alpha;
            Householder.Reflect(design, n, j, v0, vv, j + 1, p); // the later regressors and y
        }

        return true;
    }
}
