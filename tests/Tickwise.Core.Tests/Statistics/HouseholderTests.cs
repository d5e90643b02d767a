using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class HouseholderTests
{
    [Theory]
    [InlineData(37, 0, 9)]   // 9 targets: two blocks of four and one single, odd row count (vector tails)
    [InlineData(64, 5, 7)]   // a later reflection: the rows below j start off the four-lane grid
    [InlineData(10, 2, 3)]   // fewer targets than a block
    public void Reflect_BlockOfColumns_BitIdenticalToOneColumnAtATime(int n, int j, int targets)
    {
        var random = new Random(n + j);
        double[] design = Enumerable.Range(0, n * (j + 1 + targets)).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] oneByOne = (double[])design.Clone();
        double v0 = design[j * n + j] - 1.7, below = 0;
        for (int i = j + 1; i < n; i++) below += design[j * n + i] * design[j * n + i];
        double vv = v0 * v0 + below;

        Householder.Reflect(design, n, j, v0, vv, j + 1, j + targets);
        for (int m = j + 1; m <= j + targets; m++) Householder.Reflect(oneByOne, n, j, v0, vv, m, m);

        for (int i = 0; i < design.Length; i++)
            BitConverter.DoubleToInt64Bits(design[i]).ShouldBe(BitConverter.DoubleToInt64Bits(oneByOne[i]), $"index {i}");
    }

    [Theory]
    [InlineData(9, 13)]  // two blocks of four and a single column, vector tails
    [InlineData(3, 4)]   // fewer columns than a block
    public void Center_InterleavedColumns_BitIdenticalToOlsCenter(int columns, int n)
    {
        var random = new Random(columns);
        double[] design = Enumerable.Range(0, n * columns).Select(_ => 1e6 + random.NextDouble()).ToArray();
        double[] expected = (double[])design.Clone();
        double[] means = new double[columns];

        Householder.Center(design, n, 0, columns - 1, means);

        for (int m = 0; m < columns; m++)
            Bits(means[m]).ShouldBe(Bits(Ols.Center(expected.AsSpan(m * n, n))), $"mean of column {m}");
        for (int i = 0; i < design.Length; i++) Bits(design[i]).ShouldBe(Bits(expected[i]), $"index {i}");
    }

    [Fact]
    public void Norms_InterleavedColumnsWithSpecialValues_BitIdenticalToNorm()
    {
        int n = 11, columns = 10;
        var random = new Random(2);
        double[] design = Enumerable.Range(0, n * columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        design[1 * n + 3] = double.NaN;              // block 0: a NaN inside the vector part
        design[4 * n + 10] = double.PositiveInfinity; // block 1: an infinity in the tail
        for (int i = 0; i < n; i++) design[8 * n + i] = 3e-320; // the single columns: subnormal, then zeros
        for (int i = 0; i < n; i++) design[9 * n + i] = 0;
        double[] sut = new double[columns];

        Householder.Norms(design, n, 0, columns - 1, sut);

        for (int m = 0; m < columns; m++) Bits(sut[m]).ShouldBe(Bits(Householder.Norm(design.AsSpan(m * n, n))), $"column {m}");
        sut[1].ShouldBe(double.NaN);
        sut[4].ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Scale_OddLength_MultipliesEveryValue()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7];

        Householder.Scale(x, 0.5);

        x.ShouldBe([0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    [Fact]
    public void Reflect_Twice_RestoresTheColumn()
    {
        // H is an involution: a reflection applied twice is the identity, up to rounding.
        var random = new Random(3);
        int n = 41;
        double[] design = Enumerable.Range(0, n * 3).Select(_ => random.NextDouble()).ToArray();
        double[] original = (double[])design.Clone();
        double v0 = 0.3, vv = v0 * v0;
        for (int i = 1; i < n; i++) vv += design[i] * design[i];

        Householder.Reflect(design, n, 0, v0, vv, 1, 2);
        Householder.Reflect(design, n, 0, v0, vv, 1, 2);

        for (int i = n; i < 3 * n; i++) design[i].ShouldBe(original[i], 1e-13);
    }

    [Fact]
    public void Dot_OddLength_EqualsScalarSum()
    {
        double[] a = Enumerable.Range(1, 11).Select(i => (double)i).ToArray();
        double[] b = Enumerable.Range(1, 11).Select(i => 1.0 / i).ToArray();

        Householder.Dot(a, b).ShouldBe(11.0, 1e-14);
    }

    [Fact]
    public void Norm_HugeAndSubnormalValues_NeitherOverflowsNorUnderflows()
    {
        Householder.Norm([3e200, 4e200]).ShouldBe(5e200, 1e186);
        Householder.Norm([3e-320, 4e-320]).ShouldBe(5e-320, 1e-322);
        Householder.Norm([0.0, 0, 0]).ShouldBe(0);
    }
}
