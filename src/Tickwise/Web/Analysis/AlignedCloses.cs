using Tickwise.Core.Market;

namespace Tickwise.Web.Analysis;

/// <summary>The closes of several symbols at the open times they all share, oldest first, as doubles for statistics.</summary>
/// <param name="OpenTimes">The shared open times.</param>
/// <param name="Closes">One array per symbol, in the order given, aligned with <paramref name="OpenTimes"/>.</param>
internal sealed record AlignedCloses(long[] OpenTimes, double[][] Closes)
{
    /// <summary>Aligns the bars of each symbol on the open times all of them have.</summary>
    public static AlignedCloses Of(IReadOnlyList<Bar[]> barsPerSymbol)
    {
        if (barsPerSymbol.Count == 0) return new AlignedCloses([], []);
        var common = new HashSet<long>(barsPerSymbol[0].Select(b => b.OpenTimeMs));
        foreach (Bar[] bars in barsPerSymbol.Skip(1)) common.IntersectWith(bars.Select(b => b.OpenTimeMs));
        long[] times = [.. common.Order()];
        var closes = new double[barsPerSymbol.Count][];
        for (int s = 0; s < barsPerSymbol.Count; s++)
        {
            var byTime = new Dictionary<long, double>(barsPerSymbol[s].Length);
            foreach (Bar bar in barsPerSymbol[s]) byTime[bar.OpenTimeMs] = bar.Close.ToDouble();
            closes[s] = [.. times.Select(t => byTime[t])];
        }
        return new AlignedCloses(times, closes);
    }

    /// <summary>Returns the log returns of the last <paramref name="take"/> closes of symbol <paramref name="index"/> (take - 1 values).</summary>
    public double[] LogReturns(int index, int take)
    {
        ReadOnlySpan<double> closes = Closes[index].AsSpan(Closes[index].Length - take);
        var returns = new double[closes.Length - 1];
        for (int i = 1; i < closes.Length; i++) returns[i - 1] = Math.Log(closes[i] / closes[i - 1]);
        return returns;
    }
}
