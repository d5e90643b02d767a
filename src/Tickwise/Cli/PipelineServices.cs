using System.CommandLine;
using Tickwise.Alerts;
using Tickwise.Analytics;
using Tickwise.Binance.Trading;
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
/// (fired events stored and published) and a live strategy with the paper or testnet broker; one observer for the ingest.
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

    /// <summary>How long the end of a run waits for the testnet broker's unanswered requests.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The live strategy and its broker (paper or testnet), or null when no strategy runs.</summary>
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

    /// <summary>Writes what is buffered (pair snapshots, trading records), first letting the testnet broker's requests
    /// be answered (called at the end of a run).</summary>
    public void Flush()
    {
        Pairs?.Flush();
        if (Trading is not null && !Trading.Settle(SettleTimeout))
            Console.Error.WriteLine($"tickwise: warning: the exchange has not answered every order after {SettleTimeout.TotalSeconds:0} s; their records stay as last known");
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
        if (broker is not ("paper" or "testnet")) throw new CliException($"--broker {broker}: choose paper or testnet.");
        decimal fees = result.GetValue(options.FeesBps), slippage = result.GetValue(options.SlippageBps);
        if (fees is < 0 or > 1000) throw new CliException($"--fees-bps {fees}: give 0 to 1000.");
        if (slippage is < 0 or > 1000) throw new CliException($"--slippage-bps {slippage}: give 0 to 1000.");
        string runId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        void Warn(string message) => Console.Error.WriteLine($"tickwise: warning: {message}");
        if (name is null)
        {
            // No strategy: the broker still takes manual orders (the API's POST /api/orders) on the streamed symbols.
            return symbols is null ? null : new TradingDesk(store, symbols, [], new FeeModel(fees, fees), new SlippageModel(slippage), runId, onEvent, Warn,
                broker == "testnet" ? ConnectTestnet(result, options, symbols) : null);
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
        foreach (Symbol leg in legs)
            if (symbols is not null && !symbols.Contains(leg)) throw new CliException($"--strategy {strategy.Name}: The {strategy.Name} strategy trades {leg}, which is not streamed; add it to --symbols.");
        // The strategy's symbols only: the testnet lists far fewer symbols than the live exchange streams, and one it does
        // not list would fail the start for orders nobody places.
        BinanceTestnetBroker? testnet = broker == "testnet" ? ConnectTestnet(result, options, legs) : null;
        try
        {
            return new TradingDesk(store, symbols ?? legs, [new StrategySetup(strategy, legs, interval)], new FeeModel(fees, fees), new SlippageModel(slippage), runId, onEvent, Warn, testnet);
        }
        catch (ArgumentException e)
        {
            testnet?.Dispose();
            throw new CliException($"--strategy {strategy.Name}: {e.Message}", e);
        }
    }

    /// <summary>Connects the testnet broker for <paramref name="symbols"/>; a missing key or a refusing exchange is a one-line error.</summary>
    private static BinanceTestnetBroker ConnectTestnet(ParseResult result, PipelineOptions options, IReadOnlyList<Symbol> symbols)
    {
        try
        {
            return TestnetBrokerFactory.Connect(result.GetValue(options.TradeUrl)!, symbols, message => Console.Error.WriteLine($"tickwise: warning: testnet: {message}"));
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"--broker testnet: {e.Message}", e);
        }
    }
}
