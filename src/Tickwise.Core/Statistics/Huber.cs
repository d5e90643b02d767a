using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Huber M-estimator regression by iteratively reweighted least squares, following statsmodels'
/// <c>RLM(endog, exog, M=HuberT()).fit()</c> with its defaults.</summary>
/// <remarks>
/// <para>Start: ordinary least squares. Each iteration: scale = MAD of the residuals about zero / Φ⁻¹(3/4)
/// (0.6744897501960817); weights w = min(1, c / |r / scale|) with the tuning constant c (1.345, 95% efficiency
/// under normal errors); weighted least squares; the scale re-estimated from the new residuals. Convergence
/// (statsmodels' <c>conv="dev"</c>): the change of the deviance Σ ρ(r / v) between two fits is at most the
/// tolerance, or the iteration limit is reached. v = Σ w r² / (n - k) is the weighted fit's residual
/// <em>variance</em>: statsmodels divides by it rather than by its root, and so does this, so that both stop
/// at the same iteration.</para>
/// <para>Standard errors: statsmodels' default "H1" covariance,
/// <c>K² (Σ ψ(u)² / (n - k)) scale² / mean(ψ'(u))² (X'X)⁻¹</c> with u = r / scale and
/// <c>K = 1 + k/n var(ψ'(u)) / mean(ψ'(u))²</c>, k counting the intercept.</para>
/// <para>Bad data never throws: NaN or infinite values, too few observations or dependent regressors give a
/// result with NaN values, the status and a reason (those of the starting <see cref="Ols"/> fit). When more
/// than half of the points lie exactly on the fit the MAD scale is zero (below 64 ε max|y|, i.e. rounding): iteration stops there, as in
/// statsmodels, the coefficients are those of the last fit, <see cref="HuberResult.Scale"/> is 0 and the
/// standard errors are NaN.</para>
/// </remarks>
public static class Huber
{
    /// <summary>Φ⁻¹(3/4): the MAD of a standard normal sample, which makes the MAD a consistent estimate of σ.</summary>
    public const double MadNormalization = 0.6744897501960817;

    /// <summary>The default tuning constant, 1.345 (95% asymptotic efficiency at the normal distribution).</summary>
    public const double DefaultTuning = 1.345;

    /// <summary>Fits y on the regressors (each an array of n values), with or without an intercept.</summary>
    /// <param name="y">The responses.</param>
    /// <param name="regressors">The regressors, each one value per observation.</param>
    /// <param name="intercept">Whether the model has a constant.</param>
    /// <param name="tuning">Huber's c: residuals beyond c scales are down-weighted.</param>
    /// <param name="maxIterations">The most fits, the starting one included (statsmodels' <c>maxiter</c>, 50).</param>
    /// <param name="tolerance">The deviance change that ends the iteration (statsmodels' <c>tol</c>, 1e-8).</param>
    /// <exception cref="ArgumentNullException"><paramref name="regressors"/> or one of its columns is null.</exception>
    /// <exception cref="ArgumentException">A regressor's length differs from y's, or there is neither a regressor nor an intercept.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tuning"/> or <paramref name="tolerance"/> is not positive and finite,
    /// or <paramref name="maxIterations"/> is below 2.</exception>
    public static HuberResult Fit(ReadOnlySpan<double> y, IReadOnlyList<double[]> regressors, bool intercept = true,
        double tuning = DefaultTuning, int maxIterations = 50, double tolerance = 1e-8)
    {
        if (!(tuning > 0) || double.IsPositiveInfinity(tuning))
            throw new ArgumentOutOfRangeException(nameof(tuning), tuning, "The tuning constant must be positive and finite.");
        if (!(tolerance > 0) || double.IsPositiveInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive and finite.");
        if (maxIterations < 2)
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "At least two fits are needed to test convergence.");

        OlsResult ols = Ols.Fit(y, regressors, intercept); // validates the arguments and the data
        int n = y.Length, p = regressors.Count, k = ols.ParameterCount;
        if (ols.Status != StatisticStatus.Ok) return HuberResult.Failed(ols.Status, ols.Reason!, intercept, n, k);

        double[] coefficients = [.. ols.Coefficients];
        double[] residuals = [.. ols.Residuals];
        double[] weights = new double[n];
        Array.Fill(weights, 1.0);
        double[] scratch = new double[n];
        double yMagnitude = 0;
        foreach (double v in y) yMagnitude = Math.Max(yMagnitude, Math.Abs(v));
        double scale = MadScale(residuals, scratch, yMagnitude);
        double previous = Deviance(residuals, ols.ResidualSumOfSquares / (n - k), tuning);
        int iterations = 1;
        bool converged = false;

        // Weighted columns: the constant and each regressor multiplied by sqrt(w), then sqrt(w) y, fitted without an
        // intercept in one pooled design that each fit overwrites (OlsSolver: Ols.Fit's arithmetic, no result object).
        double[] buffer = ArrayPool<double>.Shared.Rent(n * (k + 1) + 4 * k + 1);
        try
        {
            Span<double> design = buffer.AsSpan(0, n * (k + 1)), small = buffer.AsSpan(n * (k + 1), 4 * k + 1);
            Span<double> means = small[..(k + 1)], scales = small.Slice(k + 1, k), diagonal = small.Slice(2 * k + 1, k);
            Span<double> solved = small.Slice(3 * k + 1, k);
            while (!converged && scale > 0) // statsmodels stops at a zero scale, where the weights are undefined
            {
                for (int i = 0; i < n; i++)
                {
                    double u = Math.Abs(residuals[i] / scale);
                    weights[i] = u <= tuning ? 1.0 : tuning / u;
                    double root = Math.Sqrt(weights[i]);
                    design[k * n + i] = root * y[i];
                    if (intercept) design[i] = root;
                    for (int j = 0; j < p; j++) design[(k - p + j) * n + i] = root * regressors[j][i];
                }

                StatisticStatus status = OlsSolver.Solve(design, n, k, intercept: false, means, scales, diagonal, solved,
                    out _, out double wlsSsr, out int bad, out bool dependent);
                if (status != StatisticStatus.Ok)
                    return HuberResult.Failed(status, $"Weighted fit {iterations + 1}: {Ols.FailureReason(bad, dependent, false)}", intercept, n, k);
                solved.CopyTo(coefficients);
                for (int i = 0; i < n; i++)
                {
                    double fitted = intercept ? coefficients[0] : 0;
                    for (int j = 0; j < p; j++) fitted += coefficients[k - p + j] * regressors[j][i];
                    residuals[i] = y[i] - fitted;
                }

                scale = MadScale(residuals, scratch, yMagnitude);
                double deviance = Deviance(residuals, wlsSsr / (n - k), tuning);
                iterations++;
                double change = Math.Abs(deviance - previous);
                previous = deviance;
                if (!(change > tolerance)) converged = true;
                else if (iterations >= maxIterations) break;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }

        double[] errors = StandardErrors(ols, residuals, scale, tuning, n, k);
        return new HuberResult(StatisticStatus.Ok, null, intercept, n, coefficients, errors, residuals, weights, scale, iterations, converged);
    }

    // statsmodels' H1 covariance; (X'X)^-1's diagonal comes from the OLS fit, (se_j / s)², since it is unweighted.
    private static double[] StandardErrors(OlsResult ols, double[] residuals, double scale, double tuning, int n, int k)
    {
        var errors = new double[k];
        if (!(scale > 0))
        {
            Array.Fill(errors, double.NaN);
            return errors;
        }

        double sumPsi2 = 0, inside = 0;
        for (int i = 0; i < n; i++)
        {
            double u = residuals[i] / scale;
            double psi = Math.Clamp(u, -tuning, tuning);
            sumPsi2 += psi * psi;
            if (Math.Abs(u) <= tuning) inside++;
        }

        double m = inside / n;              // mean of ψ' (1 inside the band, 0 outside)
        double varDeriv = m - m * m;        // population variance of a 0/1 variable
        double correction = 1 + (double)k / n * varDeriv / (m * m);
        double factor = correction * correction * (sumPsi2 / (n - k)) * scale * scale / (m * m);
        double s2 = ols.ResidualSumOfSquares / (n - k);
        for (int j = 0; j < k; j++)
        {
            double unscaled = ols.StandardErrors[j] * ols.StandardErrors[j] / s2;
            errors[j] = Math.Sqrt(factor * unscaled);
        }

        return errors;
    }

    // A MAD within rounding of y's magnitude is an exact fit of most points, which statsmodels sees as 0.0 only
    // when the arithmetic happens to cancel exactly; treating it as 0 makes the outcome not depend on luck.
    private static double MadScale(double[] residuals, double[] scratch, double yMagnitude)
    {
        for (int i = 0; i < residuals.Length; i++) scratch[i] = Math.Abs(residuals[i]);
        double scale = OrderStatistics.MedianInPlace(scratch) / MadNormalization;
        return scale <= 64 * 2.220446049250313e-16 * yMagnitude ? 0 : scale;
    }

    // Σ ρ(r / v) with Huber's ρ: z²/2 inside the band, c|z| - c²/2 outside.
    private static double Deviance(double[] residuals, double v, double tuning)
    {
        double sum = 0;
        for (int i = 0; i < residuals.Length; i++)
        {
            double z = Math.Abs(residuals[i] / v);
            sum += z <= tuning ? 0.5 * z * z : tuning * z - 0.5 * tuning * tuning;
        }

        return sum;
    }
}
