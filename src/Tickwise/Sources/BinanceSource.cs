using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Health;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Sources;

/// <summary>Binance's live streams into the pipeline: one <see cref="BinanceStreamClient"/> (reconnecting,
/// gap-repairing) per connection, all writing into the bounded channel that <c>tickwise run</c> drains into the store.</summary>
/// <remarks>
/// <para>Binance serves at most 1024 streams a connection; more symbols are spread over several connections
/// (<see cref="StreamSubscription.Split"/>), each symbol on one, so its trades stay in order. The channel must then
/// accept several writers.</para>
/// <para>The channel waits when full, so a slow store slows the reading (and the exchange's own buffers and the REST
/// gap repair cover the rest) instead of dropping trades. Status lines and <see cref="Health"/> are built from the
/// clients' counters.</para>
/// </remarks>
internal sealed class BinanceSource : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates the source, one client per entry of <paramref name="connections"/>; <paramref name="onNotice"/>
    /// receives connection and repair events.</summary>
    /// <exception cref="ArgumentException">No connection, or connections to different endpoints.</exception>
    public BinanceSource(IReadOnlyList<BinanceStreamClientOptions> connections, TimeProvider time, Action<StreamNotice> onNotice)
    {
        if (connections.Count == 0) throw new ArgumentException("At least one connection is needed.", nameof(connections));
        Endpoints = connections[0].Endpoints;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // historicalTrades (raw-trade repair) wants an API key on futures; it comes from the environment only.
        string? apiKey = Environment.GetEnvironmentVariable(Binance.Trading.BinanceCredentials.ApiKeyVariable);
        var rest = new BinanceRestClient(_http, Endpoints, time, onNotice, apiKey);
        Rest = rest;
        if (!rest.HasApiKey && connections[0].Subscription.Kinds.Contains(StreamKind.Trade) && Endpoints.RestPathPrefix.StartsWith("/fapi", StringComparison.Ordinal))
            onNotice(new StreamNotice(StreamNoticeKind.MissingSetting, $"no API key in {Binance.Trading.BinanceCredentials.ApiKeyVariable}: futures /fapi/v1/historicalTrades wants one, so raw-trade gaps may not be repaired", TimeSpan.Zero));
        var clients = new List<BinanceStreamClient>(connections.Count);
        foreach (BinanceStreamClientOptions options in connections)
        {
            if (options.Endpoints != Endpoints) throw new ArgumentException("Every connection of one source goes to the same exchange.", nameof(connections));
            clients.Add(new BinanceStreamClient(options, rest, time, onNotice));
        }
        Clients = clients;
        Health = new BinanceHealthSource(this, time);
    }

    /// <summary>The REST client every connection shares (gap repair, book snapshots).</summary>
    public BinanceRestClient Rest { get; }

    /// <summary>The endpoints every connection uses.</summary>
    public BinanceEndpoints Endpoints { get; }

    /// <summary>The stream clients, one per connection.</summary>
    public IReadOnlyList<BinanceStreamClient> Clients { get; }

    /// <summary>Whether every connection is live (see <see cref="LiveState"/>), and how many interruptions they had in all:
    /// <c>tickwise run</c> closes quiet symbols' bars on the clock only while both stay live and unchanged.</summary>
    public (bool Live, long Interruptions) Liveness()
    {
        bool live = true;
        long interruptions = 0;
        foreach (BinanceStreamClient client in Clients)
        {
            // Per client: the flag first, then the count (the order LiveState documents).
            live &= client.Live.IsLive;
            interruptions += client.Live.Interruptions;
        }
        return (live, interruptions);
    }

    /// <summary>Connections opened so far, over all clients.</summary>
    public long Connections => Sum(static c => c.Connections);

    /// <summary>Messages the parser rejected, over all clients.</summary>
    public long ParseErrors => Sum(static c => c.ParseErrors);

    /// <summary>
    /// Makes the first connection fetch the trades missed since the last one <paramref name="store"/> holds for each
    /// symbol, when that store's trades of the symbol came from this same exchange's trade stream of the same kind
    /// (aggTrade or trade); then marks every symbol as fed by it. Returns the symbols resumed with their last stored id.
    /// </summary>
    /// <remarks>The mark (metadata <c>live_source:SYMBOL</c>) names the REST history, because spot and futures number
    /// their trades separately: a store filled by the simulator, an import, or another venue is never resumed from,
    /// nor marked. Call before <see cref="RunAsync"/>, on the thread that owns the store.</remarks>
    public IReadOnlyList<(Symbol Symbol, long LastTradeId)> ResumeFrom(ITickStore store)
    {
        var resumed = new List<(Symbol, long)>();
        foreach (BinanceStreamClient client in Clients)
        {
            if (!client.HasGapRepair) continue;
            // Aggregated and raw trade ids are separate sequences: a store fed by one is never resumed by the other.
            string mark = client.Options.Subscription.HasAggTrades
                ? $"binance aggTrade {Endpoints.RestUri("aggTrades", "").GetLeftPart(UriPartial.Path)}"
                : $"binance trade {Endpoints.RestUri("historicalTrades", "").GetLeftPart(UriPartial.Path)}";
            foreach (StreamSymbolStatus status in client.Symbols)
            {
                string key = $"live_source:{status.Symbol}";
                if (store.GetMetadata(key) == mark && store.LastTradeBefore(status.Symbol, long.MaxValue) is { } last)
                {
                    client.Resume(status.Symbol, last.Id);
                    resumed.Add((status.Symbol, last.Id));
                }
                else if (store.Count(status.Symbol).Trades > 0)
                {
                    continue; // trades from elsewhere: neither resume from them nor claim them
                }
                store.SetMetadata(key, mark);
            }
        }
        return resumed;
    }

    /// <summary>Writes trades and quotes into <paramref name="writer"/> until cancelled, then completes it.</summary>
    public async Task RunAsync(ChannelWriter<MarketEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            var running = new Task[Clients.Count];
            for (int i = 0; i < running.Length; i++) running[i] = Clients[i].RunAsync((e, token) => writer.WriteAsync(e, token), cancellationToken);
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping while the channel was full: the normal end of a live source.
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>The per-symbol health of this source, for <c>/api/health</c> and the status lines.</summary>
    public BinanceHealthSource Health { get; }

    /// <summary>Makes every connection log its symbols' trade gaps and returns the observer that turns them into bar
    /// quality records in <paramref name="store"/>; give it to the ingest (it forwards to <paramref name="next"/>) and
    /// flush it when the ingest finishes. Call before <see cref="RunAsync"/>.</summary>
    public BarQualityTracker TrackBarQuality(IRecordStore store, IReadOnlyList<Interval> intervals, IMarketObserver? next = null)
    {
        var statuses = new Dictionary<Symbol, ITradeGapLog>();
        foreach (BinanceStreamClient client in Clients)
        {
            client.LogGaps();
            foreach (StreamSymbolStatus status in client.Symbols) statuses[status.Symbol] = status;
        }
        return new BarQualityTracker(store, intervals, statuses.GetValueOrDefault, next);
    }

    /// <summary>Returns one status line per symbol: connection, last message age, messages/s, gaps repaired, trades
    /// lost, book state, parse errors (see <see cref="HealthStatusLines"/>).</summary>
    public IReadOnlyList<string> StatusLines()
    {
        HealthReport report = Health.Report();
        var lost = new long[Health.Statuses.Count];
        for (int i = 0; i < lost.Length; i++) lost[i] = Health.Statuses[i].TradesLost;
        return HealthStatusLines.Format(report, lost, neverConnected: Connections == 0);
    }

    public void Dispose() => _http.Dispose();

    private long Sum(Func<BinanceStreamClient, long> counter)
    {
        long total = 0;
        foreach (BinanceStreamClient client in Clients) total += counter(client);
        return total;
    }
}
