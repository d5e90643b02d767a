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

        // Columns in column-major copies: a[j] is regressor j, b is y; centered when there is an intercept.
        var a = new double[p][];
        var means = new double[p];
        var scales = new double[p];
        double[] b = y.ToArray();
        double yMean = intercept ? Center(b) : 0;
        for (int j = 0; j < p; j++)
        {
            a[j] = (double[])regressors[j].Clone();
            if (intercept) means[j] = Center(a[j]);
            scales[j] = Norm(a[j], 0);
            if (scales[j] == 0 || (intercept && Flatness.IsFlat(scales[j] * scales[j], n, means[j])))
                return OlsResult.Failed(intercept ? StatisticStatus.ConstantSeries : StatisticStatus.Singular,
                    intercept ? $"Regressor {j} is constant, so it is collinear with the intercept." : $"Regressor {j} is all zeros.", intercept, n, k);
            for (int i = 0; i < n; i++) a[j][i] /= scales[j];
        }

        double totalSquares = 0;
        for (int i = 0; i < n; i++) totalSquares += b[i] * b[i]; // centered when y was centered, uncentered otherwise
        if (Flatness.IsFlat(totalSquares, n, yMean)) totalSquares = 0; // R² is then undefined (NaN), not noise

        // Householder QR of the scaled columns, applying each reflection to y as it is made.
        var diagonal = new double[p];
        double largest = 0;
        for (int j = 0; j < p; j++)
        {
            double[] col = a[j];
            double norm = Norm(col, j);
            double alpha = col[j] > 0 ? -norm : norm;
            double v0 = col[j] - alpha;
            double vv = v0 * v0;
            for (int i = j + 1; i < n; i++) vv += col[i] * col[i];
            diagonal[j] = alpha;
            largest = Math.Max(largest, Math.Abs(alpha));
            if (Math.Abs(alpha) <= Math.Max(n, p) * 2.220446049250313e-16 * largest || vv == 0)
                return OlsResult.Failed(StatisticStatus.Singular, $"Regressor {j} is a linear combination of the ones before it.", intercept, n, k);
            for (int m = j + 1; m < p; m++) Reflect(col, v0, vv, j, a[m]);
            Reflect(col, v0, vv, j, b);
        }

        // Back substitution R c = Q'y (upper triangle of a, diagonal apart), then unscale.
        var c = new double[p];
        for (int j = p - 1; j >= 0; j--)
        {
            double s = b[j];
            for (int m = j + 1; m < p; m++) s -= a[m][j] * c[m];
            c[j] = s / diagonal[j];
        }

        double ssr = 0;
        for (int i = p; i < n; i++) ssr += b[i] * b[i];
        double sigma2 = ssr / (n - k);

        // (R'R)^-1 = R^-1 R^-T: invert the triangle column by column.
        var rInv = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            rInv[j, j] = 1 / diagonal[j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int m = i + 1; m <= j; m++) s += a[m][i] * rInv[m, j];
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
            coefficients[offset + j] = c[j] / scales[j];
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

    // Applies H = I - 2 v v' / (v'v) to target rows j..n-1, v = (v0, col[j+1..]).
    private static void Reflect(double[] col, double v0, double vv, int j, double[] target)
    {
        double dot = v0 * target[j];
        for (int i = j + 1; i < col.Length; i++) dot += col[i] * target[i];
        double f = 2 * dot / vv;
        target[j] -= f * v0;
        for (int i = j + 1; i < col.Length; i++) target[i] -= f * col[i];
    }

    // Euclidean norm of x[from..], scaled by the largest magnitude so squares neither overflow nor underflow.
    private static double Norm(double[] x, int from)
    {
        double max = 0;
        for (int i = from; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        if (max == 0) return 0;
        double s = 0;
        for (int i = from; i < x.Length; i++) { double t = x[i] / max; s += t * t; }
        return max * Math.Sqrt(s);
    }

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
