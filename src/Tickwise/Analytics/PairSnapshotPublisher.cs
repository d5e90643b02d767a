using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Analytics;

/// <summary>
/// Computes every configured pair's snapshot (<see cref="PairAnalytics"/>) at each bar close of its interval, stores
/// it as a <c>pair_snapshot</c> record and hands it to the subscribers (the WebSocket feed, alerts, strategies).
/// </summary>
/// <remarks>
/// <para>Runs on the ingest thread as an <see cref="IMarketObserver"/>: the same code live, in replay and over stored
/// bars, so the snapshots agree. A snapshot exists once both legs' bars of the same open time have closed.</para>
/// <para>Records are written in batches (<see cref="BatchSize"/>, and on <see cref="Flush"/>), not one transaction per
/// snapshot, so a replay at full speed is not held up by the store. A failing write is reported through
/// <paramref name="onError"/> and the batch dropped: snapshots are derived data and can be recomputed from the bars.</para>
/// </remarks>
internal sealed class PairSnapshotPublisher(IRecordStore? store, IReadOnlyList<PairSpec> pairs, IReadOnlyList<Interval> intervals,
    PairAnalyticsOptions? options = null, Action<string>? onError = null) : IMarketObserver
{
    /// <summary>Snapshots buffered before a write.</summary>
    public const int BatchSize = 256;

    private readonly List<(PairAnalytics Analytics, Interval Interval)> _analytics = Build(pairs, intervals, options ?? new PairAnalyticsOptions());
    private readonly List<StoredRecord> _pending = new(BatchSize);

    /// <summary>Raised with each snapshot and its interval, on the ingest thread; handlers must be quick.</summary>
    public event Action<PairSnapshot, Interval>? Published;

    /// <summary>Snapshots computed so far.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Snapshots lost because the store refused them.</summary>
    public long WriteFailures { get; private set; }

    /// <summary>The latest snapshot of each pair and interval, for the API.</summary>
    public PairSnapshot? Latest(Symbol a, Symbol b, Interval interval)
    {
        foreach (var (analytics, iv) in _analytics)
            if (analytics.SymbolA == a && analytics.SymbolB == b && iv == interval) return analytics.Last;
        return null;
    }

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        foreach (var (analytics, interval) in _analytics)
        {
            if (bar.Interval != interval) continue;
            PairSnapshot? snapshot = analytics.OnBar(in bar);
            if (snapshot is null) continue;
            Snapshots++;
            Published?.Invoke(snapshot, interval);
            if (store is null) continue;
            _pending.Add(new StoredRecord(PairSnapshotJson.Kind, PairSnapshotJson.Key(snapshot, interval), snapshot.TimestampMs, PairSnapshotJson.ToJson(snapshot, interval)));
            if (_pending.Count >= BatchSize) Flush();
        }
    }

    /// <summary>Writes the buffered snapshots.</summary>
    public void Flush()
    {
        if (_pending.Count == 0 || store is null) return;
        try
        {
            store.PutRecords(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending));
        }
        catch (StoreException e)
        {
            WriteFailures += _pending.Count;
            onError?.Invoke($"{_pending.Count} pair snapshots not stored: {e.Message}");
        }
        _pending.Clear();
    }

    private static List<(PairAnalytics, Interval)> Build(IReadOnlyList<PairSpec> pairs, IReadOnlyList<Interval> intervals, PairAnalyticsOptions options)
    {
        options.Validate();
        var list = new List<(PairAnalytics, Interval)>(pairs.Count * intervals.Count);
        foreach (PairSpec pair in pairs)
            foreach (Interval interval in intervals)
                list.Add((new PairAnalytics(pair.A, pair.B, options with { BarInterval = interval, UseLogPrices = false }), interval));
        return list;
    }
}
