using System.CommandLine;
using Tickwise.Alerts;
using Tickwise.Analytics;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Ingest;
using Tickwise.Storage;
using Tickwise.Trading;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary>
/// What <c>run</c> computes downstream of the ingest besides bars: pair snapshots (stored), the store's alert rules
/// (fired events stored and published) and a live strategy with the paper broker; one observer for the ingest.
/// </summary>
/// <remarks>Published events go through <see cref="Publish"/>, which the web host sets once it is up (null: nobody listens).</remarks>
internal sealed class PipelineServices
{
    internal PipelineServices(PairSnapshotPublisher? pairs, AlertService alerts, TradingDesk? trading)
    {
        Pairs = pairs;
        Alerts = alerts;
        Trading = trading;
        Observer = CompositeMarketObserver.Of(pairs, alerts.Observer, trading);
        if (pairs is not null) pairs.Published += (snapshot, interval) => alerts.Engine.OnPairSnapshot(snapshot, interval);
    }

    /// <summary>Stored pair snapshots, or null when no pair is configured.</summary>
    public PairSnapshotPublisher? Pairs { get; }

    /// <summary>The store's alert rules on the live data.</summary>
    public AlertService Alerts { get; }

    /// <summary>The live strategy and the paper broker, or null when no strategy runs.</summary>
    public TradingDesk? Trading { get; }

    /// <summary>The observer to give the ingest.</summary>
    public IMarketObserver? Observer { get; }

    /// <summary>Where fired alerts and trading events go besides the store: (channel, type, data); set by the web host.</summary>
    public Action<string, string, object>? Publish { get; set; }

    /// <summary>Builds the services from the command line; throws <see cref="CliException"/> on a bad value.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="options">The options, added to the command.</param>
    /// <param name="store">The store.</param>
    /// <param name="symbols">The streamed symbols; null for a replay, whose symbols come from its files (then pairs and
    /// strategy symbols must be named, and alerts start without the stored events' cooldowns, so that replaying the same
    /// files twice fires and stores the same events).</param>
    public static PipelineServices Create(ParseResult result, PipelineOptions options, ITickStore store, IReadOnlyList<Symbol>? symbols)
    {
        bool replay = symbols is null;
        IReadOnlyList<PairSpec> pairSpecs;
        try { pairSpecs = PairSpec.Resolve(result.GetValue(options.Pairs)!, symbols ?? []); }
        catch (FormatException e) { throw new CliException($"--pairs: {e.Message}", e); }
        foreach (PairSpec pair in pairSpecs)
            if (symbols is not null && (!symbols.Contains(pair.A) || !symbols.Contains(pair.B))) throw new CliException($"--pairs: {pair} names a symbol that is not streamed; add it to --symbols.");
        IReadOnlyList<Interval> pairIntervals = CliValues.ParseIntervals(result.GetValue(options.PairIntervals)!);

        PipelineServices? self = null;
        var problems = new List<string>();
        AlertService alerts = AlertService.Open(store, publish: e => self?.Publish?.Invoke("alerts", "alert", JsonData(AlertJson.WriteEvent(e))), problems: problems, restore: !replay);
        foreach (string problem in problems) Console.Error.WriteLine($"tickwise: warning: {problem}");

        TradingDesk? trading = CreateTrading(result, options, store, symbols, e => self?.PublishTrading(e));
        var pairs = pairSpecs.Count == 0 ? null
            : new PairSnapshotPublisher(store, pairSpecs, pairIntervals, onError: message => Console.Error.WriteLine($"tickwise: warning: {message}"));
        self = new PipelineServices(pairs, alerts, trading);
        return self;
    }

    /// <summary>Serves these services' alerts, orders and positions through <paramref name="web"/>'s API and publishes
    /// their events on its live feed.</summary>
    public void AttachTo(Web.LiveWeb web)
    {
        web.Host.Context.Pipeline = this;
        Publish = (channel, type, data) => web.Hub.Publish(channel, type, data);
        if (Pairs is not null) Pairs.Published += web.Hub.OnPairSnapshot; // /ws pair channels reuse these snapshots
    }

    /// <summary>Writes what is buffered (pair snapshots, trading records).</summary>
    public void Flush()
    {
        Pairs?.Flush();
        Trading?.Flush();
    }

    /// <summary>One line for the status output.</summary>
    public string Describe() =>
        $"{Pairs?.Snapshots ?? 0:N0} pair snapshots, {Alerts.EventsStored:N0} alerts fired"
        + (Trading is not { Runners.Count: > 0 } ? "" : $", {Trading.Runners.Count} strategy running on the {Trading.BrokerName} broker");

    private void PublishTrading(TradingEvent e)
    {
        Action<string, string, object>? publish = Publish;
        if (publish is null) return;
        StoredRecord record = Backtest.TradingRecords.ToRecord(e);
        object data = JsonData(record.Json);
        switch (e.Kind)
        {
            case TradingEventKind.Signal: publish("signals", "signal", data); break;
            case TradingEventKind.Order: publish("orders", "order", data); break;
            case TradingEventKind.Fill: publish("orders", "fill", data); break;
            default: publish("orders", "position", data); break;
        }
    }

    // The feed writes a JsonElement as the JSON it holds: the message data is exactly the stored record.
    private static System.Text.Json.JsonElement JsonData(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static TradingDesk? CreateTrading(ParseResult result, PipelineOptions options, ITickStore store, IReadOnlyList<Symbol>? symbols, Action<TradingEvent> onEvent)
    {
        string? name = result.GetValue(options.Strategy);
        string broker = result.GetValue(options.Broker)!.Trim().ToLowerInvariant();
        if (broker != "paper")
            throw new CliException(broker == "testnet"
                ? "--broker testnet: live strategies place orders with the paper broker only in this version; the signed testnet client exists (Tickwise.Binance.Trading) but is not connected to run yet."
                : $"--broker {broker}: choose paper.");
        decimal fees = result.GetValue(options.FeesBps), slippage = result.GetValue(options.SlippageBps);
        if (fees is < 0 or > 1000) throw new CliException($"--fees-bps {fees}: give 0 to 1000.");
        if (slippage is < 0 or > 1000) throw new CliException($"--slippage-bps {slippage}: give 0 to 1000.");
        string runId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        void Warn(string message) => Console.Error.WriteLine($"tickwise: warning: {message}");
        if (name is null)
        {
            // No strategy: the paper broker still takes manual orders (the API's POST /api/orders) on the streamed symbols.
            return symbols is null ? null : new TradingDesk(store, symbols, [], new FeeModel(fees, fees), new SlippageModel(slippage), runId, onEvent, Warn);
        }
        IStrategy strategy;
        try { strategy = StrategyCatalog.Create(name.Trim().ToLowerInvariant(), result.GetValue(options.Params) ?? [], out _); }
        catch (ArgumentException e) { throw new CliException($"--strategy {name}: {e.Message}", e); }
        IReadOnlyList<Symbol> legs = result.GetValue(options.StrategySymbols) is { } text ? CliValues.ParseSymbols(text)
            : symbols is not null ? [.. symbols.Take(strategy.SymbolCount)]
            : throw new CliException($"--strategy {strategy.Name}: name its symbols with --strategy-symbols (a replay's symbols come from its files).");
        if (legs.Count != strategy.SymbolCount)
            throw new CliException($"--strategy {strategy.Name} trades {strategy.SymbolCount} symbol(s); {legs.Count} given (--strategy-symbols, or the first of --symbols).");
        Interval interval = CliValues.ParseInterval(result.GetValue(options.StrategyInterval)!);
        try
        {
            return new TradingDesk(store, symbols ?? legs, [new StrategySetup(strategy, legs, interval)], new FeeModel(fees, fees), new SlippageModel(slippage), runId, onEvent, Warn);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--strategy {strategy.Name}: {e.Message}", e);
        }
    }
}
