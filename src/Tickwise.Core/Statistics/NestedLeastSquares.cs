namespace Tickwise.Core.Statistics;

/// <summary>Residual sums of squares of every nested least-squares model y ~ [const] + x_0 … x_(k-1), k = 0…p,
/// from one Householder QR.</summary>
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
    /// <param name="columns">The regressors in nesting order, each as long as y; not modified.</param>
    /// <param name="intercept">Whether every model has a constant.</param>
    public static double[]? ResidualSumsOfSquares(ReadOnlySpan<double> y, IReadOnlyList<double[]> columns, bool intercept)
    {
        int n = y.Length, p = columns.Count;
        if (n <= p + (intercept ? 1 : 0)) return null;
        var a = new double[p][];
        double[] b = y.ToArray();
        if (intercept) Ols.Center(b);
        for (int j = 0; j < p; j++)
        {
            a[j] = (double[])columns[j].Clone();
            double mean = intercept ? Ols.Center(a[j]) : 0;
            double scale = Norm(a[j], 0);
            if (scale == 0 || (intercept && Flatness.IsFlat(scale * scale, n, mean))) return null;
            for (int i = 0; i < n; i++) a[j][i] /= scale;
        }

        double largest = 0;
        for (int j = 0; j < p; j++)
        {
            double[] col = a[j];
            double norm = Norm(col, j);
            double alpha = col[j] > 0 ? -norm : norm;
            double v0 = col[j] - alpha;
            double vv = v0 * v0;
            for (int i = j + 1; i < n; i++) vv += col[i] * col[i];
            largest = Math.Max(largest, Math.Abs(alpha));
            if (Math.Abs(alpha) <= Math.Max(n, p) * 2.220446049250313e-16 * largest || vv == 0) return null;
            for (int m = j + 1; m < p; m++) Reflect(col, v0, vv, j, a[m]);
            Reflect(col, v0, vv, j, b);
        }

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

    private static void Reflect(double[] col, double v0, double vv, int j, double[] target)
    {
        double dot = v0 * target[j];
        for (int i = j + 1; i < col.Length; i++) dot += col[i] * target[i];
        double f = 2 * dot / vv;
        target[j] -= f * v0;
        for (int i = j + 1; i < col.Length; i++) target[i] -= f * col[i];
    }

    private static double Norm(double[] x, int from)
    {
        double max = 0;
        for (int i = from; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        if (max == 0) return 0;
        double s = 0;
        for (int i = from; i < x.Length; i++) { double t = x[i] / max; s += t * t; }
        return max * Math.Sqrt(s);
    }
}
