using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Ordinary least squares by Householder QR.</summary>
/// <remarks>
/// <para>Never forms X'X, whose condition number is the square of X's: QR keeps about twice as many correct
/// digits on ill-conditioned data such as NIST's Longley set. With an intercept the regressors and y are
/// first centered (two-pass means), which removes the collinearity between the constant and regressors far
/// from zero (years, prices); every column is then scaled to unit length so that the rank test compares
/// like with like. The intercept and its standard error are recovered from the means afterwards.</para>
/// <para>A regressor whose QR pivot falls below <c>max(n, p) · ε</c> (relative to the largest) is declared
/// linearly dependent: the result is <see cref="StatisticStatus.Singular"/>, not a wild estimate.</para>
/// <para>Regressors are scaled, so their magnitude does not matter; y enters squared sums, so a y beyond about
/// 1e150 in magnitude overflows them (the residual statistics then come out infinite).</para>
/// </remarks>
public static class Ols
{
    /// <summary>Fits y on the regressors (each an array of n values), with or without an intercept.</summary>
    /// <returns>The fit; for NaN or infinite input, too few observations, or dependent regressors, a result with
    /// NaN values and the status and reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="regressors"/> or one of its columns is null.</exception>
    /// <exception cref="ArgumentException">A regressor's length differs from y's, or there is neither a regressor nor an intercept.</exception>
    public static OlsResult Fit(ReadOnlySpan<double> y, IReadOnlyList<double[]> regressors, bool intercept = true)
    {
        ArgumentNullException.ThrowIfNull(regressors);
        int n = y.Length, p = regressors.Count, k = p + (intercept ? 1 : 0);
        if (k == 0) throw new ArgumentException("A model needs a regressor or an intercept.", nameof(regressors));
        for (int j = 0; j < p; j++)
        {
            ArgumentNullException.ThrowIfNull(regressors[j], $"{nameof(regressors)}[{j}]");
            if (regressors[j].Length != n)
                throw new ArgumentException($"Regressor {j} has {regressors[j].Length} values but y has {n}.", nameof(regressors));
        }

        if (!AllFinite(y)) return OlsResult.Failed(StatisticStatus.NonFiniteInput, "y has a NaN or infinite value.", intercept, n, k);
        for (int j = 0; j < p; j++)
            if (!AllFinite(regressors[j]))
                return OlsResult.Failed(StatisticStatus.NonFiniteInput, $"Regressor {j} has a NaN or infinite value.", intercept, n, k);
        if (n <= k)
            return OlsResult.Failed(StatisticStatus.NotEnoughData, $"{n} observations for {k} coefficients leave no residual degree of freedom.", intercept, n, k);

        // One pooled column-major copy: the regressors, then y (OlsSolver overwrites it; see there for the numerics).
        long size = (long)n * (p + 1);
        if (size > Array.MaxLength)
            return OlsResult.Failed(StatisticStatus.NotEnoughData, $"{n} observations of {p} regressors are too many to hold in one design.", intercept, n, k);
        double[] buffer = ArrayPool<double>.Shared.Rent((int)size);
        try
        {
            Span<double> design = buffer.AsSpan(0, (int)size);
            for (int j = 0; j < p; j++) regressors[j].AsSpan().CopyTo(design.Slice(j * n, n));
            y.CopyTo(design.Slice(p * n, n));
            return Finish(y, regressors, intercept, design, n, p, k);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    // Solves, then derives the covariance, standard errors, intercept and residuals from R.
    private static OlsResult Finish(ReadOnlySpan<double> y, IReadOnlyList<double[]> regressors, bool intercept, Span<double> design, int n, int p, int k)
    {
        double[] small = new double[4 * p + 1];
        Span<double> means = small.AsSpan(0, p + 1), scales = small.AsSpan(p + 1, p), diagonal = small.AsSpan(2 * p + 1, p);
        Span<double> c = small.AsSpan(3 * p + 1, p);
        StatisticStatus status = OlsSolver.Solve(design, n, p, intercept, means, scales, diagonal, c, out double totalSquares, out double ssr, out int bad, out bool dependent);
        if (status != StatisticStatus.Ok) return OlsResult.Failed(status, FailureReason(bad, dependent, intercept), intercept, n, k);
        double yMean = means[p];
        double sigma2 = ssr / (n - k);

        // (R'R)^-1 = R^-1 R^-T: invert the triangle column by column.
        var rInv = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            rInv[j, j] = 1 / diagonal[j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int m = i + 1; m <= j; m++) s += design[m * n + i] * rInv[m, j];
                rInv[i, j] = -s / diagonal[i];
            }
        }

        var cov = new double[p, p]; // of the unscaled coefficients, divided by sigma²
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int m = Math.Max(i, j); m < p; m++) s += rInv[i, m] * rInv[j, m];
                cov[i, j] = s / (scales[i] * scales[j]);
            }

        var coefficients = new double[k];
        var errors = new double[k];
        int offset = intercept ? 1 : 0;
        for (int j = 0; j < p; j++)
        {
            coefficients[offset + j] = c[j];
            errors[offset + j] = Math.Sqrt(sigma2 * cov[j, j]);
        }

        if (intercept)
        {
            double b0 = yMean, v = 1.0 / n;
            for (int j = 0; j < p; j++)
            {
                b0 -= means[j] * coefficients[1 + j];
                for (int m = 0; m < p; m++) v += means[j] * means[m] * cov[j, m];
            }

            coefficients[0] = b0;
            errors[0] = Math.Sqrt(sigma2 * v);
        }

        var residuals = new double[n];
        for (int i = 0; i < n; i++)
        {
            double fitted = intercept ? coefficients[0] : 0;
            for (int j = 0; j < p; j++) fitted += coefficients[offset + j] * regressors[j][i];
            residuals[i] = y[i] - fitted;
        }

        return new OlsResult(StatisticStatus.Ok, null, intercept, n, k, coefficients, errors, residuals, ssr, totalSquares);
    }

    /// <summary>Returns why <see cref="OlsSolver.Solve"/> failed on regressor <paramref name="column"/>.</summary>
    internal static string FailureReason(int column, bool dependent, bool intercept) =>
        dependent ? $"Regressor {column} is a linear combination of the ones before it."
        : intercept ? $"Regressor {column} is constant, so it is collinear with the intercept." : $"Regressor {column} is all zeros.";

    // Subtracts the mean in place (two passes, the second correcting the first's rounding) and returns it.
    internal static double Center(Span<double> x)
    {
        double mean = 0;
        for (int i = 0; i < x.Length; i++) mean += x[i];
        mean /= x.Length;
        double correction = 0;
        for (int i = 0; i < x.Length; i++) correction += x[i] - mean;
        mean += correction / x.Length;
        for (int i = 0; i < x.Length; i++) x[i] -= mean;
        return mean;
    }

    private static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
            if (!double.IsFinite(v)) return false;
        return true;
    }
}
