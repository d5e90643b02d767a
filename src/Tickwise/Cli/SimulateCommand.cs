using System.CommandLine;
using Symbol = Tickwise.Core.Market.Symbol;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Core.Simulation;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise simulate</c>: a deterministic simulated market, generated as fast as possible into the store.</summary>
internal static class SimulateCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var symbols = CommonOptions.Symbols(settings);
        var duration = new Option<string>("--duration") { Description = "Simulated time to generate: 90s, 15m, 2h, 1d.", DefaultValueFactory = _ => "1h" };
        var seed = SimulationOptions.Seed();
        var start = SimulationOptions.Start("Simulated start time. Default: now minus the duration, so the data ends now.");
        var db = CommonOptions.Db(settings);
        var intervals = CommonOptions.Intervals(settings);

        var command = new Command("simulate", "Generate a seeded, deterministic market (trades and best bid/ask) into the store.") { symbols, duration, seed, start, db, intervals };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            IReadOnlyList<Symbol> symbolList = CliValues.ParseSymbols(result.GetValue(symbols)!);
            TimeSpan span = CliValues.ParseDuration(result.GetValue(duration)!);
            long startMs = result.GetValue(start) is { } s
                ? CliValues.ParseTimeMs(s, "--start")
                : Interval.OneSecond.FloorMs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)span.TotalMilliseconds);
            long endMs = startMs + (long)span.TotalMilliseconds;
            IReadOnlyList<Interval> barIntervals = CliValues.ParseIntervals(result.GetValue(intervals)!);
            var simulator = new MarketSimulator(SimulationOptions.Build(symbolList, result.GetValue(seed), startMs));

            using ITickStore store = TickStores.Open(result.GetValue(db)!);
            var ingest = new MarketEventIngest(store, barIntervals);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await CliProgress.RunAsync($"simulating {string.Join(',', symbolList)} for {span}", endMs - startMs, report =>
            {
                long nextCheck = startMs;
                while (simulator.TryNext(out MarketEvent e) && e.TimestampMs < endMs)
                {
                    ingest.Add(in e);
                    if (e.TimestampMs >= nextCheck)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        report(e.TimestampMs - startMs);
                        nextCheck = e.TimestampMs + 60_000;
                    }
                }
                ingest.AdvanceTo(endMs);
                ingest.Finish();
                return Task.FromResult(0);
            });
            Console.Error.WriteLine(
                $"tickwise: simulated {symbolList.Count} symbols from {Timestamps.ToIso(startMs)} to {Timestamps.ToIso(endMs)}: " +
                $"{ingest.Trades:N0} trades ({ingest.NewTrades:N0} new), {ingest.Quotes:N0} quotes, {ingest.BarsWritten:N0} bars in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        }));
        return command;
    }
}
