using Tickwise.Core.Market;
using Tickwise.Core.Statistics;

namespace Tickwise.Web.Analysis;

/// <summary>The Pearson correlation matrix of several symbols' log returns over the latest bars they share.</summary>
/// <param name="Bars">The shared bars used (the returns are one fewer).</param>
/// <param name="FromOpenTimeMs">The first bar's open time, or 0 when none.</param>
/// <param name="ToOpenTimeMs">The last bar's open time, or 0 when none.</param>
/// <param name="Matrix">The matrix in the symbols' order; NaN where undefined (a flat series).</param>
internal sealed record CorrelationMatrix(int Bars, long FromOpenTimeMs, long ToOpenTimeMs, double[,] Matrix)
{
    /// <summary>The fewest shared bars a correlation needs (two returns).</summary>
    public const int MinimumBars = 3;

    /// <summary>Computes the matrix over the latest <paramref name="windowBars"/> bars the symbols share; with fewer than
    /// <see cref="MinimumBars"/> shared bars every off-diagonal entry is NaN.</summary>
    public static CorrelationMatrix Compute(IReadOnlyList<Bar[]> barsPerSymbol, int windowBars)
    {
        AlignedCloses aligned = AlignedCloses.Of(barsPerSymbol);
        int n = barsPerSymbol.Count;
        int take = Math.Min(windowBars, aligned.OpenTimes.Length);
        if (take < MinimumBars)
        {
            var empty = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) empty[i, j] = i == j ? 1 : double.NaN;
            return new CorrelationMatrix(take, take > 0 ? aligned.OpenTimes[^take] : 0, take > 0 ? aligned.OpenTimes[^1] : 0, empty);
        }
        var returns = new double[n][];
        for (int s = 0; s < n; s++) returns[s] = aligned.LogReturns(s, take);
        return new CorrelationMatrix(take, aligned.OpenTimes[^take], aligned.OpenTimes[^1], Correlation.PearsonMatrix(returns));
    }
}
