using Tickwise.Alerts;
using Tickwise.Core.Market;
using Tickwise.Health;
using Tickwise.Storage;
using Tickwise.Web.Live;

namespace Tickwise.Web;

/// <summary>What the API serves: the store, the live state when a pipeline runs, health, books and the live feed.</summary>
/// <param name="Store">The store the market-data endpoints read (reads run beside the pipeline's writer).</param>
/// <param name="Health">What <c>/api/health</c> serves.</param>
/// <param name="Hub">The live feed behind <c>/ws</c>.</param>
/// <param name="Market">Latest trades and quotes per symbol, or null when no pipeline runs (serve).</param>
/// <param name="Books">Order books, or null when none are kept (simulator, serve).</param>
internal sealed record WebContext(ITickStore Store, IHealthSource Health, LiveFeedHub Hub, LiveMarket? Market, IBookSource? Books)
{
    private AlertService? _storeAlerts;

    /// <summary>The running pipeline's alerts and trading, set by <c>run</c> and <c>replay</c> once the host is up; null in
    /// <c>serve</c>, which reads what the store holds.</summary>
    public Cli.PipelineServices? Pipeline { get; set; }

    /// <summary>The alert rules the API edits: the pipeline's (evaluated at once), or, without a pipeline, the store's.</summary>
    public AlertService Alerts => Pipeline?.Alerts ?? LazyInitializer.EnsureInitialized(ref _storeAlerts, () => AlertService.Open(Store, restore: false));

    /// <summary>The intervals <c>/api/stats</c> reports when none are asked for.</summary>
    public static IReadOnlyList<Interval> DefaultStatsIntervals { get; } = [Interval.OneMinute, Interval.Parse("5m"), Interval.OneHour];
}
