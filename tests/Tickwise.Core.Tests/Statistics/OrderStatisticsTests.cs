using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class OrderStatisticsTests
{
    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 5 }, 5)]
    [InlineData(new double[] { 2, 2, 2, 2 }, 2)]
    public void Median_SmallSets_IsTheMiddle(double[] values, double expected)
    {
        OrderStatistics.Median(values).ShouldBe(expected);
    }

    [Fact]
    public void Median_Empty_IsNaN()
    {
        double.IsNaN(OrderStatistics.Median([])).ShouldBeTrue();
    }

    [Theory]
    [InlineData("random")]
    [InlineData("sorted")]
    [InlineData("reversed")]
    [InlineData("few distinct")]
    public void Select_EveryRank_EqualsTheSortedValue(string shape)
    {
        var random = new Random(4);
        double[] values = Enumerable.Range(0, 301).Select(i => shape switch
        {
            "sorted" => i,
            "reversed" => -i,
            "few distinct" => random.Next(3),
            _ => random.NextDouble(),
        }).Select(v => (double)v).ToArray();
        double[] sorted = values.Order().ToArray();

        for (int k = 0; k < values.Length; k += 7)
        {
            double[] sut = (double[])values.Clone();
            OrderStatistics.Select(sut, k).ShouldBe(sorted[k]);
            sut.Take(k).ShouldAllBe(v => v <= sorted[k]);
            sut.Skip(k + 1).ShouldAllBe(v => v >= sorted[k]);
        }
    }

    [Fact]
    public void MedianInPlace_EvenRandom_EqualsSortedMiddleMean()
    {
        var random = new Random(6);
        double[] values = Enumerable.Range(0, 1000).Select(_ => random.NextDouble()).ToArray();
        double[] sorted = values.Order().ToArray();

        OrderStatistics.MedianInPlace(values).ShouldBe((sorted[499] + sorted[500]) / 2, 1e-15);
    }

    [Fact]
    public void AverageRanks_Ties_GetTheirMeanRank()
    {
        double[] ranks = new double[6];

        OrderStatistics.AverageRanks([10.0, 30, 20, 30, 10, 5], ranks, new int[6]);

        // scipy.stats.rankdata([10, 30, 20, 30, 10, 5]) = [2.5, 5.5, 4, 5.5, 2.5, 1]
        ranks.ShouldBe([2.5, 5.5, 4, 5.5, 2.5, 1]);
    }
}
