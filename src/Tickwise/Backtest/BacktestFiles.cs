using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Tickwise.Core.Backtest;
using Tickwise.Core.Trading;

namespace Tickwise.Backtest;

/// <summary>Writes a backtest's files: report.json, trades.csv, equity.csv and a self-contained equity.html chart.</summary>
/// <remarks>Everything is culture-invariant and depends only on the result, so a repeated run writes identical bytes.</remarks>
internal static class BacktestFiles
{
    /// <summary>Most points drawn in the chart (evenly spaced, first and last kept).</summary>
    public const int ChartPoints = 2000;

    /// <summary>Returns the report as UTF-8 JSON bytes (indented when asked).</summary>
    public static byte[] ReportJson(BacktestResult result, string id, IReadOnlyDictionary<string, string> parameters,
        bool indented, int maxEquityPoints = int.MaxValue, int maxTrades = int.MaxValue)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            BacktestReportJson.Write(writer, result, id, parameters, maxEquityPoints, maxTrades);
        return buffer.ToArray();
    }

    /// <summary>Writes report.json, trades.csv, equity.csv and equity.html into <paramref name="directory"/> (created if needed).</summary>
    public static void WriteAll(string directory, BacktestResult result, string id, IReadOnlyDictionary<string, string> parameters)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "report.json"), ReportJson(result, id, parameters, indented: true));
        File.WriteAllText(Path.Combine(directory, "trades.csv"), TradesCsv(result));
        File.WriteAllText(Path.Combine(directory, "equity.csv"), EquityCsv(result));
        File.WriteAllText(Path.Combine(directory, "equity.html"), EquityHtml(result, id));
    }

    /// <summary>Returns the trades as CSV with a header row.</summary>
    public static string TradesCsv(BacktestResult result)
    {
        var csv = new StringBuilder("variant,symbol,entry_time,exit_time,side,quantity,entry_price,exit_price,pnl,return\n");
        foreach (BacktestTrade t in result.Trades)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{t.Variant},{t.Symbol},{t.EntryTimeMs},{t.ExitTimeMs},{(t.Side == OrderSide.Buy ? "buy" : "sell")},");
            csv.Append(CultureInfo.InvariantCulture, $"{BacktestReportJson.Money(t.Quantity)},{BacktestReportJson.Money(t.EntryPrice)},{BacktestReportJson.Money(t.ExitPrice)},");
            csv.Append(CultureInfo.InvariantCulture, $"{BacktestReportJson.Money(t.Pnl)},{((double)t.Return).ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        return csv.ToString();
    }

    /// <summary>Returns the equity curve as CSV (time = bar close, Unix ms).</summary>
    public static string EquityCsv(BacktestResult result)
    {
        var csv = new StringBuilder("time,equity\n");
        for (int i = 0; i < result.Equity.Length; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{result.EquityTimesMs[i]},{BacktestReportJson.Money(result.Equity[i])}\n");
        return csv.ToString();
    }

    /// <summary>Returns an HTML page drawing the equity curve as inline SVG: no script, no external resource.</summary>
    public static string EquityHtml(BacktestResult result, string id)
    {
        const double width = 1000, height = 400, pad = 50;
        int n = result.Equity.Length, points = Math.Min(n, ChartPoints);
        double min = double.MaxValue, max = double.MinValue;
        foreach (decimal e in result.Equity) { min = Math.Min(min, (double)e); max = Math.Max(max, (double)e); }
        if (max <= min) { max = min + 1; }
        long t0 = result.EquityTimesMs[0], t1 = Math.Max(result.EquityTimesMs[^1], t0 + 1);
        var path = new StringBuilder();
        for (int p = 0; p < points; p++)
        {
            int i = points == n ? p : (int)((long)p * (n - 1) / (points - 1));
            double x = pad + (result.EquityTimesMs[i] - t0) / (double)(t1 - t0) * (width - 2 * pad);
            double y = height - pad - ((double)result.Equity[i] - min) / (max - min) * (height - 2 * pad);
            path.Append(CultureInfo.InvariantCulture, $"{(p == 0 ? "" : " ")}{x:0.##},{y:0.##}");
        }
        string title = WebUtility.HtmlEncode($"{result.Strategy} {string.Join('/', result.Symbols)} {result.Interval} ({id})");
        string from = DateTimeOffset.FromUnixTimeMilliseconds(result.FromMs).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        string to = DateTimeOffset.FromUnixTimeMilliseconds(result.ToMs).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        var m = result.Metrics;
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"final equity {BacktestReportJson.Money(result.FinalEquity)} of {BacktestReportJson.Money(result.InitialEquity)}, return {m.TotalReturn:P2}, max drawdown {m.MaxDrawdown:P2}, sharpe {m.Sharpe:0.###}, trades {result.Trades.Count}");
        return string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
            <style>body{"{"}font-family:sans-serif;margin:2em{"}"} svg{"{"}background:#fafafa;border:1px solid #ddd{"}"}</style></head>
            <body><h1>{title}</h1><p>{WebUtility.HtmlEncode(summary)}</p>
            <svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="equity curve">
            <line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#999"/>
            <line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#999"/>
            <text x="{pad}" y="{height - pad + 20}" font-size="12">{from}</text>
            <text x="{width - pad}" y="{height - pad + 20}" font-size="12" text-anchor="end">{to}</text>
            <text x="{pad - 5}" y="{pad}" font-size="12" text-anchor="end">{max:0.##}</text>
            <text x="{pad - 5}" y="{height - pad}" font-size="12" text-anchor="end">{min:0.##}</text>
            <polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="{path}"/>
            </svg></body></html>

            """);
    }
}
