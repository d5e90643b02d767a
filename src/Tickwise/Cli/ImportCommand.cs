using System.CommandLine;
using Symbol = Tickwise.Core.Market.Symbol;
using Tickwise.Binance.Files;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise import FILE|DIR...</c>: Binance dump files into the store, with their bars.</summary>
internal static class ImportCommand
{
    /// <summary>Bad lines printed one by one before only counting the rest.</summary>
    private const int BadLinesShown = 20;

    public static Command Create(TickwiseSettings settings)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files (.csv or .zip) or directories of them.", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Db(settings);
        var symbol = CommonOptions.Symbol("Symbol of every file, instead of the one in its name.");
        var interval = new Option<string?>("--interval") { Description = "Bar interval of kline/OHLCV files, instead of the one in their names." };
        var intervals = CommonOptions.Intervals(settings);
        var strict = new Option<bool>("--strict") { Description = "Stop at the first malformed line instead of skipping and counting it." };

        var command = new Command("import", "Store the trades or klines of Binance dump files and build their bars.") { paths, db, symbol, interval, intervals, strict };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            Symbol? symbolOverride = result.GetValue(symbol) is { } s ? CliValues.ParseSymbol(s) : null;
            Interval? intervalOverride = result.GetValue(interval) is { } i ? CliValues.ParseInterval(i) : null;
            IReadOnlyList<Interval> barIntervals = CliValues.ParseIntervals(result.GetValue(intervals)!);
            List<DumpFileInfo> files = DetectAll(ExpandPaths(result.GetValue(paths)!), symbolOverride, intervalOverride);

            var badLines = new BadLineReporter(BadLinesShown);
            // Large batches: one store transaction per batch, and fewer commits is most of what makes bulk ingest fast.
            var readOptions = new DumpReadOptions { Strict = result.GetValue(strict), OnBadLine = badLines.Report, BatchSize = TradeFileImport.BatchCapacity };
            using ITickStore store = TickStores.Open(result.GetValue(db)!);
            foreach (DumpFileInfo file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ImportResult imported = await WithProgress(file, onProgress => ImportOne(store, file, barIntervals, readOptions, onProgress, cancellationToken));
                Console.Error.WriteLine(Describe(imported));
            }
            return 0;
        }));
        return command;
    }

    private static async Task<ImportResult> ImportOne(ITickStore store, DumpFileInfo file, IReadOnlyList<Interval> intervals, DumpReadOptions options,
        Action<long> onProgress, CancellationToken cancellationToken)
    {
        if (file.Kind == DumpKind.Bars) return new BarFileImport(store, intervals, options).Run(file, onProgress, cancellationToken);
        return await new TradeFileImport(store, intervals, options).RunAsync(file, onProgress, cancellationToken);
    }

    private static Task<ImportResult> WithProgress(DumpFileInfo file, Func<Action<long>, Task<ImportResult>> import) =>
        CliProgress.RunAsync($"importing {Path.GetFileName(file.Path)} ({file.Layout}, {file.Symbol}{(file.Interval is { } iv ? " " + iv : "")})",
            RowEstimate.Rows(file), report => import(rows => report(rows)));

    private static string Describe(ImportResult r)
    {
        double seconds = Math.Max(r.Elapsed.TotalSeconds, 1e-6);
        string rows = r.File.Kind == DumpKind.Bars ? "bars" : "trades";
        return $"tickwise: {Path.GetFileName(r.File.Path)}: {r.Rows:N0} {rows}{(r.NewRows is { } n ? $" ({n:N0} new)" : "")}, {r.BadLines:N0} bad lines, " +
            (r.File.Kind == DumpKind.Bars ? "" : $"{r.LateTrades:N0} late, ") +
            $"{r.BarsWritten:N0} bars written{(r.Rebuilt ? " (span rebuilt from the store)" : "")}, {seconds:F2} s, {r.Rows / seconds:N0} {rows}/s";
    }

    /// <summary>Files as given, and the .csv/.zip files of given directories, in name order (dump names sort by date).</summary>
    private static List<string> ExpandPaths(string[] paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToList();
                if (found.Count == 0) throw new CliException($"{path}: no .csv or .zip files in this directory.");
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path)) files.Add(path);
            else throw new CliException($"{path}: no such file or directory.");
        }
        return files;
    }

    /// <summary>Detects every file's layout before importing any, so that a wrong file stops the import before it starts.</summary>
    private static List<DumpFileInfo> DetectAll(List<string> paths, Symbol? symbol, Interval? interval)
    {
        var files = new List<DumpFileInfo>(paths.Count);
        foreach (string path in paths) files.Add(DumpFile.Detect(path, symbol, interval));
        return files;
    }
}
