using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class RankCorrelationTests
{
    // pair_references.json spearman: scipy 1.10.1 spearmanr; the same ranks and Pearson in another order agree to rounding.
    private const double ScipyExact = 1e-12;

    [Fact]
    public void Spearman_BinanceReturnsAndCloses_MatchScipy()
    {
        foreach (var c in PairReferences.Section("spearman"))
        {
            int start = c.GetProperty("start").GetInt32(), count = c.GetProperty("count").GetInt32();
            string a = c.GetProperty("a").GetString()!, b = c.GetProperty("b").GetString()!;
            bool returns = c.GetProperty("what").GetString()!.StartsWith("log returns", StringComparison.Ordinal);
            double[] x = returns ? LogReturns(PairReferences.Slice(a, start, count + 1)) : PairReferences.Slice(a, start, count);
            double[] y = returns ? LogReturns(PairReferences.Slice(b, start, count + 1)) : PairReferences.Slice(b, start, count);

            double sut = RankCorrelation.Spearman(x, y);

            sut.ShouldBe(c.GetProperty("spearman").GetDouble(), ScipyExact);
        }
    }

    private static double[] LogReturns(double[] closes) =>
        Enumerable.Range(1, closes.Length - 1).Select(i => Math.Log(closes[i] / closes[i - 1])).ToArray();

    [Fact]
    public void Spearman_Ties_UseAverageRanks()
    {
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138 (ranks 1, 2.5, 2.5, 4).
        RankCorrelation.Spearman([1.0, 2, 2, 3], [1.0, 3, 2, 4]).ShouldBe(0.9486832980505138, ScipyExact);
    }

    [Fact]
    public void Spearman_MonotoneTransform_IsOne()
    {
        double[] x = Enumerable.Range(1, 50).Select(i => (double)i * 1.3).ToArray();

        RankCorrelation.Spearman(x, x.Select(Math.Exp).ToArray()).ShouldBe(1, ScipyExact);
        RankCorrelation.Spearman(x, x.Select(v => -v * v * v).ToArray()).ShouldBe(-1, ScipyExact);
    }

    [Fact]
    public void TrySpearman_BadInput_SaysWhy()
    {
        RankCorrelation.TrySpearman([1.0], [2.0], out double r).ShouldBe(StatisticStatus.NotEnoughData);
        double.IsNaN(r).ShouldBeTrue();
        RankCorrelation.TrySpearman([1.0, double.NaN], [2.0, 3], out _).ShouldBe(StatisticStatus.NonFiniteInput);
        RankCorrelation.TrySpearman([1.0, 1, 1], [2.0, 3, 4], out _).ShouldBe(StatisticStatus.ConstantSeries);
    }

    [Fact]
    public void Spearman_LengthMismatch_Throws()
    {
        Should.Throw<ArgumentException>(() => RankCorrelation.Spearman([1.0, 2], [1.0])).ParamName.ShouldBe("y");
    }

    [Fact]
    public void Spearman_LongSeries_MatchesPearsonOfNaiveRanks()
    {
        var random = new Random(5);
        double[] x = Enumerable.Range(0, 3000).Select(_ => Math.Round(random.NextDouble() * 100)).ToArray(); // many ties
        double[] y = x.Select(v => v + random.NextDouble() * 30).ToArray();

        double expected = Correlation.Pearson(NaiveRanks(x), NaiveRanks(y));

        RankCorrelation.Spearman(x, y).ShouldBe(expected, 1e-12);
    }

    private static double[] NaiveRanks(double[] v) =>
        v.Select(a => v.Count(b => b < a) + (v.Count(b => b == a) + 1) / 2.0).ToArray();
}
