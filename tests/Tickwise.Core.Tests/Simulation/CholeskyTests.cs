using Tickwise.Core.Simulation;

namespace Tickwise.Core.Tests.Simulation;

public class CholeskyTests
{
    [Fact]
    public void TryFactor_PositiveDefinite_ReproducesMatrix()
    {
        double[] matrix = [1, 0.8, 0.3, 0.8, 1, 0.5, 0.3, 0.5, 1];
        var lower = new double[9];

        Cholesky.TryFactor(matrix, 3, lower, out int failedRow).ShouldBeTrue();

        failedRow.ShouldBe(-1);
        lower[0 * 3 + 1].ShouldBe(0);
        lower[0 * 3 + 2].ShouldBe(0);
        lower[1 * 3 + 2].ShouldBe(0);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += lower[i * 3 + k] * lower[j * 3 + k];
                sum.ShouldBe(matrix[i * 3 + j], 1e-12);
            }
        }
    }

    [Fact]
    public void TryFactor_TwoByTwo_MatchesClosedForm()
    {
        // L = [[1, 0], [rho, sqrt(1 - rho^2)]] for a 2x2 correlation matrix.
        var lower = new double[4];

        Cholesky.TryFactor([1, 0.6, 0.6, 1], 2, lower, out _).ShouldBeTrue();

        lower.ShouldBe([1, 0, 0.6, 0.8], 1e-15);
    }

    [Fact]
    public void TryFactor_NotPositiveDefinite_ReturnsFailedRow()
    {
        // Pairwise plausible, jointly impossible: a ~ b, b ~ c, but a ~ -c.
        double[] matrix = [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1];

        Cholesky.TryFactor(matrix, 3, new double[9], out int failedRow).ShouldBeFalse();

        failedRow.ShouldBe(2);
    }

    [Fact]
    public void TryFactor_NaN_ReturnsFalse()
    {
        Cholesky.TryFactor([double.NaN], 1, new double[1], out int failedRow).ShouldBeFalse();
        failedRow.ShouldBe(0);
    }
}
