using System.CommandLine;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Export;
using Tickwise.Storage;
using Tickwise.Web.Analysis;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise export pair</c>: the per-bar pair series (prices, hedge ratio, spread, z-score, correlation).</summary>
/// <remarks>
/// The series is what <see cref="PairAnalytics"/> returns at each bar close the two symbols share, fed from the first
/// shared bar in the range: statistics are empty until their windows fill. Leg A is regressed on leg B.
/// </remarks>
internal static class ExportPairCommand
{
    /// <summary>Column names in order.</summary>
    public static IReadOnlyList<string> Columns => PairSeries.Columns;

    public static Command Create(TickwiseSettings settings)
    {
        var a = new Option<string>("--a") { Description = "Leg A, the hedged symbol.", Required = true };
        var b = new Option<string>("--b") { Description = "Leg B, the hedging symbol.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Bar interval.", DefaultValueFactory = _ => "1m" };
        var window = new Option<int>("--window") { Description = "Bars in the regression window.", DefaultValueFactory = _ => 240 };
        var zWindow = new Option<int>("--zscore-window") { Description = "Bars in the spread's z-score window.", DefaultValueFactory = _ => 60 };
        var hedge = new Option<string>("--hedge") { Description = "Hedge ratio method for the spread: WindowOls, RollingOls, Huber, TheilSen or Kalman.", DefaultValueFactory = _ => nameof(HedgeMethod.WindowOls) };
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var db = CommonOptions.Db(settings);
        var output = new Option<string>("--out") { Description = "Output file, or - for stdout.", DefaultValueFactory = _ => "-" };
        var format = CommonOptions.Format();

        var command = new Command("pair", "Write the per-bar pair series: open_time, price_a, price_b, hedge_ratio, spread, zscore, correlation.")
            { a, b, interval, window, zWindow, hedge, from, to, db, output, format };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            ExportFormat tableFormat = CliValues.ParseChoice<ExportFormat>(result.GetValue(format)!, "--format");
            Symbol symbolA = CliValues.ParseSymbol(result.GetValue(a)!), symbolB = CliValues.ParseSymbol(result.GetValue(b)!);
            if (symbolA == symbolB) throw new CliException($"--a and --b are both {symbolA}: a pair needs two symbols.");
            Interval iv = CliValues.ParseInterval(result.GetValue(interval)!);
            TimeRange range = CliValues.ParseRange(result.GetValue(from), result.GetValue(to));
            var options = new PairAnalyticsOptions { BarInterval = iv, WindowBars = result.GetValue(window), ZScoreBars = result.GetValue(zWindow), SpreadMethod = CliValues.ParseChoice<HedgeMethod>(result.GetValue(hedge)!, "--hedge") };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new CliException($"Pair options: {e.Message}"); }

            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            Bar[] barsA = StoredBars.Read(store, symbolA, iv, range), barsB = StoredBars.Read(store, symbolB, iv, range);
            List<PairSeriesRow> rows = PairSeries.Compute(symbolA, symbolB, barsA, barsB, options);
            string target = result.GetValue(output)!;
            using Stream stream = target == "-" ? Console.OpenStandardOutput() : File.Create(target);
            using var writer = new TableWriter(stream, tableFormat, Columns);
            foreach (PairSeriesRow row in rows)
            {
                var (hedgeRatio, spread, zScore, correlation) = PairSeries.Values(row, options.SpreadMethod);
                writer.BeginRow();
                writer.WriteNumber(row.OpenTimeMs);
                writer.WriteNumber(row.CloseA.ToString());
                writer.WriteNumber(row.CloseB.ToString());
                writer.WriteDouble(hedgeRatio);
                writer.WriteDouble(spread);
                writer.WriteDouble(zScore);
                writer.WriteDouble(correlation);
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
