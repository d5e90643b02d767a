using Tickwise.Core.Alerts;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Ingest;

namespace Tickwise.Alerts;

/// <summary>Feeds an <see cref="AlertEngine"/> from the live pipeline: trades to the price rules, closed bars to the bar
/// rules, and the analytics the other rules need, which it computes itself for exactly the enabled rules.</summary>
/// <remarks>
/// <para>Crossover rules get a <see cref="CrossoverTracker"/> per (symbol, interval, moving-average bars), fed quotes and
/// closed bars; book-pressure rules one tracker per symbol, fed quotes; pair rules a <see cref="PairAnalytics"/> per
/// (A, B, interval, window), fed closed bars (a snapshot per bar close of both legs). When the rules change (the engine's
/// <see cref="AlertEngine.Version"/>), trackers still needed are kept and new ones start empty, so a new rule warms up on
/// the bars that follow.</para>
/// <para>On the ingest thread, like every <see cref="IMarketObserver"/>; a trade or quote allocates nothing unless a rule fires.</para>
/// </remarks>
internal sealed class AlertObserver : IMarketObserver
{
    private readonly AlertEngine _engine;
    private readonly Dictionary<Symbol, SymbolTrackers> _symbols = [];
    private readonly Dictionary<(Symbol, Symbol, Interval, int), PairAnalytics> _pairs = [];
    private PairAnalytics[] _pairList = [];
    private long _version = -1;

    public AlertObserver(AlertEngine engine) => _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Gets the engine fed.</summary>
    public AlertEngine Engine => _engine;

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        Refresh();
        _engine.OnTrade(in trade);
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        Refresh();
        if (!_symbols.TryGetValue(quote.Symbol, out SymbolTrackers? trackers)) return;
        if (trackers.Pressure is { } pressure)
        {
            BookPressure before = pressure.Pressure;
            if (pressure.OnQuote(in quote) && pressure.Pressure != before)
                _engine.OnBookPressure(quote.Symbol, quote.TimestampMs, pressure.Pressure, pressure.Imbalance);
        }

        foreach (CrossoverTracker tracker in trackers.Crossovers)
        {
            CrossoverState before = tracker.State;
            if (tracker.OnQuote(in quote) && tracker.State != before)
                _engine.OnCrossover(quote.Symbol, tracker.Options.BarInterval, quote.TimestampMs, tracker.State, tracker.MidPrice, tracker.Sma);
        }
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        Refresh();
        _engine.OnBarClosed(in bar);
        if (_symbols.TryGetValue(bar.Symbol, out SymbolTrackers? trackers))
        {
            foreach (CrossoverTracker tracker in trackers.Crossovers)
            {
                CrossoverState before = tracker.State;
                if (tracker.OnBar(in bar) && tracker.State != before)
                    _engine.OnCrossover(bar.Symbol, bar.Interval, bar.OpenTimeMs + bar.Interval.Milliseconds, tracker.State, tracker.MidPrice, tracker.Sma);
            }
        }

        foreach (PairAnalytics pair in _pairList)
        {
            if (pair.OnBar(in bar) is { } snapshot) _engine.OnPairSnapshot(snapshot, pair.Options.BarInterval);
        }
    }

    /// <summary>Rebuilds the trackers when the rules changed; cheap otherwise (one read).</summary>
    private void Refresh()
    {
        long version = _engine.Version;
        if (version == _version) return;
        _version = version;

        var crossovers = new HashSet<(Symbol, Interval, int)>();
        var pressures = new HashSet<Symbol>();
        var pairs = new HashSet<(Symbol, Symbol, Interval, int)>();
        foreach (AlertRule rule in _engine.Rules)
        {
            if (!rule.Enabled) continue;
            if (rule.Type == AlertType.Crossover) crossovers.Add((rule.Symbol!.Value, rule.Interval, rule.EffectiveWindow));
            else if (rule.Type == AlertType.BookPressure) pressures.Add(rule.Symbol!.Value);
            else if (rule.IsPairRule) pairs.Add((rule.Pair!.Value.A, rule.Pair.Value.B, rule.Interval, rule.EffectiveWindow));
        }

        var symbols = new Dictionary<Symbol, SymbolTrackers>();
        foreach (Symbol symbol in pressures)
            symbols[symbol] = new SymbolTrackers(_symbols.GetValueOrDefault(symbol)?.Pressure ?? new CrossoverTracker(symbol), []);
        foreach (var (symbol, interval, window) in crossovers)
        {
            if (!symbols.TryGetValue(symbol, out SymbolTrackers? trackers)) symbols[symbol] = trackers = new SymbolTrackers(null, []);
            CrossoverTracker? kept = null;
            if (_symbols.TryGetValue(symbol, out SymbolTrackers? old))
            {
                foreach (CrossoverTracker tracker in old.Crossovers)
                {
                    if (tracker.Options.BarInterval == interval && tracker.Options.SmaBars == window) kept = tracker;
                }
            }
            trackers.Crossovers = [.. trackers.Crossovers, kept ?? new CrossoverTracker(symbol, new CrossoverTrackerOptions { BarInterval = interval, SmaBars = window })];
        }
        _symbols.Clear();
        foreach (var (symbol, trackers) in symbols) _symbols.Add(symbol, trackers);

        foreach (var key in _pairs.Keys.ToList())
        {
            if (!pairs.Contains(key)) _pairs.Remove(key);
        }
        foreach (var key in pairs)
        {
            var (a, b, interval, window) = key;
            if (!_pairs.ContainsKey(key))
                _pairs.Add(key, new PairAnalytics(a, b, new PairAnalyticsOptions { BarInterval = interval, WindowBars = window, ZScoreBars = Math.Min(60, window) }));
        }
        _pairList = [.. _pairs.Values];
    }

    private sealed class SymbolTrackers(CrossoverTracker? pressure, CrossoverTracker[] crossovers)
    {
        public CrossoverTracker? Pressure { get; } = pressure;
        public CrossoverTracker[] Crossovers { get; set; } = crossovers;
    }
}
