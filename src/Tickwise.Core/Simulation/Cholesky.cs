namespace Tickwise.Core.Simulation;

/// <summary>Cholesky factorization of a small symmetric matrix stored row-major in a flat array.</summary>
internal static class Cholesky
{
    /// <summary>
    /// Writes the lower-triangular <c>L</c> with <c>L L^T = matrix</c> into <paramref name="lower"/>, or returns false
    /// with the failing row when the matrix is not positive definite.
    /// </summary>
    public static bool TryFactor(ReadOnlySpan<double> matrix, int n, Span<double> lower, out int failedRow)
    {
        lower[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[i * n + j];
                for (int k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
                if (i == j)
                {
                    // A pivot at or below zero (or NaN) means the matrix is not positive definite.
                    if (!(sum > 1e-12))
                    {
                        failedRow = i;
                        return false;
                    }
                    lower[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i * n + j] = sum / lower[j * n + j];
                }
            }
        }
        failedRow = -1;
        return true;
    }
}
