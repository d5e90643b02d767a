using System.Collections.Concurrent;
using System.Threading.Channels;
using Tickwise.Core.Market;
using Tickwise.Health;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Web.Live;

/// <summary>
/// The live feed behind <c>/ws</c>: takes the market from the ingest thread (as an <see cref="IMarketObserver"/>) and
/// messages from other components (<see cref="Publish"/>), and fans them out to the WebSocket clients subscribed to
/// their channels.
/// </summary>
/// <remarks>
/// <para>Threads. The ingest thread only looks up the subscribers (a lock-free read of an immutable map), serializes a
/// message when someone wants it, and writes it to a bounded dispatch channel (DropWrite: a full channel drops the
/// message and counts it in <see cref="MessagesDropped"/>; it never waits). One dispatcher task moves messages into each
/// client's bounded queue; each client has its own sender task. So the pipeline never waits for the network, and a slow
/// client never delays another (see <see cref="FeedClient"/> for thinning and disconnection).</para>
/// <para>Order. Every message goes through the one dispatch channel, so a client receives messages in the order they
/// were published, across channels.</para>
/// <para>Bars. In-progress bars are kept per symbol for the pipeline's intervals from the first trade, and for any
/// other interval from its first subscription (its first bar is then partial). bar_update is sent at most every
/// <see cref="FeedOptions.BarUpdateInterval"/> per channel; bar_closed comes from the pipeline's closed bars (or, for
/// intervals the pipeline does not build, when the next trade opens a new bar).</para>
/// </remarks>
internal sealed partial class LiveFeedHub : IMarketObserver, IAsyncDisposable
{
    private const int DispatchCapacity = 65_536;

    private readonly FeedOptions _options;
    private readonly ITickStore? _store;
    private readonly HashSet<Interval> _pipelineIntervals;
    private readonly ConcurrentDictionary<Symbol, SymbolFeed> _feeds = new();
    private readonly Channel<Dispatch> _dispatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _dispatcher, _timer, _pairWorker;
    private volatile Dictionary<string, FeedClient[]> _subscribers = new(StringComparer.Ordinal);
    private long _messagesDropped, _slowClientsDisconnected;

    /// <summary>Creates the hub and starts its dispatcher, timer and pair worker.</summary>
    /// <param name="pipelineIntervals">The intervals the pipeline builds and closes bars of.</param>
    /// <param name="store">Where the pair channel reads its warm-up bars, or null.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LiveFeedHub(IReadOnlyList<Interval> pipelineIntervals, ITickStore? store, FeedOptions? options = null)
    {
        _options = options ?? new FeedOptions();
        _options.Validate();
        _store = store;
        _pipelineIntervals = [.. pipelineIntervals];
        _dispatch = Channel.CreateBounded<Dispatch>(new BoundedChannelOptions(DispatchCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite only: a full channel refuses and the message is counted as dropped
            SingleReader = true,
            SingleWriter = false,
        });
        _pairWork = Channel.CreateBounded<PairWork>(new BoundedChannelOptions(4_096) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _dispatcher = Task.Run(DispatchLoopAsync);
        _timer = Task.Run(TimerLoopAsync);
        _pairWorker = Task.Run(PairLoopAsync);
    }

    /// <summary>Where the health channel gets its report; null sends none.</summary>
    public IHealthSource? HealthSource { get; set; }

    /// <summary>Connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Messages written to client sockets.</summary>
    public long MessagesSent
    {
        get
        {
            long total = Interlocked.Read(ref _sentByGone);
            foreach (FeedClient client in _clients.Values) total += client.Sent;
            return total;
        }
    }

    /// <summary>Messages not delivered: thinned from slow clients' queues, or refused by a full dispatch channel.</summary>
    public long MessagesDropped
    {
        get
        {
            long total = Interlocked.Read(ref _messagesDropped) + Interlocked.Read(ref _droppedByGone);
            foreach (FeedClient client in _clients.Values) total += client.Dropped;
            return total;
        }
    }

    /// <summary>Clients disconnected because they stayed behind.</summary>
    public long SlowClientsDisconnected => Interlocked.Read(ref _slowClientsDisconnected);

    /// <summary>True when at least one client subscribes to <paramref name="channel"/>.</summary>
    public bool HasSubscribers(string channel) => _subscribers.ContainsKey(channel);

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        SymbolFeed feed = FeedOf(trade.Symbol);
        Volatile.Write(ref feed.LastPriceRaw, trade.Price.Raw);
        Dictionary<string, FeedClient[]> subscribers = _subscribers;
        if (subscribers.Count > 0 && subscribers.TryGetValue(feed.TradesChannel, out FeedClient[]? clients))
            Send(clients, FeedJson.Trade(feed.TradesChannel, trade));
        UpdateBars(feed, trade, subscribers);
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        Dictionary<string, FeedClient[]> subscribers = _subscribers;
        if (subscribers.Count == 0) return;
        SymbolFeed feed = FeedOf(quote.Symbol);
        if (!subscribers.TryGetValue(feed.QuotesChannel, out FeedClient[]? clients)) return;
        long last = Volatile.Read(ref feed.LastPriceRaw);
        Send(clients, FeedJson.Quote(feed.QuotesChannel, quote, last == 0 ? null : new Price(last)));
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        SymbolFeed feed = FeedOf(bar.Symbol);
        string channel = feed.BarsChannel(bar.Interval);
        if (_subscribers.TryGetValue(channel, out FeedClient[]? clients)) Send(clients, FeedJson.Bar(channel, bar, closed: true));
        // The pair worker is far behind when its queue is full: the bar is lost to the pair channels, and counted.
        if (_pairsActive && !_pairWork.Writer.TryWrite(new PairWork(bar, null, false))) Interlocked.Increment(ref _messagesDropped);
    }

    /// <summary>Sends <paramref name="data"/> (serialized with snake_case names) to the subscribers of <paramref name="channel"/>.</summary>
    /// <remarks>For the alerts, signals and orders components; thread-safe and never blocks. Such messages are never
    /// thinned from a client's queue.</remarks>
    /// <param name="channel">The channel: alerts, signals or orders (any channel name works).</param>
    /// <param name="type">The message type: alert, signal, order.</param>
    /// <param name="data">An object whose public properties become the message's data.</param>
    /// <returns>True when someone is subscribed and the message was queued.</returns>
    /// <exception cref="ArgumentException">The channel or type is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public bool Publish(string channel, string type, object data)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(data);
        if (!_subscribers.TryGetValue(channel, out FeedClient[]? clients)) return false;
        return Send(clients, FeedJson.Published(channel, type, data));
    }

    /// <summary>Stops every client and the background tasks.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _dispatch.Writer.TryComplete();
        _pairWork.Writer.TryComplete();
        foreach (FeedClient client in _clients.Values) client.Abort();
        try
        {
            await Task.WhenAll(_dispatcher, _timer, _pairWorker).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        // _stopping is not disposed: WebSocket handlers still finishing (or connecting) link to its token.
    }

    private bool Send(FeedClient[] clients, FeedMessage message)
    {
        if (_dispatch.Writer.TryWrite(new Dispatch(clients, message))) return true;
        Interlocked.Add(ref _messagesDropped, clients.Length);
        return false;
    }

    private async Task DispatchLoopAsync()
    {
        ChannelReader<Dispatch> reader = _dispatch.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out Dispatch d))
            {
                foreach (FeedClient client in d.Clients)
                {
                    if (!client.Enqueue(d.Message) && client.DisconnectReason is not null && client.DisconnectReason.StartsWith("slow", StringComparison.Ordinal))
                        MarkSlow(client);
                }
            }
        }
    }

    private void MarkSlow(FeedClient client)
    {
        if (client.TryCountSlow()) Interlocked.Increment(ref _slowClientsDisconnected);
    }

    private SymbolFeed FeedOf(Symbol symbol)
    {
        if (_feeds.TryGetValue(symbol, out SymbolFeed? feed)) return feed;
        return _feeds.GetOrAdd(symbol, static (s, hub) => new SymbolFeed(s, hub._pipelineIntervals), this);
    }

    private readonly record struct Dispatch(FeedClient[] Clients, FeedMessage Message);
}
