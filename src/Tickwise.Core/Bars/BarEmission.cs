using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>What the trade aggregator's and the resampler's accumulators share: an open time, a reset, a finished bar.</summary>
internal interface IBarAccumulator
{
    /// <summary>Open time of the bar being accumulated.</summary>
    long OpenTime { get; }

    /// <summary>Starts an empty bar at <paramref name="openTimeMs"/>.</summary>
    void Reset(long openTimeMs);

    /// <summary>Returns the bar; flat at <paramref name="previousCloseRaw"/> when nothing was accumulated.</summary>
    Bar ToBar(Symbol symbol, Interval interval, long previousCloseRaw);
}

/// <summary>Closes accumulated bars in the order both bar builders promise: by close time, then by ascending interval.</summary>
internal static class BarEmission
{
    /// <summary>Starts every bar at the open of the one that holds <paramref name="timestampMs"/> and returns the earliest close among them.</summary>
    public static long OpenAt<TAccumulator>(TAccumulator[] bars, long[] lengthsMs, Interval[] intervals, long timestampMs)
        where TAccumulator : struct, IBarAccumulator
    {
        long nextCloseMs = long.MaxValue;
        for (int i = 0; i < bars.Length; i++)
        {
            long openMs = intervals[i].FloorMs(timestampMs);
            bars[i].Reset(openMs);
            nextCloseMs = Math.Min(nextCloseMs, openMs + lengthsMs[i]);
        }
        return nextCloseMs;
    }

    /// <summary>
    /// Emits into <paramref name="completed"/> every bar that ends at or before <paramref name="limitMs"/>, starting from
    /// the close time <paramref name="nextCloseMs"/>, and returns the next close time.
    /// </summary>
    /// <remarks>
    /// Walks close times rather than base periods, so a long silence costs one step per emitted bar. Every bar after the
    /// last applied input is flat at <paramref name="previousCloseRaw"/>. Generic over the accumulator struct so that the
    /// calls are direct, with no boxing.
    /// </remarks>
    public static long EmitUntil<TAccumulator>(TAccumulator[] bars, long[] lengthsMs, Interval[] intervals, Symbol symbol,
        long previousCloseRaw, long nextCloseMs, long limitMs, BarBuffer completed)
        where TAccumulator : struct, IBarAccumulator
    {
        long closeMs = nextCloseMs;
        while (closeMs <= limitMs)
        {
            long following = long.MaxValue;
            for (int i = 0; i < bars.Length; i++)
            {
                ref TAccumulator bar = ref bars[i];
                long endMs = bar.OpenTime + lengthsMs[i];
                if (endMs == closeMs)
                {
                    completed.Add(bar.ToBar(symbol, intervals[i], previousCloseRaw));
                    bar.Reset(endMs);
                    endMs += lengthsMs[i];
                }
                if (endMs < following) following = endMs;
            }
            closeMs = following;
        }
        return closeMs;
    }
}
