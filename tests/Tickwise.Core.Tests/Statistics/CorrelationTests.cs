using System.Text.Json;
using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

public sealed class CorrelationTests
{
    // apache/commons-math PearsonsCorrelationTest.testLongley ("against R"): matrix absolute tolerance 1e-14.
    private const double CommonsMathLongleyTolerance = 1e-14;

    [Fact]
    public void PearsonMatrix_Longley_MatchesR()
    {
        NistData data = NistData.Load("Longley");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.SharedPath("reference", "correlation", "expected.json")));
        JsonElement expected = doc.RootElement.GetProperty("pearson_longley_matrix").GetProperty("correlation_matrix_7x7");

        double[,] sut = Correlation.PearsonMatrix([data.Y, .. data.X]);

        sut.GetLength(0).ShouldBe(7);
        int i = 0;
        foreach (JsonElement row in expected.EnumerateArray())
        {
            int j = 0;
            foreach (JsonElement e in row.EnumerateArray())
            {
                sut[i, j].ShouldBe(e.GetDouble(), CommonsMathLongleyTolerance, $"[{i},{j}]");
                j++;
            }

            i++;
        }

        i.ShouldBe(7);
    }

    [Fact]
    public void PValue_LongleyMatrix_MatchesR()
    {
        // Same source (testLongley, p-values "against R", abs 1e-15 there). Our t tail (continued fraction, Lanczos
        // log-gamma) keeps about 13 significant digits, so the check is relative 1e-11 or absolute 1e-15.
        NistData data = NistData.Load("Longley");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.SharedPath("reference", "correlation", "expected.json")));
        double[] expected = doc.RootElement.GetProperty("pearson_longley_matrix").GetProperty("pvalues_lower_triangle_rowwise")
            .EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[,] r = Correlation.PearsonMatrix([data.Y, .. data.X]);

        int k = 0;
        for (int i = 1; i < 7; i++)
            for (int j = 0; j < i; j++, k++)
                Correlation.PValue(r[i, j], 16).ShouldBe(expected[k], Math.Max(1e-15, 1e-11 * expected[k]), $"({i},{j})");
        k.ShouldBe(expected.Length);
    }

    [Fact]
    public void PValue_TooFewOrPerfect_AreNaNOrZero()
    {
        double.IsNaN(Correlation.PValue(0.5, 2)).ShouldBeTrue();
        double.IsNaN(Correlation.PValue(double.NaN, 20)).ShouldBeTrue();
        Correlation.PValue(1, 20).ShouldBe(0);
        Correlation.PValue(0, 20).ShouldBe(1, 1e-15);
    }

    [Fact]
    public void Pearson_LongleyPair_MatchesMatrixEntry()
    {
        NistData data = NistData.Load("Longley");
        Correlation.Pearson(data.X[2], data.X[3]).ShouldBe(-0.1774206295018783, CommonsMathLongleyTolerance);
    }

    [Fact]
    public void TryPearson_ConstantSeries_ReturnsConstantSeriesAndNaN()
    {
        Correlation.TryPearson([0.1, 0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4, 5], out double r).ShouldBe(StatisticStatus.ConstantSeries);
        double.IsNaN(r).ShouldBeTrue();
    }

    [Fact]
    public void TryPearson_NonFiniteValue_ReturnsNonFiniteInput()
    {
        Correlation.TryPearson([1, double.NaN, 3], [1, 2, 3], out double r).ShouldBe(StatisticStatus.NonFiniteInput);
        double.IsNaN(r).ShouldBeTrue();
    }

    [Fact]
    public void TryPearson_OnePair_ReturnsNotEnoughData() =>
        Correlation.TryPearson([1], [2], out _).ShouldBe(StatisticStatus.NotEnoughData);

    [Fact]
    public void Pearson_LengthsDiffer_ThrowsWithParameterName() =>
        Should.Throw<ArgumentException>(() => Correlation.Pearson([1, 2], [1, 2, 3])).ParamName.ShouldBe("y");

    [Fact]
    public void PearsonMatrix_ConstantAndNaNSeries_GetNaNRowAndColumn()
    {
        double[,] sut = Correlation.PearsonMatrix([[1, 2, 3, 5], [7, 7, 7, 7], [2, 1, double.NaN, 0], [4, 3, 2, 0]]);

        sut[0, 3].ShouldBe(Correlation.Pearson([1, 2, 3, 5], [4, 3, 2, 0]), 1e-15);
        sut[3, 0].ShouldBe(sut[0, 3]);
        for (int k = 0; k < 4; k++)
        {
            double.IsNaN(sut[1, k]).ShouldBeTrue();
            double.IsNaN(sut[k, 2]).ShouldBeTrue();
        }

        sut[0, 0].ShouldBe(1);
    }

    [Fact]
    public void PearsonMatrix_HugeAndTinyScales_AreScaleFree()
    {
        double[] x = [1e-300, 2e-300, 4e-300, 3e-300];
        double[] y = [1e150, 3e150, 2e150, 5e150];

        double[,] sut = Correlation.PearsonMatrix([x, y]);

        sut[0, 1].ShouldBe(Correlation.Pearson([1, 2, 4, 3], [1, 3, 2, 5]), 1e-12);
    }

    [Fact]
    public void PearsonMatrix_NineSeries_BitIdenticalToPairwisePearson()
    {
        // Rows beyond the fourth take the four-at-a-time dot products; each must equal the two-series computation exactly.
        var random = new Random(9);
        double[][] series = Enumerable.Range(0, 9).Select(_ => Enumerable.Range(0, 101).Select(_ => random.NextDouble()).ToArray()).ToArray();

        double[,] sut = Correlation.PearsonMatrix(series);

        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                if (i != j) sut[i, j].ShouldBe(Correlation.Pearson(series[Math.Max(i, j)], series[Math.Min(i, j)]));
    }

    [Fact]
    public void PearsonMatrix_LengthsDiffer_Throws() =>
        Should.Throw<ArgumentException>(() => Correlation.PearsonMatrix([[1, 2, 3], [1, 2]])).ParamName.ShouldBe("series");

    [Fact]
    public void PearsonMatrix_NoSeries_ReturnsEmpty() =>
        Correlation.PearsonMatrix([]).Length.ShouldBe(0);
}
