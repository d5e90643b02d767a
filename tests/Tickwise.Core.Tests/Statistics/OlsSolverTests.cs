using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class OlsSolverTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Solve_RandomDesign_BitIdenticalToOlsFit(bool intercept)
    {
        var random = new Random(17);
        int n = 53, p = 3;
        double[][] columns = Enumerable.Range(0, p).Select(_ => Enumerable.Range(0, n).Select(_ => 100 + random.NextDouble()).ToArray()).ToArray();
        double[] y = Enumerable.Range(0, n).Select(i => 2 * columns[0][i] - columns[2][i] + random.NextDouble()).ToArray();
        double[] design = [.. columns.SelectMany(c => c), .. y];
        double[] means = new double[p + 1], scales = new double[p], diagonal = new double[p], sut = new double[p];

        StatisticStatus status = OlsSolver.Solve(design, n, p, intercept, means, scales, diagonal, sut, out double total, out double ssr, out int bad, out _);

        OlsResult expected = Ols.Fit(y, columns, intercept);
        status.ShouldBe(StatisticStatus.Ok);
        bad.ShouldBe(-1);
        for (int j = 0; j < p; j++) sut[j].ShouldBe(expected.Coefficients[j + (intercept ? 1 : 0)]);
        ssr.ShouldBe(expected.ResidualSumOfSquares);
        total.ShouldBe(expected.TotalSumOfSquares);
    }

    [Fact]
    public void Solve_DependentColumn_ReportsItAsDependent()
    {
        double[] x = [1, 2, 3, 4, 5, 7];
        double[] design = [.. x, .. x.Select(v => 3 * v), 1, 3, 2, 5, 4, 6];

        StatisticStatus sut = OlsSolver.Solve(design, 6, 2, false, new double[3], new double[2], new double[2], new double[2], out _, out _, out int bad, out bool dependent);

        sut.ShouldBe(StatisticStatus.Singular);
        bad.ShouldBe(1);
        dependent.ShouldBeTrue();
    }

    [Theory]
    [InlineData(true, StatisticStatus.ConstantSeries)]
    [InlineData(false, StatisticStatus.Singular)]
    public void Solve_FlatColumn_ReportsItAsFlat(bool intercept, StatisticStatus expected)
    {
        double[] design = [1, 2, 3, 4, 5, 7, .. (intercept ? new double[] { 4, 4, 4, 4, 4, 4 } : new double[6]), 1, 3, 2, 5, 4, 6];

        StatisticStatus sut = OlsSolver.Solve(design, 6, 2, intercept, new double[3], new double[2], new double[2], new double[2], out _, out _, out int bad, out bool dependent);

        sut.ShouldBe(expected);
        bad.ShouldBe(1);
        dependent.ShouldBeFalse();
    }
}
