using System.Threading.Channels;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Web.Analysis;

namespace Tickwise.Web.Live;

/// <summary>The pair channels: <see cref="PairAnalytics"/> per subscribed pair, fed with closed bars on a worker task.</summary>
/// <remarks>A pair snapshot costs a millisecond or two (the batch fits and the ADF test), too much for the ingest
/// thread, so closed bars are queued to one worker that owns every pair's state. On the first subscription the worker
/// warms the pair up from the store's latest bars, so the first message already has its statistics.</remarks>
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
                Bar bar = work.Bar;
                foreach (PairState pair in _pairs.Values)
                {
                    if (pair.Channel.Interval != bar.Interval) continue;
                    bool isA = bar.Symbol == pair.Channel.Symbol;
                    if (!isA && bar.Symbol != pair.Channel.SymbolB) continue;
                    if (isA) pair.LastA = bar;
                    else pair.LastB = bar;
                    if (pair.Analytics.OnBar(bar) is not { } snapshot) continue;
                    if (_subscribers.TryGetValue(pair.Channel.Name, out FeedClient[]? clients))
                        Send(clients, FeedJson.Pair(pair.Channel.Name, bar.Interval, snapshot, pair.LastA.Close, pair.LastB.Close));
                }
            }
        }
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

    /// <summary>Work for the pair task: a closed bar, or a pair channel to start (warm up) or stop.</summary>
    private readonly record struct PairWork(Bar Bar, FeedChannel? Channel, bool Start);

    private sealed class PairState(FeedChannel channel, PairAnalytics analytics)
    {
        public FeedChannel Channel { get; } = channel;
        public PairAnalytics Analytics { get; } = analytics;
        public Bar LastA { get; set; }
        public Bar LastB { get; set; }
    }
}
