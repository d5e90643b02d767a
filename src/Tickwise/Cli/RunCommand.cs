using System.CommandLine;
using Symbol = Tickwise.Core.Market.Symbol;
using System.Threading.Channels;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Core.Simulation;
using Tickwise.Ingest;
using Tickwise.Sources;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise run</c>: a source through the pipeline into the store until Ctrl+C.</summary>
internal static class RunCommand
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(10);

    public static Command Create(TickwiseSettings settings)
    {
        var source = new Option<string>("--source") { Description = "Where market data comes from: simulator (binance and replay come with the live-stream issue).", DefaultValueFactory = _ => "simulator" };
        var symbols = CommonOptions.Symbols(settings);
        var db = CommonOptions.Db(settings);
        var intervals = CommonOptions.Intervals(settings);
        var seed = SimulationOptions.Seed();
        var speed = new Option<string>("--speed") { Description = "Simulator speed: 1 (real time), 10, ... or max.", DefaultValueFactory = _ => "1" };
        var duration = new Option<string?>("--duration") { Description = "Stop by itself after this much wall time (90s, 15m, 2h); default: run until Ctrl+C." };

        var command = new Command("run", "Run a market data source through the pipeline into the store until Ctrl+C.") { source, symbols, db, intervals, seed, speed, duration };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string sourceName = result.GetValue(source)!;
            if (!string.Equals(sourceName, "simulator", StringComparison.OrdinalIgnoreCase))
                throw new CliException($"--source {sourceName}: this build has the simulator source only; the live Binance and replay sources come with the live-stream issue.");
            IReadOnlyList<Symbol> symbolList = CliValues.ParseSymbols(result.GetValue(symbols)!);
            IReadOnlyList<Interval> barIntervals = CliValues.ParseIntervals(result.GetValue(intervals)!);
            if (!SimulatorSource.TryParseSpeed(result.GetValue(speed)!, out double pace)) throw new CliException($"--speed {result.GetValue(speed)}: give a positive number or max.");
            TimeSpan? stopAfter = result.GetValue(duration) is { } d ? CliValues.ParseDuration(d) : null;

            long startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var simulator = new MarketSimulator(SimulationOptions.Build(symbolList, result.GetValue(seed), startMs));
            using ITickStore store = TickStores.Open(result.GetValue(db)!);
            var ingest = new MarketEventIngest(store, barIntervals);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (stopAfter is { } after) stop.CancelAfter(after);
            var channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(65_536)
            {
                FullMode = BoundedChannelFullMode.Wait, // the store never drops: the source waits
                SingleReader = true,
                SingleWriter = true,
            });
            var feed = new SimulatorSource(simulator, pace);
            Task producing = feed.RunAsync(channel.Writer, stop.Token);
            Console.Error.WriteLine($"tickwise: running simulator for {string.Join(',', symbolList)} into {CliValues.Redact(result.GetValue(db)!)} (Ctrl+C stops)");

            await Consume(channel.Reader, ingest);
            await producing;
            ingest.Finish();
            Console.Error.WriteLine($"tickwise: stopped: {ingest.Trades:N0} trades, {ingest.Quotes:N0} quotes, {ingest.BarsWritten:N0} bars stored");
            return 0;
        }));
        return command;
    }

    /// <summary>Drains the channel into the store until the source completes it; flushes on a timer so a quiet feed still lands.</summary>
    private static async Task Consume(ChannelReader<MarketEvent> reader, MarketEventIngest ingest)
    {
        var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
        var sinceStatus = System.Diagnostics.Stopwatch.StartNew();
        long exchangeNowMs = long.MinValue; // time of the latest event taken: bars close on exchange time, never ahead of it
        while (true)
        {
            using var tick = new CancellationTokenSource(FlushEvery);
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
            while (reader.TryRead(out MarketEvent e))
            {
                ingest.Add(in e);
                if (e.TimestampMs > exchangeNowMs) exchangeNowMs = e.TimestampMs;
            }
            if (sinceFlush.Elapsed >= FlushEvery)
            {
                if (exchangeNowMs != long.MinValue) ingest.AdvanceTo(exchangeNowMs);
                sinceFlush.Restart();
            }
            if (sinceStatus.Elapsed >= StatusEvery)
            {
                PrintStatus(ingest);
                sinceStatus.Restart();
            }
        }
    }

    private static void PrintStatus(MarketEventIngest ingest)
    {
        var parts = new List<string>();
        foreach (var (symbol, price, quote) in ingest.Latest) parts.Add($"{symbol} {price} (bid {quote.BidPrice} ask {quote.AskPrice})");
        Console.Error.WriteLine($"tickwise: {ingest.Trades:N0} trades, {ingest.BarsWritten:N0} bars | {string.Join(" | ", parts)}");
    }
}
