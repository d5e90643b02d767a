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
            if ((j & 1) == 0) // two columns' lengths per pass (independent chains); each is Norm exactly
            {
                if (j + 1 < p) Norm2(a, design.Slice((j + 1) * n, n), out scales[j], out scales[j + 1]);
                else scales[j] = Norm(a);
            }

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

            int m = j + 1; // the later regressors, then y; two per pass (see Reflect2)
            for (; m + 1 <= p; m += 2) Reflect2(col, v0, vv, j, design.Slice(m * n, n), design.Slice((m + 1) * n, n));
            if (m <= p) Reflect(col, v0, vv, j, design.Slice(m * n, n));
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
        Update(col, v0, vv, j, target, dot);
    }

    // target -= f (v0, col[j+1..]) with f = 2 dot / vv, over rows j..n-1; elementwise, so four lanes wide.
    private static void Update(ReadOnlySpan<double> col, double v0, double vv, int j, Span<double> target, double dot)
    {
        double f = 2 * dot / vv;
        target[j] -= f * v0;
        ref double t = ref MemoryMarshal.GetReference(target[(j + 1)..]);
        ref double v = ref MemoryMarshal.GetReference(col[(j + 1)..]);
        int length = col.Length - j - 1, i = 0;
        var scale = Vector256.Create(f);
        for (; i <= length - 4; i += 4)
            (Vector256.LoadUnsafe(ref t, (nuint)i) - scale * Vector256.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        for (; i < length; i++) target[j + 1 + i] -= f * col[j + 1 + i];
    }

    // Reflect on two targets: their running dot products side by side in one loop (each in Reflect's order, so the
    // same bits, but two independent chains instead of one waiting on each addition), then the updates.
    private static void Reflect2(ReadOnlySpan<double> col, double v0, double vv, int j, Span<double> first, Span<double> second)
    {
        double dot0 = v0 * first[j], dot1 = v0 * second[j];
        for (int i = j + 1; i < col.Length; i++)
        {
            double v = col[i];
            dot0 += v * first[i];
            dot1 += v * second[i];
        }

        Update(col, v0, vv, j, first, dot0);
        Update(col, v0, vv, j, second, dot1);
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

    // Norm of two columns of the same length in one pass each for the maxima and the sums.
    private static void Norm2(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out double normX, out double normY)
    {
        double maxX = 0, maxY = 0;
        for (int i = 0; i < x.Length; i++)
        {
            maxX = Math.Max(maxX, Math.Abs(x[i]));
            maxY = Math.Max(maxY, Math.Abs(y[i]));
        }

        if (maxX == 0 || maxY == 0)
        {
            normX = Norm(x);
            normY = Norm(y);
            return;
        }

        double sx = 0, sy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double tx = x[i] / maxX, ty = y[i] / maxY;
            sx += tx * tx;
            sy += ty * ty;
        }

        normX = maxX * Math.Sqrt(sx);
        normY = maxY * Math.Sqrt(sy);
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
