using System.Threading.Channels;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Web.Analysis;

namespace Tickwise.Web.Live;

/// <summary>The pair channels: <see cref="PairAnalytics"/> per subscribed pair, fed with closed bars on a worker task,
/// or the pipeline's own snapshots for the pairs it computes.</summary>
/// <remarks>
/// <para>A pair snapshot costs a millisecond or two (the batch fits and the ADF test), too much for the ingest
/// thread, so closed bars are queued to one worker that owns every pair's state. On the first subscription the worker
/// warms the pair up from the store's latest bars, so the first message already has its statistics.</para>
/// <para>A pair the pipeline computes (<c>--pairs</c>: <see cref="Tickwise.Analytics.PairSnapshotPublisher"/>) is not computed
/// twice: from its first <see cref="OnPairSnapshot"/> on, the channel forwards the pipeline's snapshots (the ones alerts
/// and strategies see) and its own analytics stop.</para>
/// </remarks>
internal sealed partial class LiveFeedHub
{
    private readonly Channel<PairWork> _pairWork;
    private readonly Dictionary<string, PairState> _pairs = new(StringComparer.Ordinal); // worker only
    private volatile bool _pairsActive;

    private void StartPair(FeedChannel channel)
    {
        _pairsActive = true;
        _pairWork.Writer.TryWrite(new PairWork(default, channel, true));
    }

    /// <summary>Forwards a snapshot the pipeline computed at a bar close to the pair's channel; thread-safe, never
    /// blocks (called on the ingest thread, after the bars of that close).</summary>
    public void OnPairSnapshot(PairSnapshot snapshot, Interval interval)
    {
        if (_pairsActive && !_pairWork.Writer.TryWrite(new PairWork(default, null, false, snapshot, interval))) Interlocked.Increment(ref _messagesDropped);
    }

    private void StopPairIfUnused(FeedChannel channel)
    {
        if (!_subscribers.ContainsKey(channel.Name)) _pairWork.Writer.TryWrite(new PairWork(default, channel, false));
    }

    private async Task PairLoopAsync()
    {
        ChannelReader<PairWork> reader = _pairWork.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out PairWork work))
            {
                if (work.Channel is { } channel)
                {
                    if (work.Start) AddPair(channel);
                    else if (!_subscribers.ContainsKey(channel.Name)) _pairs.Remove(channel.Name);
                    _pairsActive = _pairs.Count > 0;
                    continue;
                }
                if (work.Snapshot is { } fromPipeline)
                {
                    ForwardPipelineSnapshot(fromPipeline, work.Interval);
                    continue;
                }
                Bar bar = work.Bar;
                foreach (PairState pair in _pairs.Values)
                {
                    if (pair.Channel.Interval != bar.Interval) continue;
                    bool isA = bar.Symbol == pair.Channel.Symbol;
                    if (!isA && bar.Symbol != pair.Channel.SymbolB) continue;
                    if (isA) pair.LastA = bar;
                    else pair.LastB = bar;
                    if (pair.FromPipeline || pair.Analytics.OnBar(bar) is not { } snapshot) continue;
                    SendPair(pair, snapshot);
                }
            }
        }
    }

    private void ForwardPipelineSnapshot(PairSnapshot snapshot, Interval interval)
    {
        foreach (PairState pair in _pairs.Values)
        {
            if (pair.Channel.Interval != interval || pair.Channel.Symbol != snapshot.SymbolA || pair.Channel.SymbolB != snapshot.SymbolB) continue;
            bool first = !pair.FromPipeline;
            pair.FromPipeline = true;
            // On the switch, the channel's own analytics may have sent this bar's message already: once is enough.
            if (first && pair.LastSentMs == snapshot.TimestampMs) continue;
            SendPair(pair, snapshot);
        }
    }

    private void SendPair(PairState pair, PairSnapshot snapshot)
    {
        pair.LastSentMs = snapshot.TimestampMs;
        if (_subscribers.TryGetValue(pair.Channel.Name, out FeedClient[]? clients))
            Send(clients, FeedJson.Pair(pair.Channel.Name, pair.Channel.Interval, snapshot, pair.LastA.Close, pair.LastB.Close));
    }

    private void AddPair(FeedChannel channel)
    {
        if (_pairs.ContainsKey(channel.Name)) return;
        var options = new PairAnalyticsOptions
        {
            BarInterval = channel.Interval,
            WindowBars = _options.PairWindowBars,
            ZScoreBars = _options.PairWindowBars,
        };
        var state = new PairState(channel, new PairAnalytics(channel.Symbol, channel.SymbolB, options));
        if (_store is not null)
        {
            try
            {
                Bar[] barsA = StoredSeries.Bars(_store, channel.Symbol, channel.Interval, null, null, _options.PairWindowBars);
                Bar[] barsB = StoredSeries.Bars(_store, channel.SymbolB, channel.Interval, null, null, _options.PairWindowBars);
                var byTimeB = new Dictionary<long, Bar>(barsB.Length);
                foreach (Bar b in barsB) byTimeB[b.OpenTimeMs] = b;
                foreach (Bar a in barsA)
                {
                    if (!byTimeB.TryGetValue(a.OpenTimeMs, out Bar b)) continue;
                    state.Analytics.Update(a.OpenTimeMs, a.Close.ToDouble(), b.Close.ToDouble());
                    state.LastA = a;
                    state.LastB = b;
                }
            }
            catch (Storage.StoreException)
            {
                // no warm-up: the statistics fill as bars close
            }
        }
        _pairs[channel.Name] = state;
    }

    /// <summary>Work for the pair task: a closed bar, a pair channel to start (warm up) or stop, or a pipeline snapshot.</summary>
    private readonly record struct PairWork(Bar Bar, FeedChannel? Channel, bool Start, PairSnapshot? Snapshot = null, Interval Interval = default);

    private sealed class PairState(FeedChannel channel, PairAnalytics analytics)
    {
        public FeedChannel Channel { get; } = channel;
        public PairAnalytics Analytics { get; } = analytics;
        public Bar LastA { get; set; }
        public Bar LastB { get; set; }

        /// <summary>Whether the pipeline computes this pair: its snapshots are forwarded and <see cref="Analytics"/> rests.</summary>
        public bool FromPipeline { get; set; }

        /// <summary>The open time of the last message sent.</summary>
        public long LastSentMs { get; set; } = long.MinValue;
    }
}
