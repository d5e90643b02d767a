using System.CommandLine;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise prune</c>: retention. Deletes trades (and, if asked, bars) older than a day; a dry run unless <c>--yes</c>.</summary>
/// <remarks>
/// Cut-offs are rounded down to a UTC day boundary: bars are derived from the stored trades, and a later import
/// rebuilds bars a day at a time, so a day is either kept whole or gone. Bars are kept unless <c>--bars-before</c>
/// says otherwise: the usual policy keeps bars (small) long after their ticks (large).
/// </remarks>
internal static class PruneCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var before = new Option<string>("--before") { Description = "Delete trades before this day (Unix ms or ISO-8601 UTC; rounded down to 00:00 UTC).", Required = true };
        var barsBefore = new Option<string?>("--bars-before") { Description = "Also delete bars (every interval) opening before this day; default: keep every bar." };
        var symbols = new Option<string?>("--symbols") { Description = "Only these symbols (comma-separated); default: every stored symbol." };
        var yes = new Option<bool>("--yes") { Description = "Delete. Without it, only count what would be deleted." };
        var db = CommonOptions.Db(settings);
        var command = new Command("prune", "Delete old trades (and optionally bars) to bound the store's size; a dry run unless --yes.") { before, barsBefore, symbols, yes, db };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            long tradesCut = Interval.OneDay.FloorMs(CliValues.ParseTimeMs(result.GetValue(before)!, "--before"));
            long barsCut = result.GetValue(barsBefore) is { } text ? Interval.OneDay.FloorMs(CliValues.ParseTimeMs(text, "--bars-before")) : long.MinValue;
            if (barsCut > tradesCut) throw new CliException("--bars-before is after --before: bars would be deleted while the trades they summarise stay.");
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            IReadOnlyList<Symbol> targets = result.GetValue(symbols) is { } list ? CliValues.ParseSymbols(list) : store.ListSymbols();
            foreach (Symbol symbol in targets) StoredBars.RequireSymbol(store, symbol);
            bool delete = result.GetValue(yes);
            string barsText = barsCut == long.MinValue ? "" : $" and bars opening before {Timestamps.ToIso(barsCut)}";
            long totalTrades = 0, totalBars = 0;
            foreach (Symbol symbol in targets)
            {
                if (delete)
                {
                    StoreCounts deleted = store.DeleteBefore(symbol, tradesCut, barsCut);
                    totalTrades += deleted.Trades;
                    totalBars += deleted.Bars;
                    Console.Error.WriteLine($"tickwise: {symbol}: deleted {deleted.Trades:N0} trades{(barsCut == long.MinValue ? "" : $" and {deleted.Bars:N0} bars")}");
                }
                else
                {
                    long trades = store.CountTrades(symbol, new TimeRange(long.MinValue, tradesCut));
                    totalTrades += trades;
                    Console.Error.WriteLine($"tickwise: {symbol}: would delete {trades:N0} trades before {Timestamps.ToIso(tradesCut)}{barsText}");
                }
            }
            Console.Error.WriteLine(delete
                ? $"tickwise: pruned {totalTrades:N0} trades{(barsCut == long.MinValue ? "" : $" and {totalBars:N0} bars")} from {targets.Count} symbol(s) in {CliValues.Redact(result.GetValue(db)!)}"
                : $"tickwise: dry run: {totalTrades:N0} trades would be deleted; add --yes to delete them");
            return Task.FromResult(0);
        }));
        return command;
    }
}
