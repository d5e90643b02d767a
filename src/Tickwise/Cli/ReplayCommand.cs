using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tickwise.Alerts;
using Tickwise.Binance.Book;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Sinks;
using Tickwise.Sources;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise replay FILE...</c>: recorded Binance stream frames through the pipeline into the store, with a local order book per symbol.</summary>
internal static class ReplayCommand
{
    /// <summary>Bad lines printed one by one before only counting the rest.</summary>
    private const int BadLinesShown = 20;

    /// <summary>Out-of-sync warnings printed one by one before only counting the rest (each book counts its own).</summary>
    private const int WarningsShown = 20;

    public static Command Create(TickwiseSettings settings)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Recorded stream files (.gz or plain), one frame a line: '<receive time, Unix ns> <payload>'. Several are merged in receive-time order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var speed = new Option<string>("--speed") { Description = "Replay pace against the recorded receive times: 1 (as recorded), 10, ... or max (as fast as possible).", DefaultValueFactory = _ => "max" };
        var db = CommonOptions.Db(settings);
        var intervals = CommonOptions.Intervals(settings);
        var indicatorCsv = CommonOptions.IndicatorCsv();
        var urls = ServeCommand.Urls(null, "Also serve the dashboard, API and /ws while replaying, at http://HOST:PORT (port 0: a free port).");
        var serve = new Option<bool>("--serve") { Description = "With --urls: keep serving after the replay ends, until Ctrl+C." };

        var command = new Command("replay", "Replay recorded Binance stream frames: trades and bars into the store, a local order book per symbol.") { files, speed, db, intervals, indicatorCsv, urls, serve };
        var pipeline = new PipelineOptions(settings);
        pipeline.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string[] paths = result.GetValue(files)!;
            foreach (string path in paths)
            {
                if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
            }
            if (!SimulatorSource.TryParseSpeed(result.GetValue(speed)!, out double pace)) throw new CliException($"--speed {result.GetValue(speed)}: give a positive number or max.");
            IReadOnlyList<Interval> barIntervals = CliValues.ParseIntervals(result.GetValue(intervals)!);

            var badLines = new BadLineReporter(BadLinesShown);
            int warnings = 0;
            using var source = new RecordedFrameSource(paths, badLines.Report);
            using ITickStore store = TickStores.Open(result.GetValue(db)!);
            using IndicatorCsvWriter? indicators = result.GetValue(indicatorCsv) is { } dir ? new IndicatorCsvWriter(dir) : null;
            PipelineServices services = PipelineServices.Create(result, pipeline, store, symbols: null);
            AlertService? alerts = services.Alerts.Engine.Rules.Any(r => r.Enabled) ? services.Alerts : null;
            string? webUrls = result.GetValue(urls);
            if (result.GetValue(serve) && webUrls is null) throw new CliException("--serve needs --urls (where to serve).");
            var books = new Web.Live.PublishedBooks();
            await using Web.LiveWeb? web = webUrls is null ? null : await ServeCommand.StartAsync(webUrls, "replay", store, result.GetValue(db)!, barIntervals, live: true, books, cancellationToken);
            if (web is not null) services.AttachTo(web);
            // Bar quality as live: bars holding trades from the recording's REST lines are "repaired", bars spanning an
            // id jump nothing repaired are "gap".
            var gaps = new ReplayTradeGaps();
            var quality = new BarQualityTracker(store, barIntervals, gaps.Of, CompositeMarketObserver.Of(indicators, services.Observer, web?.Observer));
            var ingest = new MarketEventIngest(store, barIntervals, quality);
            var replay = new RecordedFrameReplay(ingest, source.Files, badLines.Report, message =>
            {
                if (++warnings <= WarningsShown) Console.Error.WriteLine($"tickwise: warning: {message}");
                else if (warnings == WarningsShown + 1) Console.Error.WriteLine("tickwise: warning: more order books out of sync; only counting them from now on");
            }, gaps);

            var clock = Stopwatch.StartNew();
            Action? publishBooks = web is null ? null : () => { foreach (ReplaySymbol symbol in replay.Symbols) books.Publish(symbol.Book); };
            bool cancelled = await Play(source, replay, pace, publishBooks, cancellationToken);
            replay.Finish();
            quality.Flush();
            services.Flush();
            publishBooks?.Invoke();
            Console.Error.WriteLine(
                $"tickwise: replayed {replay.Frames:N0} frames from {paths.Length} file(s) in {clock.Elapsed.TotalSeconds:F1} s: " +
                $"{ingest.Trades:N0} trades ({ingest.NewTrades:N0} new), {ingest.Quotes:N0} quotes, {badLines.Count:N0} bad lines, {replay.IgnoredFrames:N0} frames ignored{(cancelled ? " (stopped early)" : "")}" +
                (alerts is null ? "" : $"; {alerts.Engine.Rules.Count(r => r.Enabled):N0} alert rules fired {alerts.EventsStored:N0} alerts ({alerts.Engine.Suppressed:N0} suppressed by cooldown)")
                + (services.Pairs is null ? "" : $"; {services.Pairs.Snapshots:N0} pair snapshots")
                + (services.Trading is not { Runners.Count: > 0 } ? "" : $"; strategy {services.Trading.Runners[0].Runner.Strategy.Name}: {services.Trading.Runners[0].Runner.OrderCount:N0} orders"));
            foreach (ReplaySymbol symbol in replay.Symbols) Console.WriteLine(Describe(symbol, store.Count(symbol.Symbol).Bars));
            if (web is not null && result.GetValue(serve) && !cancelled)
            {
                Console.Error.WriteLine("tickwise: replay done; still serving (Ctrl+C stops)");
                await ServeCommand.WaitForCancellation(cancellationToken);
            }
            return cancelled ? CommandRunner.Cancelled : 0;
        }));
        return command;
    }

    /// <summary>Feeds every frame in receive-time order, paced unless <paramref name="pace"/> is infinite; true when stopped by Ctrl+C.
    /// <paramref name="every4096Frames"/> runs on this thread now and then (the web server's book copies).</summary>
    private static async Task<bool> Play(RecordedFrameSource source, RecordedFrameReplay replay, double pace, Action? every4096Frames, CancellationToken cancellationToken)
    {
        bool paced = !double.IsPositiveInfinity(pace);
        var wall = Stopwatch.StartNew();
        long firstNs = long.MinValue;
        long frames = 0;
        try
        {
            while (source.MoveNext())
            {
                if (paced)
                {
                    long receiveNs = source.Current.ReceiveTimeNs;
                    if (firstNs == long.MinValue) firstNs = receiveNs;
                    double waitMs = (receiveNs - firstNs) / 1e6 / pace - wall.Elapsed.TotalMilliseconds;
                    if (waitMs >= 1) await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken);
                }
                replay.Add(source);
                if ((++frames & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    every4096Frames?.Invoke();
                }
            }
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return true; // keep what was replayed: the caller finishes the bars and prints the summary
        }
    }

    /// <summary>One line per symbol: trades, bars, and the book's state with its best bid and ask.</summary>
    internal static string Describe(ReplaySymbol symbol, long barsStored)
    {
        OrderBook book = symbol.Book;
        string top = book.TryGetBestBid(out BookLevel bid) && book.TryGetBestAsk(out BookLevel ask)
            ? $"bid {bid.Price} x {bid.Quantity}, ask {ask.Price} x {ask.Quantity}"
            : "no bid/ask";
        string state;
        if (symbol.DepthMessages == 0) state = "no depth data";
        else if (book.IsSynchronized) state = $"synchronized at update {book.LastUpdateId.ToString(CultureInfo.InvariantCulture)}, {top}";
        else if (book.Snapshots == 0) state = $"NOT synchronized: no snapshot ({book.BufferedDiffs:N0} diffs buffered)";
        else state = $"NOT synchronized: {book.LastProblem} (last known {top})";
        return $"{symbol.Symbol}: {symbol.Trades:N0} trades, {barsStored:N0} bars stored, {symbol.Quotes:N0} quotes; " +
               $"book {state}; {book.AppliedDiffs:N0} diffs applied, {book.StaleDiffs:N0} stale, {book.Gaps:N0} gaps, " +
               $"{book.RejectedSnapshots:N0} snapshots rejected, {book.DroppedDiffs:N0} buffered diffs dropped";
    }
}
