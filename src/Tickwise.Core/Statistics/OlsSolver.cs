using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tickwise.Core.Statistics;

/// <summary>The arithmetic of <see cref="Ols"/> on a column-major design in a caller's buffer: centering,
/// scaling, Householder QR and back substitution, without the result object, so that iterative callers
/// (<see cref="Huber"/>'s weighted fits) allocate nothing per fit.</summary>
/// <remarks>
/// <para>The design holds the p regressors then y, n rows each, and is overwritten: the regressors' columns end
/// as R (upper triangle, its diagonal in <c>diagonal</c>) and the reflections, y as Q'y. Every value is computed
/// by the same operations in the same order as <see cref="Ols"/> always did (scalar running sums; elementwise
/// steps, which cannot change a result, run four lanes wide), so both give the same bits.</para>
/// </remarks>
internal static class OlsSolver
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Fits in place; returns <see cref="StatisticStatus.Ok"/>, or the status of the first regressor that is
    /// constant (with an intercept), all zeros (without) or dependent, whose index goes to <paramref name="badColumn"/>.</summary>
    /// <param name="design">p regressors then y, n rows each, column-major; overwritten (see remarks).</param>
    /// <param name="n">The rows.</param>
    /// <param name="p">The regressors.</param>
    /// <param name="intercept">Whether the model has a constant.</param>
    /// <param name="means">p + 1 values: the regressors' means and y's (zeros without an intercept).</param>
    /// <param name="scales">p values: the centered columns' lengths.</param>
    /// <param name="diagonal">p values: R's diagonal.</param>
    /// <param name="coefficients">p values: the coefficients of the unscaled regressors (no intercept).</param>
    /// <param name="totalSquares">The total sum of squares (centered with an intercept; 0 when y is flat).</param>
    /// <param name="ssr">The residual sum of squares.</param>
    /// <param name="badColumn">The failing regressor, or -1.</param>
    /// <param name="dependent">Whether it failed as a combination of the ones before it, rather than as flat.</param>
    public static StatisticStatus Solve(Span<double> design, int n, int p, bool intercept, Span<double> means, Span<double> scales,
        Span<double> diagonal, Span<double> coefficients, out double totalSquares, out double ssr, out int badColumn, out bool dependent)
    {
        totalSquares = ssr = double.NaN;
        badColumn = -1;
        dependent = false;
        Span<double> b = design.Slice(p * n, n);
        if (intercept) Householder.Center(design, n, 0, p, means); // per column exactly Ols.Center
        else means[..(p + 1)].Clear();
        for (int j = 0; j < p; j++)
        {
            Span<double> a = design.Slice(j * n, n);
            scales[j] = Norm(a);
            if (scales[j] == 0 || (intercept && Flatness.IsFlat(scales[j] * scales[j], n, means[j])))
            {
                badColumn = j;
                return intercept ? StatisticStatus.ConstantSeries : StatisticStatus.Singular;
            }

            Divide(a, scales[j]);
        }

        double total = 0;
        for (int i = 0; i < n; i++) total += b[i] * b[i]; // centered when y was centered, uncentered otherwise
        totalSquares = Flatness.IsFlat(total, n, means[p]) ? 0 : total; // R² is then undefined (NaN), not noise

        // Householder QR of the scaled columns, applying each reflection to y as it is made.
        double largest = 0;
        for (int j = 0; j < p; j++)
        {
            Span<double> col = design.Slice(j * n, n);
            double norm = Norm(col[j..]);
            double alpha = col[j] > 0 ? -norm : norm;
            double v0 = col[j] - alpha;
            double vv = v0 * v0;
            for (int i = j + 1; i < n; i++) vv += col[i] * col[i];
            diagonal[j] = alpha;
            largest = Math.Max(largest, Math.Abs(alpha));
            if (Math.Abs(alpha) <= Math.Max(n, p) * Epsilon * largest || vv == 0)
            {
                badColumn = j;
                dependent = true;
                return StatisticStatus.Singular;
            }

            for (int m = j + 1; m <= p; m++) Reflect(col, v0, vv, j, design.Slice(m * n, n)); // later regressors, then y
        }

        // Back substitution R c = Q'y (upper triangle of the design, diagonal apart), then unscale.
        for (int j = p - 1; j >= 0; j--)
        {
            double s = b[j];
            for (int m = j + 1; m < p; m++) s -= design[m * n + j] * coefficients[m];
            coefficients[j] = s / diagonal[j];
        }

        double squares = 0;
        for (int i = p; i < n; i++) squares += b[i] * b[i];
        ssr = squares;
        for (int j = 0; j < p; j++) coefficients[j] /= scales[j];
        return StatisticStatus.Ok;
    }

    // Applies H = I - 2 v v' / (v'v) to target rows j..n-1, v = (v0, col[j+1..]): a scalar running dot product (its
    // order is Ols's), then the update, which is elementwise.
    private static void Reflect(ReadOnlySpan<double> col, double v0, double vv, int j, Span<double> target)
    {
        double dot = v0 * target[j];
        for (int i = j + 1; i < col.Length; i++) dot += col[i] * target[i];
        double f = 2 * dot / vv;
        target[j] -= f * v0;
        ref double t = ref MemoryMarshal.GetReference(target[(j + 1)..]);
        ref double v = ref MemoryMarshal.GetReference(col[(j + 1)..]);
        int length = col.Length - j - 1, i2 = 0;
        var scale = Vector256.Create(f);
        for (; i2 <= length - 4; i2 += 4)
            (Vector256.LoadUnsafe(ref t, (nuint)i2) - scale * Vector256.LoadUnsafe(ref v, (nuint)i2)).StoreUnsafe(ref t, (nuint)i2);
        for (; i2 < length; i2++) target[j + 1 + i2] -= f * col[j + 1 + i2];
    }

    // Euclidean norm, scaled by the largest magnitude so squares neither overflow nor underflow (Ols's: a division
    // per value and a running sum).
    private static double Norm(ReadOnlySpan<double> x)
    {
        double max = 0;
        for (int i = 0; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        if (max == 0) return 0;
        double s = 0;
        for (int i = 0; i < x.Length; i++) { double t = x[i] / max; s += t * t; }
        return max * Math.Sqrt(s);
    }

    // x /= divisor, elementwise (a division, as Ols always did, not a multiplication by the inverse).
    private static void Divide(Span<double> x, double divisor)
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        var d = Vector256.Create(divisor);
        int i = 0;
        for (; i <= x.Length - 4; i += 4) (Vector256.LoadUnsafe(ref r, (nuint)i) / d).StoreUnsafe(ref r, (nuint)i);
        for (; i < x.Length; i++) x[i] /= divisor;
    }
}
