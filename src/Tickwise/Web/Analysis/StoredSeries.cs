using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Web.Analysis;

/// <summary>Reads bars and trades from a store the way the API and the analysis commands ask for them: a range, or the latest N.</summary>
/// <remarks>
/// The store reads ranges oldest first; "the latest N" is found by widening a window back from the end (bars: N
/// intervals, doubled while too few; trades: sized with <see cref="ITickStore.CountTrades"/>), so a large store is never
/// read whole for a short tail.
/// </remarks>
internal static class StoredSeries
{
    /// <summary>Returns at most <paramref name="limit"/> bars, oldest first: from <paramref name="fromMs"/> on when given,
    /// otherwise the latest ones opening before <paramref name="toMs"/>.</summary>
    public static Bar[] Bars(ITickStore store, Symbol symbol, Interval interval, long? fromMs, long? toMs, int limit)
    {
        using PooledBars bars = RentBars(store, symbol, interval, fromMs, toMs, limit);
        return bars.Span.ToArray();
    }

    /// <summary>As <see cref="Bars"/>, into a pooled list the caller disposes (the API's large reads).</summary>
    public static PooledBars RentBars(ITickStore store, Symbol symbol, Interval interval, long? fromMs, long? toMs, int limit)
    {
        var bars = new PooledBars(Math.Min(limit, 16_384));
        try
        {
            ReadInto(bars, store, symbol, interval, fromMs, toMs, limit);
            return bars;
        }
        catch
        {
            bars.Dispose();
            throw;
        }
    }

    private static void ReadInto(PooledBars bars, ITickStore store, Symbol symbol, Interval interval, long? fromMs, long? toMs, int limit)
    {
        long to = toMs ?? long.MaxValue;
        if (limit <= 0) return;
        if (fromMs is { } from)
        {
            Fill(bars, store.ReadBars(symbol, interval, new TimeRange(from, to), limit));
            return;
        }
        TimeRange? span = store.TradeTimeSpan(symbol);
        long end = Math.Min(to, span is { } s ? interval.FloorMs(s.ToMs - 1) + interval.Milliseconds : to);
        if (end != long.MaxValue)
        {
            long width = interval.Milliseconds * (long)limit;
            for (int attempt = 0; attempt < 6; attempt++)
            {
                long start = end - width;
                if (start <= Timestamps.MinPlausibleMs) break;
                Fill(bars, store.ReadBars(symbol, interval, new TimeRange(start, to)));
                if (bars.Count >= limit)
                {
                    bars.KeepLast(limit);
                    return;
                }
                width *= 4;
            }
        }
        Fill(bars, store.ReadBars(symbol, interval, new TimeRange(long.MinValue, to)));
        bars.KeepLast(limit);
    }

    private static void Fill(PooledBars bars, IEnumerable<Bar> read)
    {
        bars.Clear();
        foreach (Bar bar in read) bars.Add(bar);
    }

    /// <summary>Returns at most <paramref name="limit"/> trades ordered by id: from <paramref name="fromMs"/> on when given,
    /// otherwise the latest ones before <paramref name="toMs"/>.</summary>
    public static Trade[] Trades(ITickStore store, Symbol symbol, long? fromMs, long? toMs, int limit)
    {
        long to = toMs ?? long.MaxValue;
        if (limit <= 0) return [];
        if (fromMs is { } from) return [.. store.ReadTrades(symbol, new TimeRange(from, to), limit)];
        if (store.TradeTimeSpan(symbol) is not { } span) return [];
        long end = Math.Min(to, span.ToMs);
        long width = 1_000;
        long start;
        while (true)
        {
            start = end - width;
            if (start <= span.FromMs || store.CountTrades(symbol, new TimeRange(start, end)) >= limit) break;
            width *= 4;
        }
        // Keeps the last `limit` trades of the window: its count may well exceed the limit (the window only widens).
        var tail = new Queue<Trade>(limit);
        foreach (Trade trade in store.ReadTrades(symbol, new TimeRange(start, end)))
        {
            if (tail.Count == limit) tail.Dequeue();
            tail.Enqueue(trade);
        }
        return [.. tail];
    }
}
