using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Tickwise.Backtest;
using Tickwise.Configuration;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Storage;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise backtest</c>: replays stored bars through a strategy with a simulated broker and reports.</summary>
/// <remarks>
/// Fill assumption (see <see cref="BacktestEngine"/>): signal on a bar's close, fill at the next bar's open plus slippage,
/// taker fee. A pair's bars are aligned by open time (minutes one leg lacks are skipped). The report is printed as a table
/// (or JSON with <c>--json</c>), written with trades, equity curve and chart into <c>--out</c>, and stored as a
/// <c>backtest</c> record keyed by a run id that depends only on the inputs (a repeated run replaces it).
/// </remarks>
internal static class BacktestCommand
{
    /// <summary>Most equity points and trades in the stored record, which must stay under the store's size limit.</summary>
    private const int StoredEquityPoints = 2000, StoredTrades = 1000;

    public static Command Create(TickwiseSettings settings)
    {
        var strategy = new Option<string>("--strategy") { Description = $"Strategy: {string.Join(" or ", StrategyCatalog.Names)}.", Required = true };
        var symbols = new Option<string>("--symbols") { Description = "Symbol (crossover) or pair A,B (meanrev: A is hedged by B).", Required = true };
        var interval = new Option<string>("--interval") { Description = "Bar interval.", DefaultValueFactory = _ => "1m" };
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var param = new Option<string[]>("--param") { Description = "Strategy parameters name=value (--param fast=5 slow=20, or --param repeated).", AllowMultipleArgumentsPerToken = true };
        var fees = new Option<decimal>("--fees-bps") { Description = "Taker fee, basis points of the notional.", DefaultValueFactory = _ => 10m };
        var slippage = new Option<decimal>("--slippage-bps") { Description = "Slippage added to the next bar's open, basis points.", DefaultValueFactory = _ => 0m };
        var equity = new Option<decimal>("--equity") { Description = "Starting capital of each variant, quote currency.", DefaultValueFactory = _ => 10_000m };
        var db = CommonOptions.Db(settings);
        var output = new Option<string?>("--out") { Description = "Directory for report.json, trades.csv, equity.csv and equity.html." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };

        var command = new Command("backtest", "Replay stored bars through a strategy with a simulated broker (fill at the next bar's open); report trades, equity, return, Sharpe, drawdown.")
            { strategy, symbols, interval, from, to, param, fees, slippage, equity, db, output, json };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string name = result.GetValue(strategy)!.Trim().ToLowerInvariant();
            IStrategy sut;
            StrategyParameters parameters;
            try { sut = StrategyCatalog.Create(name, result.GetValue(param) ?? [], out parameters); }
            catch (ArgumentException e) { throw new CliException(e.Message); }
            IReadOnlyList<Symbol> list = CliValues.ParseSymbols(result.GetValue(symbols)!);
            if (list.Count != sut.SymbolCount)
                throw new CliException($"The {name} strategy needs {(sut.SymbolCount == 1 ? "one symbol" : $"{sut.SymbolCount} different symbols, A,B")}; --symbols gave {list.Count}: {string.Join(",", list)}.");
            Interval iv = CliValues.ParseInterval(result.GetValue(interval)!);
            TimeRange range = CliValues.ParseRange(result.GetValue(from), result.GetValue(to));
            var options = new BacktestOptions(result.GetValue(fees), result.GetValue(slippage), result.GetValue(equity));
            try { options.Validate(); }
            catch (ArgumentOutOfRangeException e) { throw new CliException($"Backtest options: {e.Message.ReplaceLineEndings(" ")}"); }

            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            var legs = new List<Bar[]>();
            foreach (Symbol symbol in list) legs.Add(StoredBars.Read(store, symbol, iv, range));
            Bar[][] aligned = BarAlignment.Align(legs);
            if (aligned[0].Length == 0) throw new CliException($"{string.Join(" and ", list)} share no {iv} bar open time in that range.");

            BacktestResult report = await CliProgress.RunAsync($"backtest {name} {string.Join(",", list)} {iv}: {aligned[0].Length:N0} bars", aligned[0].Length,
                report => Task.FromResult(new BacktestEngine(options).Run(sut, aligned, done => report(done))));
            string id = BacktestReportJson.Id(report, parameters.Values);
            StoreRecord(store, report, id, parameters.Values);
            if (result.GetValue(output) is { } directory) BacktestFiles.WriteAll(directory, report, id, parameters.Values);
            if (result.GetValue(json))
            {
                using Stream stdout = Console.OpenStandardOutput();
                stdout.Write(BacktestFiles.ReportJson(report, id, parameters.Values, indented: true));
                stdout.Write("\n"u8);
            }
            else WriteTable(report, id);
            return 0;
        }));
        return command;
    }

    /// <summary>Stores the report as a <c>backtest</c> record, trimmed to the record size limit, and returns its JSON.</summary>
    internal static string StoreRecord(ITickStore store, BacktestResult report, string id, IReadOnlyDictionary<string, string> parameters)
    {
        int points = StoredEquityPoints, trades = StoredTrades;
        byte[] json = BacktestFiles.ReportJson(report, id, parameters, indented: false, points, trades);
        while (json.Length > StoredRecord.MaxJsonLength && trades > 0)
        {
            trades /= 2;
            points = Math.Max(2, points / 2);
            json = BacktestFiles.ReportJson(report, id, parameters, indented: false, points, trades);
        }
        string text = Encoding.UTF8.GetString(json);
        store.PutRecords([new StoredRecord("backtest", id, report.ToMs, text)]);
        return text;
    }

    private static void WriteTable(BacktestResult report, string id)
    {
        var table = new Table { Caption = new TableTitle($"{report.Strategy} {string.Join("/", report.Symbols)} {report.Interval}, {report.Equity.Length:N0} bars, run {id}") };
        var books = new List<(string Name, decimal Initial, decimal Final, PerformanceMetrics M, int Trades)> { ("all", report.InitialEquity, report.FinalEquity, report.Metrics, report.Trades.Count) };
        if (report.Variants.Count > 1)
            foreach (BacktestVariantResult v in report.Variants) books.Add((v.Variant, v.InitialEquity, v.FinalEquity, v.Metrics, v.TradeCount));
        table.AddColumn("");
        foreach (var book in books) table.AddColumn(new TableColumn(book.Name).RightAligned());
        void Row(string label, Func<(string Name, decimal Initial, decimal Final, PerformanceMetrics M, int Trades), string> cell) =>
            table.AddRow([label, .. books.Select(cell)]);
        Row("initial equity", b => Money(b.Initial));
        Row("final equity", b => Money(b.Final));
        Row("total return", b => Percent(b.M.TotalReturn));
        Row("sharpe", b => Number(b.M.Sharpe));
        Row("sortino", b => Number(b.M.Sortino));
        Row("max drawdown", b => Percent(b.M.MaxDrawdown));
        Row("win rate", b => Percent(b.M.WinRate));
        Row("profit factor", b => Number(b.M.ProfitFactor));
        Row("exposure", b => Percent(b.M.Exposure));
        Row("turnover", b => Number(b.M.Turnover));
        Row("trades", b => b.Trades.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    private static string Money(decimal value) => Math.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("P2", CultureInfo.InvariantCulture) : "-";

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
