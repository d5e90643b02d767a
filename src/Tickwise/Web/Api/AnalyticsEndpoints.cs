using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Web.Analysis;

namespace Tickwise.Web.Api;

/// <summary><c>/api/stats</c>, <c>/api/correlation</c>, <c>/api/indicators</c>: statistics of stored bars.</summary>
internal static class AnalyticsEndpoints
{
    private static readonly string[] StatsColumns = ["interval", "bars", "last", "mean", "std_dev", "min", "max", "return", "volume", "trades"];
    private const int MaxSymbols = 64;
    private const int MaxPeriod = 1_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Analytics");
        api.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/stats", Stats).WithName("GetStats")
            .WithSummary("Per interval, over the latest `window` bars: last close, mean, standard deviation, min, max, return, volume, trades.");
        api.MapGet("/correlation", CorrelationMatrixOf).WithName("GetCorrelation")
            .WithSummary("Pearson correlation matrix of the symbols' log returns over the latest `window` bars they share (CSV: one row per symbol).");
        api.MapGet("/indicators", Indicators).WithName("GetIndicators")
            .WithSummary("SMA and EMA lines, support/resistance levels and crossovers over the latest `limit` bars (CSV: the lines per bar).");
        return app;
    }

    private static TableResult Stats(WebContext context, HttpRequest request, string? symbol, string? intervals, string? interval, string? window)
    {
        IReadOnlyList<Interval> list = QueryValues.IntervalList(intervals ?? interval, WebContext.DefaultStatsIntervals);
        int bars = QueryValues.Int(window, "window", 100, 1, QueryValues.MaxLimit);
        bool csv = ResponseFormat.WantsCsv(request);
        Symbol sym = QueryValues.KnownSymbol(context.Store, symbol);
        var rows = new List<(Interval Interval, BarWindowSummary Summary)>();
        foreach (Interval iv in list) rows.Add((iv, BarWindowStatistics.Compute(StoredSeries.Bars(context.Store, sym, iv, null, null, bars))));
        return new TableResult(csv, $"stats-{sym}-{string.Join('_', list)}", StatsColumns, writer =>
        {
            foreach (var (iv, s) in rows)
            {
                writer.BeginRow();
                writer.WriteText(iv.ToString());
                writer.WriteNumber(s.Count);
                writer.WriteDouble(s.LastPrice);
                writer.WriteDouble(s.Mean);
                writer.WriteDouble(s.StdDev);
                writer.WriteDouble(s.Min);
                writer.WriteDouble(s.Max);
                writer.WriteDouble(s.Return);
                writer.WriteNumber(DecimalText.Format(s.Volume));
                writer.WriteNumber(s.TradeCount);
            }
        });
    }

    private static IResult CorrelationMatrixOf(WebContext context, HttpRequest request, string? symbols, string? interval, string? window)
    {
        Interval iv = QueryValues.Interval(interval, Interval.OneHour);
        int bars = QueryValues.Int(window, "window", 100, CorrelationMatrix.MinimumBars, QueryValues.MaxLimit);
        bool csv = ResponseFormat.WantsCsv(request);
        IReadOnlyList<Symbol> list = QueryValues.SymbolList(symbols, "symbols", MaxSymbols) ?? WithBars(context, iv);
        foreach (Symbol s in list) QueryValues.KnownSymbol(context.Store, s.Value, "symbols");
        var perSymbol = new List<Bar[]>(list.Count);
        foreach (Symbol s in list) perSymbol.Add(StoredSeries.Bars(context.Store, s, iv, null, null, bars));
        CorrelationMatrix result = CorrelationMatrix.Compute(perSymbol, bars);
        if (csv)
        {
            string[] columns = ["symbol", .. list.Select(s => s.Value)];
            return new TableResult(true, $"correlation-{iv}", columns, writer =>
            {
                for (int i = 0; i < list.Count; i++)
                {
                    writer.BeginRow();
                    writer.WriteText(list[i].Value);
                    for (int j = 0; j < list.Count; j++) writer.WriteDouble(result.Matrix[i, j]);
                }
            });
        }
        return new JsonBodyResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("symbols"u8);
            foreach (Symbol s in list) w.WriteStringValue(s.Value);
            w.WriteEndArray();
            w.WriteString("interval"u8, iv.ToString());
            w.WriteNumber("window"u8, bars);
            w.WriteNumber("n"u8, result.Bars);
            w.WriteStartArray("matrix"u8);
            for (int i = 0; i < list.Count; i++)
            {
                w.WriteStartArray();
                for (int j = 0; j < list.Count; j++) JsonValues.DoubleValue(w, result.Matrix[i, j]);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static List<Symbol> WithBars(WebContext context, Interval interval)
    {
        var list = new List<Symbol>();
        foreach (Symbol s in context.Store.ListSymbols())
        {
            if (context.Store.ListIntervals(s).Contains(interval)) list.Add(s);
            if (list.Count == MaxSymbols) break;
        }
        return list;
    }

    private static IResult Indicators(WebContext context, HttpRequest request, string? symbol, string? interval, string? sma, string? ema, string? limit)
    {
        Interval iv = QueryValues.Interval(interval, Interval.OneMinute);
        IReadOnlyList<int> smaPeriods = QueryValues.IntList(sma, "sma", 1, MaxPeriod), emaPeriods = QueryValues.IntList(ema, "ema", 1, MaxPeriod);
        if (sma is null && ema is null) smaPeriods = [20];
        int shown = QueryValues.Int(limit, "limit", 500, 1, QueryValues.MaxLimit);
        bool csv = ResponseFormat.WantsCsv(request);
        Symbol sym = QueryValues.KnownSymbol(context.Store, symbol);
        int warmUp = Math.Max(smaPeriods.DefaultIfEmpty(0).Max(), emaPeriods.DefaultIfEmpty(0).Max());
        Bar[] bars = StoredSeries.Bars(context.Store, sym, iv, null, null, shown + warmUp);
        IndicatorSeries series = IndicatorSeries.Compute(bars, shown, smaPeriods, emaPeriods);
        if (csv)
        {
            string[] columns = ["open_time", .. series.Sma.Select(l => $"sma_{l.Period}"), .. series.Ema.Select(l => $"ema_{l.Period}")];
            return new TableResult(true, $"indicators-{sym}-{iv}", columns, writer =>
            {
                for (int i = 0; i < series.OpenTimes.Length; i++)
                {
                    writer.BeginRow();
                    writer.WriteNumber(series.OpenTimes[i]);
                    foreach (var (_, values) in series.Sma) writer.WriteDouble(values[i]);
                    foreach (var (_, values) in series.Ema) writer.WriteDouble(values[i]);
                }
            });
        }
        return new JsonBodyResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("open_times"u8);
            foreach (long t in series.OpenTimes) w.WriteNumberValue(t);
            w.WriteEndArray();
            WriteLines(w, "sma", series.Sma);
            WriteLines(w, "ema", series.Ema);
            w.WriteStartArray("levels"u8);
            foreach (PriceLevel level in series.Levels)
            {
                w.WriteStartObject();
                JsonValues.Double(w, "price", level.Price);
                w.WriteString("kind"u8, level.Kind == LevelKind.Support ? "support" : "resistance");
                w.WriteNumber("touches"u8, level.Touches);
                JsonValues.Double(w, "strength", level.Strength);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("crosses"u8);
            foreach (IndicatorCross cross in series.Crosses)
            {
                w.WriteStartObject();
                w.WriteNumber("time"u8, cross.TimeMs);
                w.WriteString("direction"u8, cross.Up ? "up" : "down");
                JsonValues.Price(w, "price", cross.Price);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteLines(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<(int Period, double[] Values)> lines)
    {
        w.WriteStartObject(name);
        foreach (var (period, values) in lines)
        {
            w.WriteStartArray(period.ToString(CultureInfo.InvariantCulture));
            foreach (double v in values) JsonValues.DoubleValue(w, v);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
