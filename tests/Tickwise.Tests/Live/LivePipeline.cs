using System.Collections.Concurrent;
using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Cli;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Sources;
using Tickwise.Storage;

namespace Tickwise.Tests.Live;

/// <summary>The real <c>tickwise run --source binance</c> pipeline in process: <see cref="BinanceSource"/> into a
/// bounded channel, drained by <see cref="RunCommand.ConsumeAsync"/> into <see cref="MarketEventIngest"/> and SQLite.</summary>
internal sealed class LivePipeline : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ITickStore _store;
    private readonly MarketEventIngest _ingest;
    private readonly Task _producing;
    private readonly Task _consuming;
    private bool _stopped;

    private LivePipeline(IReadOnlyList<BinanceStreamClientOptions> connections, string dbPath, bool resume)
    {
        _store = TickStores.OpenSqlite(dbPath);
        var channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = connections.Count == 1 });
        Source = new BinanceSource(connections, TimeProvider.System, Notices.Enqueue);
        Quality = Source.TrackBarQuality(_store, [Interval.OneMinute]);
        _ingest = new MarketEventIngest(_store, [Interval.OneMinute], Quality);
        if (resume) Resumed = Source.ResumeFrom(_store);
        _producing = Task.Run(() => Source.RunAsync(channel.Writer, _stop.Token));
        _consuming = Task.Run(() => RunCommand.ConsumeAsync(channel.Reader, _ingest, TimeSpan.FromHours(1), null, Source.Liveness));
    }

    public BinanceSource Source { get; }

    /// <summary>The bar quality flags of the run, as <c>tickwise run</c> keeps them.</summary>
    public BarQualityTracker Quality { get; }

    public IReadOnlyList<(Symbol Symbol, long LastTradeId)> Resumed { get; } = [];

    /// <summary>The one connection's client (these tests subscribe to few streams).</summary>
    public BinanceStreamClient Client => Source.Clients[0];

    public ConcurrentQueue<StreamNotice> Notices { get; } = new();

    public static LivePipeline Start(FakeBinanceServer server, string dbPath, Func<BinanceStreamClientOptions, BinanceStreamClientOptions>? adjust = null, params string[] symbols)
    {
        var options = FastOptions(server.WsUrl, server.BaseUrl, symbols);
        return new LivePipeline([adjust is null ? options : adjust(options)], dbPath, resume: false);
    }

    /// <summary>Starts the pipeline after <see cref="BinanceSource.ResumeFrom"/>, as <c>tickwise run</c> does by default.</summary>
    public static LivePipeline StartResuming(FakeBinanceServer server, string dbPath, params string[] symbols) =>
        new([FastOptions(server.WsUrl, server.BaseUrl, symbols)], dbPath, resume: true);

    /// <summary>Starts the pipeline on <paramref name="kinds"/> after <see cref="BinanceSource.ResumeFrom"/>.</summary>
    public static LivePipeline StartResuming(FakeBinanceServer server, string dbPath, StreamKind[] kinds, params string[] symbols) =>
        new([WithKinds(FastOptions(server.WsUrl, server.BaseUrl, symbols), kinds)], dbPath, resume: true);

    /// <summary>Starts the pipeline over as many connections as the subscription needs, as <c>tickwise run</c> does.</summary>
    public static LivePipeline StartSplit(FakeBinanceServer server, string dbPath, IReadOnlyList<string> symbols, params StreamKind[] kinds)
    {
        var template = FastOptions(server.WsUrl, server.BaseUrl, symbols[0]);
        var connections = StreamSubscription.Split(symbols.Select(s => new Symbol(s)).ToList(), kinds).Select(template.With).ToList();
        return new LivePipeline(connections, dbPath, resume: false);
    }

    public static BinanceStreamClientOptions FastOptions(string wsUrl, string restUrl, params string[] symbols) => new()
    {
        Endpoints = BinanceEndpoints.Of(BinanceMarket.Spot).With(new Uri(wsUrl), new Uri(restUrl)),
        Subscription = new StreamSubscription(symbols.Select(s => new Symbol(s)).ToList(), [StreamKind.AggTrade]),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        HealthyAfter = TimeSpan.FromSeconds(1),
        NoDataTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Returns <paramref name="o"/> subscribed to <paramref name="kinds"/> instead.</summary>
    public static BinanceStreamClientOptions WithKinds(BinanceStreamClientOptions o, params StreamKind[] kinds) => o with { Subscription = new StreamSubscription(o.Subscription.Symbols, kinds) };

    /// <summary>Returns <paramref name="o"/> with a short connection lifetime and overlap (rollovers every few seconds).</summary>
    public static BinanceStreamClientOptions WithLifetime(BinanceStreamClientOptions o, TimeSpan lifetime, TimeSpan overlap) => o with { MaxConnectionLifetime = lifetime, ConnectionOverlap = overlap };

    /// <summary>Trades the ingest received (the store would hide a repeated one: it keeps each id once).</summary>
    public long Trades => _ingest.Trades;

    /// <summary>Trades the ingest put in no bar because their bars had closed (read after <see cref="StopAsync"/>).</summary>
    public long LateTrades => _ingest.LateTrades;

    /// <summary>Quotes the ingest received.</summary>
    public long Quotes => _ingest.Quotes;

    /// <summary>Waits until every symbol's last delivered trade id is the last one the server published.</summary>
    public async Task WaitForAsync(FakeBinanceServer server, TimeSpan timeout, params string[] symbols)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            bool done = true;
            foreach (string symbol in symbols)
            {
                long last = server.PublishedIds(symbol)[^1];
                StreamSymbolStatus status = Source.Clients.SelectMany(c => c.Symbols).First(s => s.Symbol.Value == symbol);
                if (status.LastTradeId != last) done = false;
            }
            if (done) return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"not caught up after {timeout}: " + string.Join("; ", Client.Symbols.Select(s => $"{s.Symbol} at {s.LastTradeId}")) + " | " + string.Join(" | ", Notices.Select(n => n.Message).TakeLast(10)));
            await Task.Delay(20);
        }
    }

    /// <summary>Stops the source, drains the channel, writes everything, and returns the store for checking.</summary>
    public async Task<ITickStore> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _stop.CancelAsync();
            await _producing.WaitAsync(TimeSpan.FromSeconds(10));
            await _consuming.WaitAsync(TimeSpan.FromSeconds(10));
            _ingest.Finish();
            Quality.Flush();
        }
        return _store;
    }

    /// <summary>Checks that the store holds exactly the server's trades of <paramref name="symbol"/>: same ids in order, none
    /// missing or repeated, same prices, quantities, times and sides.</summary>
    public static void ShouldHoldExactly(ITickStore store, FakeBinanceServer server, string symbol)
    {
        var published = server.Published(symbol);
        var stored = store.ReadTrades(new Symbol(symbol), TimeRange.All).ToList();
        stored.Select(t => t.Id).ShouldBe(published.Select(p => p.Id));
        for (int i = 0; i < stored.Count; i++)
        {
            stored[i].Price.ShouldBe(Price.Parse(published[i].Price));
            stored[i].Quantity.ShouldBe(Quantity.Parse(published[i].Quantity));
            stored[i].TimestampMs.ShouldBe(published[i].TimeMs);
            stored[i].AggressorSide.ShouldBe(published[i].BuyerMaker ? AggressorSide.Seller : AggressorSide.Buyer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            Source.Dispose();
            _store.Dispose();
            _stop.Dispose();
        }
    }
}
