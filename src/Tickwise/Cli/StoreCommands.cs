using System.CommandLine;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise migrate</c> and <c>tickwise copy</c>: store administration.</summary>
internal static class StoreCommands
{
    private const int BatchSize = 32_768;

    public static Command CreateMigrate(TickwiseSettings settings)
    {
        var db = CommonOptions.Db(settings);
        var command = new Command("migrate", "Create the store or bring its schema to this version (opening a store migrates it), then report its contents.") { db };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            string spec = result.GetValue(db)!;
            using ITickStore store = TickStores.Open(spec);
            StoreCounts counts = store.Count();
            Console.Error.WriteLine($"tickwise: {CliValues.Redact(spec)} is at the current schema: {store.ListSymbols().Count} symbols, {counts.Trades:N0} trades, {counts.Bars:N0} bars");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command CreateCopy(TickwiseSettings settings)
    {
        var from = new Option<string>("--from") { Description = "Source store: a SQLite file (sqlite:PATH or PATH) or a postgres:// URL.", Required = true };
        var to = new Option<string>("--to") { Description = "Target store: a SQLite file or a postgres:// URL; created or migrated as needed.", Required = true };
        var symbols = new Option<string?>("--symbols") { Description = "Only these symbols (default: all)." };
        var command = new Command("copy", "Copy trades, bars and each symbol's trade id kind from one store to another; idempotent, so an interrupted copy can simply run again.") { from, to, symbols };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            string fromSpec = StripScheme(result.GetValue(from)!), toSpec = StripScheme(result.GetValue(to)!);
            if (!fromSpec.Contains("://", StringComparison.Ordinal) && !File.Exists(fromSpec)) throw new CliException($"--from {fromSpec}: no such database.");
            using ITickStore source = TickStores.Open(fromSpec);
            using ITickStore target = TickStores.Open(toSpec);
            IReadOnlyList<Symbol> list = result.GetValue(symbols) is { } s ? CliValues.ParseSymbols(s) : source.ListSymbols();
            foreach (Symbol symbol in list)
            {
                cancellationToken.ThrowIfCancellationRequested();
                StoredBars.RequireSymbol(source, symbol);
                CopySymbol(source, target, symbol, cancellationToken);
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void CopySymbol(ITickStore source, ITickStore target, Symbol symbol, CancellationToken cancellationToken)
    {
        string idKey = $"trade_ids:{symbol}";
        string? held = source.GetMetadata(idKey), present = target.GetMetadata(idKey);
        if (held is not null && present is not null && held != present)
            throw new CliException($"{symbol} holds {held} in the source but {present} in the target; copying would count the same activity twice.");
        if (held is not null) target.SetMetadata(idKey, held);

        long newTrades = 0, bars = 0;
        var tradeBatch = new Trade[BatchSize];
        int count = 0;
        foreach (Trade trade in source.ReadTrades(symbol, TimeRange.All))
        {
            tradeBatch[count++] = trade;
            if (count == BatchSize)
            {
                newTrades += target.AppendTrades(tradeBatch);
                count = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        newTrades += target.AppendTrades(tradeBatch.AsSpan(0, count));

        var barBatch = new Bar[BatchSize];
        foreach (Interval interval in source.ListIntervals(symbol))
        {
            count = 0;
            foreach (Bar bar in source.ReadBars(symbol, interval, TimeRange.All))
            {
                barBatch[count++] = bar;
                if (count == BatchSize)
                {
                    target.UpsertBars(barBatch);
                    bars += count;
                    count = 0;
                }
            }
            target.UpsertBars(barBatch.AsSpan(0, count));
            bars += count;
        }

        StoreCounts from = source.Count(symbol), to = target.Count(symbol);
        Console.Error.WriteLine($"tickwise: {symbol}: {newTrades:N0} new trades, {bars:N0} bars copied; target holds {to.Trades:N0} trades and {to.Bars:N0} bars (source {from.Trades:N0} and {from.Bars:N0})");
        if (to.Trades < from.Trades || to.Bars < from.Bars)
            throw new CliException($"{symbol}: the target holds fewer rows than the source after the copy.");
    }

    /// <summary>Accepts <c>sqlite:PATH</c> as well as a plain path, as the issue spells it.</summary>
    private static string StripScheme(string spec) => spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? spec["sqlite:".Length..] : spec;
}
