using Tickwise.Core.Market;
using Tickwise.Health;
using Tickwise.Ingest;
using Tickwise.Storage;
using Tickwise.Web.Live;

namespace Tickwise.Web;

/// <summary>The web side of a command: the host with its live feed and live market state, started beside a pipeline
/// (run, replay) or alone over a store (serve).</summary>
/// <remarks>Commands give <see cref="Observer"/> to their <see cref="MarketEventIngest"/> (combined with their own
/// observers through <see cref="CompositeMarketObserver"/>); other components publish through <see cref="Hub"/>.</remarks>
internal sealed class LiveWeb : IAsyncDisposable
{
    private LiveWeb(TickwiseWebHost host, LiveMarket? market)
    {
        Host = host;
        Market = market;
    }

    /// <summary>The running host.</summary>
    public TickwiseWebHost Host { get; }

    /// <summary>The live feed: <see cref="LiveFeedHub.Publish"/> sends alerts, signals and orders to /ws clients.</summary>
    public LiveFeedHub Hub => Host.Context.Hub;

    /// <summary>The latest trades and quotes, or null when no pipeline feeds it (serve).</summary>
    public LiveMarket? Market { get; }

    /// <summary>What the ingest must call: the live market state and the live feed.</summary>
    public IMarketObserver? Observer => CompositeMarketObserver.Of(Market, Hub);

    /// <summary>Starts the host on <paramref name="urls"/> and prints where it listens on stderr.</summary>
    /// <param name="urls">Kestrel addresses (port 0: a free port).</param>
    /// <param name="source">The source's name for the health report (simulator, replay, binance, serve).</param>
    /// <param name="store">The store the API reads.</param>
    /// <param name="storeDescription">The store as the health report names it (a path or a redacted URL).</param>
    /// <param name="intervals">The intervals the pipeline builds (empty for serve).</param>
    /// <param name="live">True when a pipeline feeds <see cref="Observer"/>.</param>
    /// <param name="books">Order books, or null.</param>
    /// <param name="health">The health source to serve, or null for one built from the live counters.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IOException">An address is in use or cannot be bound.</exception>
    /// <exception cref="FormatException">An address is malformed.</exception>
    public static async Task<LiveWeb> StartAsync(string urls, string source, ITickStore store, string storeDescription, IReadOnlyList<Interval> intervals,
        bool live, IBookSource? books, IHealthSource? health, CancellationToken cancellationToken)
    {
        var hub = new LiveFeedHub(intervals, store);
        LiveMarket? market = live ? new LiveMarket(TimeProvider.System) : null;
        IHealthSource healthSource = health ?? new LiveHealthSource(source, storeDescription, market, hub, TimeProvider.System);
        hub.HealthSource = healthSource;
        try
        {
            TickwiseWebHost host = await TickwiseWebHost.StartAsync(urls, new WebContext(store, healthSource, hub, market, books), cancellationToken);
            Console.Error.WriteLine($"tickwise: serving {string.Join(' ', host.Addresses)} (dashboard at /, API under /api, live feed at /ws)");
            return new LiveWeb(host, market);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
