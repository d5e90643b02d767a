using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tickwise.Web.Api;
using Spectre.Console;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;
using Tickwise.Storage;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise analyze pair</c>: hedge ratio, spread, z-score, ADF, half-life and correlation of two symbols
/// over the latest N bars they share (<see cref="PairWindowAnalysis"/>).</summary>
internal static class AnalyzePairCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var a = new Option<string>("--a") { Description = "Leg A, the hedged symbol.", Required = true };
        var b = new Option<string>("--b") { Description = "Leg B, the hedging symbol.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Bar interval.", DefaultValueFactory = _ => "1m" };
        var window = new Option<int?>("--window") { Description = "The latest N bars the symbols share; default: all of them." };
        var hedge = new Option<string>("--hedge") { Description = "Hedge ratio method: ols, huber, theilsen or kalman.", DefaultValueFactory = _ => "ols" };
        var adfRegression = new Option<string>("--adf-regression") { Description = "ADF deterministic terms: n (none), c (constant), ct (constant and trend), ctt.", DefaultValueFactory = _ => "c" };
        var adfLags = new Option<string>("--adf-lags") { Description = "ADF lags: aic, bic (automatic up to Schwert's maximum) or a fixed number.", DefaultValueFactory = _ => "aic" };
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var db = CommonOptions.Db(settings);
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("pair", "Hedge ratio, spread, z-score, ADF test, half-life and correlation of two symbols over the latest bars they share.")
            { a, b, interval, window, hedge, adfRegression, adfLags, from, to, db, json };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            Symbol symbolA = CliValues.ParseSymbol(result.GetValue(a)!), symbolB = CliValues.ParseSymbol(result.GetValue(b)!);
            if (symbolA == symbolB) throw new CliException($"--a and --b are both {symbolA}: a pair needs two symbols.");
            Interval iv = CliValues.ParseInterval(result.GetValue(interval)!);
            TimeRange range = CliValues.ParseRange(result.GetValue(from), result.GetValue(to));
            int? bars = result.GetValue(window);
            if (bars is < 3) throw new CliException($"--window {bars}: give at least 3 bars.");
            HedgeMethod method = ParseHedge(result.GetValue(hedge)!);
            AdfRegression regression = ParseRegression(result.GetValue(adfRegression)!);
            (int? maxLag, AdfLagSelection selection) = ParseLags(result.GetValue(adfLags)!);

            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            Bar[] barsA = StoredBars.Read(store, symbolA, iv, range), barsB = StoredBars.Read(store, symbolB, iv, range);
            (long[] times, double[][] closes) = StoredBars.AlignCloses([barsA, barsB]);
            int take = Math.Min(bars ?? times.Length, times.Length);
            if (take < 3) throw new CliException($"{symbolA} and {symbolB} share {times.Length} {iv} bars in the range; a pair analysis needs at least 3.");
            int skip = times.Length - take;
            int lagCap = take / 2 - DeterministicTerms(regression) - 1;
            if (maxLag > lagCap) throw new CliException($"--adf-lags {maxLag}: {take} bars allow at most {Math.Max(0, lagCap)} lags with --adf-regression {result.GetValue(adfRegression)}.");
            PairWindowResult analysis;
            try
            {
                analysis = PairWindowAnalysis.Analyze(closes[0].AsSpan(skip), closes[1].AsSpan(skip), method, regression, maxLag, selection);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliException($"--adf-lags: {e.Message.Split(Environment.NewLine)[0]}", e);
            }
            if (result.GetValue(json)) WriteJson(analysis);
            else WriteTable(symbolA, symbolB, iv, times[skip], times[^1], analysis);
            return Task.FromResult(0);
        }));
        return command;
    }

    internal static HedgeMethod ParseHedge(string text) => text.Trim().ToLowerInvariant() switch
    {
        "ols" or "windowols" => HedgeMethod.WindowOls,
        "rollingols" => HedgeMethod.RollingOls,
        "huber" => HedgeMethod.Huber,
        "theilsen" or "theil-sen" => HedgeMethod.TheilSen,
        "kalman" => HedgeMethod.Kalman,
        _ => throw new CliException($"--hedge {text}: choose ols, huber, theilsen or kalman."),
    };

    private static AdfRegression ParseRegression(string text) => text.Trim().ToLowerInvariant() switch
    {
        "n" or "none" => AdfRegression.None,
        "c" or "constant" => AdfRegression.Constant,
        "ct" or "trend" => AdfRegression.ConstantTrend,
        "ctt" => AdfRegression.ConstantQuadraticTrend,
        _ => throw new CliException($"--adf-regression {text}: choose n, c, ct or ctt."),
    };

    private static int DeterministicTerms(AdfRegression regression) => regression switch
    {
        AdfRegression.None => 0,
        AdfRegression.Constant => 1,
        AdfRegression.ConstantTrend => 2,
        _ => 3,
    };

    private static (int? MaxLag, AdfLagSelection Selection) ParseLags(string text)
    {
        string trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "aic") return (null, AdfLagSelection.Aic);
        if (trimmed == "bic") return (null, AdfLagSelection.Bic);
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int lags) && lags <= 1000) return (lags, AdfLagSelection.Fixed);
        throw new CliException($"--adf-lags {text}: give aic, bic or a number of lags from 0 to 1000.");
    }

    private static void WriteJson(PairWindowResult r)
    {
        using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("n", r.Observations);
        JsonValues.Double(writer, "hedge_ratio", r.HedgeRatio);
        JsonValues.Double(writer, "intercept", r.Intercept);
        JsonValues.Double(writer, "r_squared", r.RSquared);
        JsonValues.Double(writer, "spread_last", r.SpreadLast);
        JsonValues.Double(writer, "zscore_last", r.ZScoreLast);
        JsonValues.Double(writer, "adf_stat", r.Adf.Statistic);
        JsonValues.Double(writer, "adf_pvalue", r.Adf.PValue);
        if (r.Adf.Status == StatisticStatus.Ok) writer.WriteNumber("adf_lags", r.Adf.UsedLag);
        else writer.WriteNull("adf_lags");
        writer.WriteStartObject("adf_crit");
        JsonValues.Double(writer, "1%", r.Adf.CriticalValue1);
        JsonValues.Double(writer, "5%", r.Adf.CriticalValue5);
        JsonValues.Double(writer, "10%", r.Adf.CriticalValue10);
        writer.WriteEndObject();
        JsonValues.Double(writer, "half_life", r.HalfLife.HalfLife);
        JsonValues.Double(writer, "correlation", r.Correlation);
        writer.WriteEndObject();
        writer.Flush();
        Console.Out.WriteLine();
    }


    private static void WriteTable(Symbol a, Symbol b, Interval interval, long fromMs, long toMs, PairWindowResult r)
    {
        static string F(double v) => double.IsFinite(v) ? v.ToString("G10", CultureInfo.InvariantCulture) : "n/a";
        var table = new Table().AddColumns("statistic", "value");
        table.AddRow("pair", $"{a} on {b}, {interval}, {r.Observations} bars {Timestamps.ToIso(fromMs)} .. {Timestamps.ToIso(toMs)}");
        table.AddRow("hedge", r.Status == StatisticStatus.Ok ? $"{r.Method}: ratio {F(r.HedgeRatio)}, intercept {F(r.Intercept)}, R² {F(r.RSquared)}" : $"{r.Method}: undefined ({r.Reason})");
        table.AddRow("spread", $"last {F(r.SpreadLast)}, z-score {F(r.ZScoreLast)}");
        table.AddRow("ADF (OLS spread)", r.Adf.Status == StatisticStatus.Ok
            ? $"{F(r.Adf.Statistic)}, p {F(r.Adf.PValue)}, {r.Adf.UsedLag} lags; 1% {F(r.Adf.CriticalValue1)}, 5% {F(r.Adf.CriticalValue5)}, 10% {F(r.Adf.CriticalValue10)}"
            : $"undefined ({r.Adf.Reason})");
        table.AddRow("half-life", r.HalfLife.Status == StatisticStatus.Ok ? $"{F(r.HalfLife.HalfLife)} bars" : $"undefined ({r.HalfLife.Reason})");
        table.AddRow("correlation (log returns)", F(r.Correlation));
        AnsiConsole.Write(table);
    }
}
