using System.CommandLine;
using Symbol = Tickwise.Core.Market.Symbol;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Export;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise export bars|trades</c>: stored tables as CSV or JSON, to a file or stdout.</summary>
internal static class ExportCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var export = new Command("export", "Write stored bars, trades or a pair series as CSV or JSON.");
        export.Subcommands.Add(CreateTable(settings, "bars", "Write a symbol's bars of one interval, ordered by open time.", withInterval: true));
        export.Subcommands.Add(CreateTable(settings, "trades", "Write a symbol's trades, ordered by id.", withInterval: false));
        export.Subcommands.Add(ExportPairCommand.Create(settings));
        return export;
    }

    private static Command CreateTable(TickwiseSettings settings, string name, string description, bool withInterval)
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol, such as BTCUSDT.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Bar interval, such as 1m.", DefaultValueFactory = _ => "1m" };
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var db = CommonOptions.Db(settings);
        var output = new Option<string>("--out") { Description = "Output file, or - for stdout.", DefaultValueFactory = _ => "-" };
        var format = CommonOptions.Format();
        var limit = new Option<int?>("--limit") { Description = "At most this many rows." };

        var command = new Command(name, description) { symbol, from, to, db, output, format, limit };
        if (withInterval) command.Options.Add(interval);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            ExportFormat tableFormat = CliValues.ParseChoice<ExportFormat>(result.GetValue(format)!, "--format");
            Symbol sym = CliValues.ParseSymbol(result.GetValue(symbol)!);
            TimeRange range = CliValues.ParseRange(result.GetValue(from), result.GetValue(to));
            int? max = result.GetValue(limit);
            if (max is <= 0) throw new CliException($"--limit {max}: give a positive number.");
            Interval iv = withInterval ? CliValues.ParseInterval(result.GetValue(interval)!) : default;
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            StoredBars.RequireSymbol(store, sym);
            string target = result.GetValue(output)!;
            using Stream stream = target == "-" ? Console.OpenStandardOutput() : File.Create(target);
            using var writer = new TableWriter(stream, tableFormat, withInterval ? BarTable.Columns : TradeTable.Columns);
            long rows = withInterval
                ? BarTable.Write(writer, store.ReadBars(sym, iv, range, max ?? int.MaxValue))
                : TradeTable.Write(writer, store.ReadTrades(sym, range, max ?? int.MaxValue));
            if (rows == 0) Console.Error.WriteLine($"tickwise: no {name} stored for {sym}{(withInterval ? " " + iv : "")} in that range.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
