using System.Diagnostics;
using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>Bars in progress and the timer: throttled bar_update, health messages, slow-client checks.</summary>
internal sealed partial class LiveFeedHub
{
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(50);

    private void UpdateBars(SymbolFeed feed, in Trade trade, Dictionary<string, FeedClient[]> subscribers)
    {
        lock (feed.Lock)
        {
            if (feed.Groups.Count == 0) return;
            foreach (BarGroup group in feed.Groups)
            {
                SymbolBarAggregator aggregator = group.Aggregator;
                try
                {
                    aggregator.Add(trade);
                }
                catch (OverflowException)
                {
                    continue; // an absurd quote volume: the store's own bars reject it too; the feed must not throw
                }
                ReadOnlySpan<Bar> completed = aggregator.Completed;
                if (completed.IsEmpty) continue;
                foreach (Bar bar in completed)
                {
                    // The pipeline announces its own intervals' closed bars (OnBarClosed); the feed announces the others.
                    if (feed.PipelineIntervals.Contains(bar.Interval)) continue;
                    string channel = feed.BarsChannel(bar.Interval);
                    if (subscribers.TryGetValue(channel, out FeedClient[]? clients)) Send(clients, FeedJson.Bar(channel, bar, closed: true));
                }
                aggregator.ClearCompleted();
            }
            feed.Dirty = true;
            if (subscribers.Count > 0) SendDueUpdates(feed, subscribers, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Sends bar_update for every subscribed interval of the symbol whose throttle has passed; under the feed's lock.</summary>
    private void SendDueUpdates(SymbolFeed feed, Dictionary<string, FeedClient[]> subscribers, long now)
    {
        long throttle = (long)(_options.BarUpdateInterval.TotalSeconds * Stopwatch.Frequency);
        bool pending = false;
        foreach (BarGroup group in feed.Groups)
        {
            bool copied = false;
            for (int i = 0; i < group.Intervals.Length; i++)
            {
                if (!subscribers.TryGetValue(group.Channels[i], out FeedClient[]? clients)) continue;
                if (now - group.LastSentTicks[i] < throttle)
                {
                    pending = true;
                    continue;
                }
                if (!copied)
                {
                    if (group.Aggregator.CopyOpenBars(group.OpenBars) == 0) break; // no trade yet
                    copied = true;
                }
                Send(clients, FeedJson.Bar(group.Channels[i], group.OpenBars[i], closed: false));
                group.LastSentTicks[i] = now;
            }
        }
        feed.Dirty = pending;
    }

    /// <summary>Makes sure the symbol keeps a bar in progress for the interval, and sends it at the next tick.</summary>
    private void EnsureBar(Symbol symbol, Interval interval)
    {
        SymbolFeed feed = FeedOf(symbol);
        lock (feed.Lock)
        {
            (BarGroup group, int index) = feed.Find(interval);
            group.LastSentTicks[index] = 0;
            feed.Dirty = true;
        }
    }

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(TimerTick);
        long lastHealth = 0;
        long healthTicks = (long)(_options.HealthInterval.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                FlushBarUpdates();
                long now = Stopwatch.GetTimestamp();
                if (now - lastHealth >= healthTicks)
                {
                    lastHealth = now;
                    if (HealthSource is { } health && _subscribers.TryGetValue("health", out FeedClient[]? clients)) Send(clients, FeedJson.Health(health.Report()));
                }
                foreach (FeedClient client in _clients.Values)
                {
                    client.CheckSlow();
                    if (client.DisconnectReason is not null) MarkSlow(client);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void FlushBarUpdates()
    {
        Dictionary<string, FeedClient[]> subscribers = _subscribers;
        if (subscribers.Count == 0) return;
        long now = Stopwatch.GetTimestamp();
        foreach (SymbolFeed feed in _feeds.Values)
        {
            lock (feed.Lock)
            {
                if (feed.Dirty) SendDueUpdates(feed, subscribers, now);
            }
        }
    }
}
