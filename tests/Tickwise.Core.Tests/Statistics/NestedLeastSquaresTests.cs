using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class NestedLeastSquaresTests
{
    // One QR against separate QR fits of each prefix model: the same arithmetic on the shared columns, so rounding.
    private const double SeparateFits = 1e-10;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ResidualSumsOfSquares_EveryPrefix_EqualsSeparateOlsFits(bool intercept)
    {
        var random = new Random(31);
        int n = 200;
        double[][] columns = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10 + 50).ToArray()).ToArray();
        double[] y = Enumerable.Range(0, n).Select(i => 3 + 0.5 * columns[0][i] - columns[3][i] + random.NextDouble()).ToArray();

        double[] sut = NestedLeastSquares.ResidualSumsOfSquares(y, Copy(columns), intercept)!;

        sut.Length.ShouldBe(7);
        for (int k = intercept ? 0 : 1; k <= 6; k++)
        {
            double expected = Ols.Fit(y, columns[..k], intercept).ResidualSumOfSquares;
            sut[k].ShouldBe(expected, SeparateFits * expected);
        }

        if (intercept) sut[0].ShouldBe(y.Sum(v => (v - y.Average()) * (v - y.Average())), 1e-9 * sut[0]);
        else sut[0].ShouldBe(y.Sum(v => v * v), 1e-12 * sut[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TValueOfLast_RandomDesign_EqualsOlsTValue(bool intercept)
    {
        var random = new Random(8);
        int n = 300;
        double[][] columns = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 1).ToArray()).ToArray();
        double[] y = Enumerable.Range(0, n).Select(i => 1 + columns[0][i] - 0.05 * columns[4][i] + random.NextDouble()).ToArray();

        double sut = NestedLeastSquares.TValueOfLast(y, Copy(columns), intercept)!.Value;

        OlsResult ols = Ols.Fit(y, columns, intercept);
        sut.ShouldBe(ols.TValues[^1], SeparateFits * Math.Max(1, Math.Abs(ols.TValues[^1])));
    }

    [Fact]
    public void ResidualSumsOfSquares_Design_BitIdenticalToColumnList()
    {
        var random = new Random(5);
        int n = 101, p = 6;
        double[][] columns = Enumerable.Range(0, p).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray()).ToArray();
        double[] y = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        double[] design = [.. columns.SelectMany(c => c), .. y];
        double[] sut = new double[p + 1];

        NestedLeastSquares.ResidualSumsOfSquares(design, n, p, true, sut).ShouldBeTrue();

        sut.ShouldBe(NestedLeastSquares.ResidualSumsOfSquares(y, columns, true)!);
        columns[0][0].ShouldNotBe(design[0]); // the design form works in place; the list form left its columns alone
    }

    [Fact]
    public void TValueOfLast_NoColumn_ReturnsNull()
    {
        NestedLeastSquares.TValueOfLast([1.0, 2, 3], [], true).ShouldBeNull();
    }

    private static double[][] Copy(double[][] columns) => columns.Select(c => (double[])c.Clone()).ToArray();

    [Fact]
    public void ResidualSumsOfSquares_DependentColumn_ReturnsNull()
    {
        double[] x = [1, 2, 3, 4, 5, 7];
        NestedLeastSquares.ResidualSumsOfSquares([1.0, 3, 2, 5, 4, 6], [x, x.Select(v => 2 * v).ToArray()], true).ShouldBeNull();
    }

    [Fact]
    public void ResidualSumsOfSquares_ConstantColumnWithIntercept_ReturnsNull()
    {
        NestedLeastSquares.ResidualSumsOfSquares([1.0, 3, 2, 5], [[0.1, 0.1, 0.1, 0.1]], true).ShouldBeNull();
    }

    [Fact]
    public void ResidualSumsOfSquares_TooFewRows_ReturnsNull()
    {
        NestedLeastSquares.ResidualSumsOfSquares([1.0, 3], [[1.0, 2]], true).ShouldBeNull();
    }
}
