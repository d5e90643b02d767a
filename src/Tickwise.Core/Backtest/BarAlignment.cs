using Tickwise.Core.Market;

namespace Tickwise.Core.Backtest;

/// <summary>Lines up several symbols' bars by open time, keeping only the open times they all have.</summary>
public static class BarAlignment
{
    /// <summary>Returns, per leg, its bars at the open times every leg has, oldest first; legs must each be in ascending
    /// open-time order (as the store returns them).</summary>
    /// <exception cref="ArgumentException">No legs, or a leg is not in strictly ascending open-time order.</exception>
    public static Bar[][] Align(IReadOnlyList<Bar[]> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        if (legs.Count == 0) throw new ArgumentException("No legs to align.", nameof(legs));
        for (int s = 0; s < legs.Count; s++)
            for (int i = 1; i < legs[s].Length; i++)
                if (legs[s][i].OpenTimeMs <= legs[s][i - 1].OpenTimeMs)
                    throw new ArgumentException($"Leg {s} is not in ascending open-time order at index {i}.", nameof(legs));
        if (legs.Count == 1) return [legs[0]];

        var aligned = new List<Bar>[legs.Count];
        for (int s = 0; s < legs.Count; s++) aligned[s] = [];
        var cursor = new int[legs.Count];
        while (true)
        {
            long latest = long.MinValue;
            for (int s = 0; s < legs.Count; s++)
            {
                if (cursor[s] >= legs[s].Length) return Finish(aligned);
                latest = Math.Max(latest, legs[s][cursor[s]].OpenTimeMs);
            }
            bool all = true;
            for (int s = 0; s < legs.Count; s++)
            {
                while (cursor[s] < legs[s].Length && legs[s][cursor[s]].OpenTimeMs < latest) cursor[s]++;
                if (cursor[s] >= legs[s].Length) return Finish(aligned);
                if (legs[s][cursor[s]].OpenTimeMs != latest) all = false;
            }
            if (!all) continue;
            for (int s = 0; s < legs.Count; s++) aligned[s].Add(legs[s][cursor[s]++]);
        }
    }

    private static Bar[][] Finish(List<Bar>[] aligned)
    {
        var result = new Bar[aligned.Length][];
        for (int s = 0; s < aligned.Length; s++) result[s] = [.. aligned[s]];
        return result;
    }
}
