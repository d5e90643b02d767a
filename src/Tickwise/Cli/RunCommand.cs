using System.CommandLine;
using System.Globalization;
using Symbol = Tickwise.Core.Market.Symbol;
using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Core.Simulation;
using Tickwise.Ingest;
using Tickwise.Sinks;
using Tickwise.Sources;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise run</c>: a source through the pipeline into the store until Ctrl+C.</summary>
internal static class RunCommand
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>How far behind the newest trade a quiet symbol's bars are closed: room for streams that lag each other.</summary>
    internal const long CloseGraceMs = 2_000;

    public static Command Create(TickwiseSettings settings)
    {
        var source = new Option<string>("--source") { Description = "Where market data comes from: binance (live streams, the default) or simulator.", DefaultValueFactory = _ => "binance" };
        var symbols = CommonOptions.Symbols(settings);
        var db = CommonOptions.Db(settings);
        var intervals = CommonOptions.Intervals(settings);
        var seed = SimulationOptions.Seed();
        var speed = new Option<string>("--speed") { Description = "Simulator speed: 1 (real time), 10, ... or max.", DefaultValueFactory = _ => "1" };
        var duration = new Option<string?>("--duration") { Description = "Stop by itself after this much wall time (90s, 15m, 2h); default: run until Ctrl+C." };
        var market = CommonOptions.Market(settings);
        var wsUrl = CommonOptions.WsUrl(settings);
        var restUrl = CommonOptions.RestUrl(settings);
        var streams = new Option<string>("--streams") { Description = "Binance streams per symbol: aggTrade or trade (gaps repaired over REST), bookTicker, depth.", DefaultValueFactory = _ => "aggTrade" };
        var connection = new ConnectionOptions();
        var resume = new Option<bool>("--resume") { Description = "Fetch the trades missed since the last one this store holds from the same exchange and stream kind (true or false).", DefaultValueFactory = _ => true };
        var indicatorCsv = CommonOptions.IndicatorCsv();
        var urls = ServeCommand.Urls(null, $"Where the dashboard, API and /ws listen (http://HOST:PORT; port 0: a free port; none: off). Default {Web.TickwiseWebHost.DefaultUrls} when free.");
        var statusEvery = new Option<string>("--status-every") { Description = "How often to print the status lines.", DefaultValueFactory = _ => "10s" };

        var command = new Command("run", "Run a market data source through the pipeline into the store until Ctrl+C.")
        {
            source, symbols, db, intervals, seed, speed, duration, market, wsUrl, restUrl, streams, statusEvery, resume, indicatorCsv, urls,
        };
        connection.AddTo(command);
        var pipeline = new PipelineOptions(settings);
        pipeline.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string sourceName = result.GetValue(source)!;
            bool binance = string.Equals(sourceName, "binance", StringComparison.OrdinalIgnoreCase);
            if (!binance && !string.Equals(sourceName, "simulator", StringComparison.OrdinalIgnoreCase))
                throw new CliException($"--source {sourceName}: choose simulator or binance.");
            IReadOnlyList<Symbol> symbolList = CliValues.ParseSymbols(result.GetValue(symbols)!);
            IReadOnlyList<Interval> barIntervals = CliValues.ParseIntervals(result.GetValue(intervals)!);
            TimeSpan? stopAfter = result.GetValue(duration) is { } d ? CliValues.ParseDuration(d) : null;
            TimeSpan statusInterval = ParseDelay(result.GetValue(statusEvery)!, "--status-every");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(65_536)
            {
                FullMode = BoundedChannelFullMode.Wait, // the store never drops: the source waits
                SingleReader = true,
                SingleWriter = !binance, // Binance: one writer per connection
            });

            Task producing;
            string dbPath = result.GetValue(db)!;
            using IndicatorCsvWriter? indicators = result.GetValue(indicatorCsv) is { } dir ? new IndicatorCsvWriter(dir) : null;
            if (binance)
            {
                IReadOnlyList<BinanceStreamClientOptions> connections = connection.Build(result, symbolList, result.GetValue(market)!, result.GetValue(wsUrl), result.GetValue(restUrl), result.GetValue(streams)!);
                using ITickStore binanceStore = TickStores.Open(dbPath);
                PipelineServices binanceServices = PipelineServices.Create(result, pipeline, binanceStore, symbolList);
                using (var live = new BinanceSource(connections, TimeProvider.System, notice => Console.Error.WriteLine($"tickwise: binance: {notice.Message}")))
                {
                    live.Health.Store = CliValues.Redact(dbPath);
                    var books = new Web.Live.PublishedBooks(); // the depth streams' local books, copied for /api/book
                    foreach (BinanceStreamClient client in live.Clients) client.BookChanged = books.Publish;
                    await using Web.LiveWeb? binanceWeb = await ServeCommand.StartForPipelineAsync(result.GetValue(urls), "binance", binanceStore, dbPath, barIntervals, books, stop.Token, live.Health);
                    if (binanceWeb is not null) binanceServices.AttachTo(binanceWeb);
                    if (stopAfter is { } binanceAfter) stop.CancelAfter(binanceAfter); // --duration counts from the pipeline's start, after the web host's
                    BarQualityTracker quality = live.TrackBarQuality(binanceStore, barIntervals, CompositeMarketObserver.Of(indicators, binanceWeb?.Observer, binanceServices.Observer));
                    // Trade ids are aggregated-trade ids when the aggTrade stream is the trade source (the default).
                    var binanceIngest = new MarketEventIngest(binanceStore, barIntervals, quality, aggregatedTrades: connections[0].Subscription.HasAggTrades);
                    live.Health.Pipeline = () => new Dictionary<string, long>
                    {
                        ["trades"] = binanceIngest.Trades,
                        ["new_trades"] = binanceIngest.NewTrades,
                        ["quotes"] = binanceIngest.Quotes,
                        ["bars_written"] = binanceIngest.BarsWritten,
                        ["late_trades"] = binanceIngest.LateTrades,
                        ["queue_depth"] = channel.Reader.Count,
                        ["pair_snapshots"] = binanceServices.Pairs?.Snapshots ?? 0,
                        ["alerts_fired"] = binanceServices.Alerts.EventsStored,
                    };
                    if (result.GetValue(resume))
                        foreach (var (symbol, lastId) in live.ResumeFrom(binanceStore))
                            Console.Error.WriteLine($"tickwise: {symbol}: resuming after trade {lastId}, the last one stored; the trades since are fetched first");
                    producing = live.RunAsync(channel.Writer, stop.Token);
                    int streamCount = connections.Sum(c => c.Subscription.StreamNames.Count);
                    string streamList = streamCount <= 8 ? string.Join(',', connections.SelectMany(c => c.Subscription.StreamNames)) : $"{streamCount} streams";
                    Console.Error.WriteLine($"tickwise: streaming {streamList} over {connections.Count} connection(s) from {live.Endpoints.StreamBase} into {CliValues.Redact(dbPath)} (Ctrl+C stops)");
                    await ConsumeAsync(channel.Reader, binanceIngest, statusInterval, live.StatusLines, live.Liveness);
                    await producing;
                    binanceIngest.Finish();
                    quality.Flush();
                    binanceServices.Flush();
                    Console.Error.WriteLine($"tickwise: stopped: {binanceIngest.Trades:N0} trades ({binanceIngest.NewTrades:N0} new), {binanceIngest.Quotes:N0} quotes, {binanceIngest.BarsWritten:N0} bars stored; "
                        + $"{live.Connections} connections, {live.ParseErrors} parse errors; {binanceServices.Describe()}");
                }
                return 0;
            }

            if (!SimulatorSource.TryParseSpeed(result.GetValue(speed)!, out double pace)) throw new CliException($"--speed {result.GetValue(speed)}: give a positive number or max.");
            long startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var simulator = new MarketSimulator(SimulationOptions.Build(symbolList, result.GetValue(seed), startMs));
            using ITickStore store = TickStores.Open(dbPath);
            PipelineServices services = PipelineServices.Create(result, pipeline, store, symbolList);
            await using Web.LiveWeb? web = await ServeCommand.StartForPipelineAsync(result.GetValue(urls), "simulator", store, dbPath, barIntervals, books: null, stop.Token);
            if (web is not null) services.AttachTo(web);
            if (stopAfter is { } after) stop.CancelAfter(after); // --duration counts from the pipeline's start, after the web host's
            var ingest = new MarketEventIngest(store, barIntervals, CompositeMarketObserver.Of(indicators, web?.Observer, services.Observer));
            var feed = new SimulatorSource(simulator, pace);
            producing = feed.RunAsync(channel.Writer, stop.Token);
            Console.Error.WriteLine($"tickwise: running simulator for {string.Join(',', symbolList)} into {CliValues.Redact(dbPath)} (Ctrl+C stops)");

            await ConsumeAsync(channel.Reader, ingest, statusInterval, sourceStatus: null);
            await producing;
            ingest.Finish();
            services.Flush();
            Console.Error.WriteLine($"tickwise: stopped: {ingest.Trades:N0} trades, {ingest.Quotes:N0} quotes, {ingest.BarsWritten:N0} bars stored; {services.Describe()}");
            return 0;
        }));
        return command;
    }

    /// <summary>Builds the options of each connection (1024 streams at most on one) from the command line; throws
    /// <see cref="CliException"/> on a bad value.</summary>
    internal static IReadOnlyList<BinanceStreamClientOptions> BinanceOptions(IReadOnlyList<Symbol> symbols, string market, string? wsUrl, string? restUrl, string streams, TimeSpan reconnectDelay, TimeSpan noDataTimeout, TimeSpan? fastRetryWindow = null, TimeSpan? connectionLifetime = null)
    {
        BinanceMarket venue = market.Trim().ToLowerInvariant() switch
        {
            "spot" => BinanceMarket.Spot,
            "futures" => BinanceMarket.Futures,
            "testnet" => BinanceMarket.Testnet,
            _ => throw new CliException($"--market {market}: choose spot, futures or testnet."),
        };
        var kinds = new List<StreamKind>();
        foreach (string part in streams.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!StreamSubscription.TryParseKind(part, out StreamKind kind)) throw new CliException($"--streams: '{part}' is not one of aggTrade, trade, bookTicker, depth.");
            kinds.Add(kind);
        }
        try
        {
            BinanceEndpoints endpoints = BinanceEndpoints.Of(venue).With(Url(wsUrl, "--ws-url"), Url(restUrl, "--rest-url"));
            TimeSpan maxBackoff = TimeSpan.FromSeconds(60) < reconnectDelay ? reconnectDelay : TimeSpan.FromSeconds(60);
            IReadOnlyList<StreamSubscription> subscriptions = StreamSubscription.Split(symbols, kinds);
            var template = new BinanceStreamClientOptions
            {
                Endpoints = endpoints,
                Subscription = subscriptions[0],
                InitialBackoff = reconnectDelay,
                MaxBackoff = maxBackoff,
                // A connection counts as healthy after thirty first delays (30 s by default) and the schedule restarts.
                HealthyAfter = reconnectDelay * 30,
                FastRetryWindow = fastRetryWindow ?? TimeSpan.FromSeconds(30),
                NoDataTimeout = noDataTimeout,
            };
            if (connectionLifetime is { } life)
            {
                // The overlap (2 s by default) stays well inside a short lifetime: a quarter of it at most.
                TimeSpan overlap = life / 4 < template.ConnectionOverlap ? life / 4 : template.ConnectionOverlap;
                template = template with { MaxConnectionLifetime = life, ConnectionOverlap = overlap };
            }
            template.Validate();
            var connections = new List<BinanceStreamClientOptions>(subscriptions.Count);
            foreach (StreamSubscription subscription in subscriptions) connections.Add(template.With(subscription));
            return connections;
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, e);
        }
    }

    private static Uri? Url(string? text, string option)
    {
        if (text is null) return null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri)) throw new CliException($"{option} {text}: not an absolute address.");
        return uri;
    }

    /// <summary>Parses a duration that may be zero (<c>0</c>, <c>0s</c>, <c>off</c>), or anything <see cref="ParseDelay"/> reads.</summary>
    internal static TimeSpan ParseWindow(string text, string option) =>
        text.Trim() is "0" or "0s" or "0ms" or "off" ? TimeSpan.Zero : ParseDelay(text, option);

    /// <summary>Parses <c>250ms</c>, or any duration <see cref="CliValues.ParseDuration"/> reads.</summary>
    internal static TimeSpan ParseDelay(string text, string option)
    {
        string trimmed = text.Trim();
        if (trimmed.EndsWith("ms", StringComparison.Ordinal))
        {
            if (long.TryParse(trimmed[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out long ms) && ms is > 0 and < 100_000_000) return TimeSpan.FromMilliseconds(ms);
            throw new CliException($"{option} {text}: not a duration.");
        }
        try
        {
            return CliValues.ParseDuration(trimmed);
        }
        catch (CliException e)
        {
            throw new CliException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>Drains the channel into the store until the source completes it; flushes on a timer so a quiet feed
    /// still lands, and prints status lines every <paramref name="statusEvery"/>.</summary>
    /// <param name="liveness">The source's <see cref="BinanceSource.Liveness"/>, or null when its trades are never
    /// repaired late (the simulator).</param>
    internal static async Task ConsumeAsync(ChannelReader<MarketEvent> reader, MarketEventIngest ingest, TimeSpan statusEvery, Func<IReadOnlyList<string>>? sourceStatus,
        Func<(bool Live, long Interruptions)>? liveness = null)
    {
        var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
        var sinceStatus = System.Diagnostics.Stopwatch.StartNew();
        // Quiet symbols' bars close on the clock tick below, at the latest *trade* time less a grace: quotes may carry
        // the local receive time (spot bookTicker has none of its own), and one symbol's stream may run a little ahead
        // of another's, so closing at the newest event of any kind would make the lagging symbol's trades late.
        long exchangeNowMs = long.MinValue;
        // One timeout source for every wait: re-armed while it has not fired (TryReset), replaced only after it fired,
        // so a busy feed allocates nothing per wake-up and an idle one one source per flush tick.
        var tick = new CancellationTokenSource();
        try
        {
            while (true)
            {
                if (!tick.TryReset())
                {
                    tick.Dispose();
                    tick = new CancellationTokenSource();
                }
                tick.CancelAfter(FlushEvery);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException)
                {
                    more = true; // timer tick: nothing arrived, still flush below
                }
                if (!more) break;
                // While a connection is down or catching up, its trades still to come are older than the newest seen:
                // the clock waits (LiveState explains the before-and-after reading).
                (bool Live, long Interruptions) before = liveness?.Invoke() ?? (true, 0);
                Drain(reader, ingest, ref exchangeNowMs);
                if (sinceFlush.Elapsed >= FlushEvery)
                {
                    (bool Live, long Interruptions) after = liveness?.Invoke() ?? (true, 0);
                    if (exchangeNowMs != long.MinValue && before.Live && after.Live && before.Interruptions == after.Interruptions)
                        ingest.AdvanceTo(exchangeNowMs - CloseGraceMs);
                    else
                        ingest.Flush();
                    sinceFlush.Restart();
                }
                if (sinceStatus.Elapsed >= statusEvery)
                {
                    PrintStatus(ingest, sourceStatus);
                    sinceStatus.Restart();
                }
            }
        }
        finally
        {
            tick.Dispose();
        }
    }

    private static void Drain(ChannelReader<MarketEvent> reader, MarketEventIngest ingest, ref long exchangeNowMs)
    {
        while (reader.TryRead(out MarketEvent e))
        {
            ingest.Add(in e);
            if (e.Kind == MarketEventKind.Trade && e.TimestampMs > exchangeNowMs) exchangeNowMs = e.TimestampMs;
        }
    }

    private static void PrintStatus(MarketEventIngest ingest, Func<IReadOnlyList<string>>? sourceStatus)
    {
        var parts = new List<string>();
        foreach (var (symbol, price, quote) in ingest.Latest) parts.Add($"{symbol} {price} (bid {quote.BidPrice} ask {quote.AskPrice})");
        string latest = parts.Count == 0 ? "" : " | " + string.Join(" | ", parts);
        Console.Error.WriteLine($"tickwise: {ingest.Trades:N0} trades, {ingest.BarsWritten:N0} bars{latest}");
        if (sourceStatus is null) return;
        foreach (string line in sourceStatus()) Console.Error.WriteLine($"tickwise: {line}");
    }
}
