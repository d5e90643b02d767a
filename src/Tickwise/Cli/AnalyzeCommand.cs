using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tickwise.Configuration;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Web.Analysis;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise analyze stats|correlation|pair</c>: statistics of stored bars, as a table or JSON.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var analyze = new Command("analyze", "Statistics of stored bars.");
        analyze.Subcommands.Add(CreateStats(settings));
        analyze.Subcommands.Add(CreateCorrelation(settings));
        analyze.Subcommands.Add(AnalyzePairCommand.Create(settings));
        return analyze;
    }

    private static Option<int> Window(int defaultBars) => new("--window") { Description = $"Bars in the window (the latest ones). Default: {defaultBars}.", DefaultValueFactory = _ => defaultBars };

    private static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table." };

    private static Command CreateStats(TickwiseSettings settings)
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol, such as BTCUSDT.", Required = true };
        var intervals = new Option<string>("--interval") { Description = "Interval, or a comma-separated list (1m,5m,1h).", DefaultValueFactory = _ => "1m" };
        var window = Window(60);
        var db = CommonOptions.Db(settings);
        var json = Json();
        var command = new Command("stats", "Last price, mean, standard deviation, min, max, return, volume and trade count over the latest bars, per interval.") { symbol, intervals, window, db, json };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            Symbol sym = CliValues.ParseSymbol(result.GetValue(symbol)!);
            IReadOnlyList<Interval> list = CliValues.ParseIntervals(result.GetValue(intervals)!);
            int bars = PositiveWindow(result.GetValue(window), minimum: 1);
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            var summaries = new List<BarWindowSummary>();
            foreach (Interval interval in list)
            {
                Bar[] all = StoredBars.Read(store, sym, interval, TimeRange.All);
                summaries.Add(BarWindowStatistics.Compute(all.AsSpan(Math.Max(0, all.Length - bars))));
            }
            if (result.GetValue(json)) WriteStatsJson(summaries);
            else WriteStatsTable(summaries);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateCorrelation(TickwiseSettings settings)
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols (at least two).", Required = true };
        var interval = new Option<string>("--interval") { Description = "Interval of the bars.", DefaultValueFactory = _ => "1h" };
        var window = Window(500);
        var db = CommonOptions.Db(settings);
        var json = Json();
        var command = new Command("correlation", "Pearson correlation matrix of the symbols' log returns over the latest bars they share.") { symbols, interval, window, db, json };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            IReadOnlyList<Symbol> list = CliValues.ParseSymbols(result.GetValue(symbols)!);
            if (list.Count < 2) throw new CliException("--symbols: give at least two symbols to correlate.");
            Interval iv = CliValues.ParseInterval(result.GetValue(interval)!);
            int bars = PositiveWindow(result.GetValue(window), minimum: 3);
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            var perSymbol = list.Select(s => StoredBars.Read(store, s, iv, TimeRange.All)).ToList();
            CorrelationMatrix correlation = CorrelationMatrix.Compute(perSymbol, bars);
            if (correlation.Bars < CorrelationMatrix.MinimumBars) throw new CliException($"The symbols share only {correlation.Bars} {iv} bars; a correlation needs at least 3.");
            int take = correlation.Bars;
            double[,] matrix = correlation.Matrix;
            if (result.GetValue(json)) WriteMatrixJson(list, iv, take, correlation.FromOpenTimeMs, correlation.ToOpenTimeMs, matrix);
            else WriteMatrixTable(list, iv, take, matrix);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static int PositiveWindow(int bars, int minimum) =>
        bars >= minimum ? bars : throw new CliException($"--window {bars}: give at least {minimum} bars.");

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NaN";

    private static void WriteStatsTable(List<BarWindowSummary> summaries)
    {
        var table = new Table().AddColumns("interval", "bars", "from", "last", "mean", "std dev", "min", "max", "return", "volume", "trades");
        foreach (BarWindowSummary s in summaries)
        {
            table.AddRow(s.Interval.ToString(), s.Count.ToString(CultureInfo.InvariantCulture), Timestamps.ToIso(s.FirstOpenTimeMs), Number(s.LastPrice), s.Mean.ToString("G10", CultureInfo.InvariantCulture),
                s.StdDev.ToString("G6", CultureInfo.InvariantCulture), Number(s.Min), Number(s.Max), s.Return.ToString("P3", CultureInfo.InvariantCulture),
                DecimalText.Format(s.Volume), s.TradeCount.ToString(CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
    }

    private static void WriteStatsJson(List<BarWindowSummary> summaries)
    {
        using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (BarWindowSummary s in summaries)
        {
            writer.WriteStartObject();
            writer.WriteString("symbol", s.Symbol.Value);
            writer.WriteString("interval", s.Interval.ToString());
            writer.WriteNumber("bars", s.Count);
            writer.WriteNumber("first_open_time", s.FirstOpenTimeMs);
            writer.WriteNumber("last_open_time", s.LastOpenTimeMs);
            WriteDouble(writer, "last_price", s.LastPrice);
            WriteDouble(writer, "mean", s.Mean);
            WriteDouble(writer, "std_dev", s.StdDev);
            WriteDouble(writer, "min", s.Min);
            WriteDouble(writer, "max", s.Max);
            WriteDouble(writer, "return", s.Return);
            writer.WritePropertyName("volume");
            writer.WriteRawValue(DecimalText.Format(s.Volume));
            writer.WritePropertyName("quote_volume");
            writer.WriteRawValue(DecimalText.Format(s.QuoteVolume));
            writer.WriteNumber("trades", s.TradeCount);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteMatrixTable(IReadOnlyList<Symbol> symbols, Interval interval, int bars, double[,] matrix)
    {
        var table = new Table { Caption = new TableTitle($"Pearson correlation of {interval} log returns, latest {bars} shared bars") };
        table.AddColumn("");
        foreach (Symbol s in symbols) table.AddColumn(s.Value);
        for (int i = 0; i < symbols.Count; i++)
        {
            var row = new List<string> { symbols[i].Value };
            for (int j = 0; j < symbols.Count; j++) row.Add(double.IsFinite(matrix[i, j]) ? matrix[i, j].ToString("F4", CultureInfo.InvariantCulture) : "NaN");
            table.AddRow(row.ToArray());
        }
        AnsiConsole.Write(table);
    }

    private static void WriteMatrixJson(IReadOnlyList<Symbol> symbols, Interval interval, int bars, long fromMs, long toMs, double[,] matrix)
    {
        using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("interval", interval.ToString());
        writer.WriteNumber("bars", bars);
        writer.WriteNumber("from_open_time", fromMs);
        writer.WriteNumber("to_open_time", toMs);
        writer.WriteStartArray("symbols");
        foreach (Symbol s in symbols) writer.WriteStringValue(s.Value);
        writer.WriteEndArray();
        writer.WriteStartArray("matrix");
        for (int i = 0; i < symbols.Count; i++)
        {
            writer.WriteStartArray();
            for (int j = 0; j < symbols.Count; j++)
            {
                if (double.IsFinite(matrix[i, j])) writer.WriteNumberValue(matrix[i, j]);
                else writer.WriteNullValue();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a double, or null where it is not a number (JSON has no NaN).</summary>
    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }
}
