namespace Tickwise.Core.Statistics;

/// <summary>Spearman's rank correlation: the Pearson correlation of the ranks, ties given their average rank
/// (scipy's <c>spearmanr</c>).</summary>
/// <remarks>Invariant to any increasing transformation of either series (prices or log prices give the same value) and
/// little moved by outliers. O(n log n).</remarks>
public static class RankCorrelation
{
    /// <summary>Returns Spearman's correlation of <paramref name="x"/> and <paramref name="y"/>, or NaN when undefined.</summary>
    /// <returns>The correlation in [-1, 1]; NaN for fewer than two pairs, a NaN or infinite value, or a constant series.</returns>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        TrySpearman(x, y, out double r);
        return r;
    }

    /// <summary>Computes Spearman's correlation and says whether it is defined.</summary>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    public static StatisticStatus TrySpearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out double correlation)
    {
        if (x.Length != y.Length) throw new ArgumentException($"The series differ in length ({x.Length}, {y.Length}).", nameof(y));
        correlation = double.NaN;
        if (x.Length < 2) return StatisticStatus.NotEnoughData;
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) return StatisticStatus.NonFiniteInput;
        int n = x.Length;
        var rx = new double[n];
        var ry = new double[n];
        var order = new int[n];
        OrderStatistics.AverageRanks(x, rx, order);
        OrderStatistics.AverageRanks(y, ry, order);
        return Correlation.TryPearson(rx, ry, out correlation);
    }
}
