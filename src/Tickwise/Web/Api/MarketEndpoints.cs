using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Web.Live;

namespace Tickwise.Web.Api;

/// <summary><c>/api/health</c>, <c>/api/symbols</c>, <c>/api/quotes/latest</c>, <c>/api/book</c>.</summary>
internal static class MarketEndpoints
{
    private static readonly string[] SymbolColumns = ["symbol", "intervals", "first_trade_ms", "last_trade_ms", "trades"];
    private static readonly string[] QuoteColumns = ["symbol", "time", "bid", "bid_qty", "ask", "ask_qty", "mid", "spread", "spread_bps", "last_price"];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapMarketEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Market");
        api.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/health", Health).WithName("GetHealth").WithSummary("Per-symbol feed health, pipeline counters and the store's state.");
        api.MapGet("/symbols", Symbols).WithName("GetSymbols").WithSummary("Stored symbols with their bar intervals, trade time span and trade count (CSV: intervals joined by spaces).");
        api.MapGet("/quotes/latest", LatestQuotes).WithName("GetLatestQuotes").WithSummary("Each symbol's latest best bid/ask and last trade price.");
        api.MapGet("/book", Book).WithName("GetBook").WithSummary("The top of a symbol's local order book (404 when none is kept).");
        return app;
    }

    private static JsonBodyResult Health(WebContext context) =>
        new(writer =>
        {
            writer.WriteStartObject();
            FeedJson.WriteHealth(writer, context.Health.Report());
            writer.WriteEndObject();
        });

    private static IResult Symbols(WebContext context, HttpRequest request)
    {
        bool csv = ResponseFormat.WantsCsv(request);
        ITickStore store = context.Store;
        var rows = new List<(Symbol Symbol, IReadOnlyList<Interval> Intervals, TimeRange? Span, long Trades)>();
        foreach (Symbol symbol in store.ListSymbols()) rows.Add((symbol, store.ListIntervals(symbol), store.TradeTimeSpan(symbol), store.Count(symbol).Trades));
        if (csv)
        {
            return new TableResult(true, "symbols", SymbolColumns, writer =>
            {
                foreach (var row in rows)
                {
                    writer.BeginRow();
                    writer.WriteText(row.Symbol.Value);
                    writer.WriteText(string.Join(' ', row.Intervals));
                    WriteOptional(writer, row.Span?.FromMs);
                    WriteOptional(writer, row.Span?.ToMs - 1);
                    writer.WriteNumber(row.Trades);
                }
            });
        }
        return new JsonBodyResult(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("symbol"u8, row.Symbol.Value);
                writer.WriteStartArray("intervals"u8);
                foreach (Interval interval in row.Intervals) writer.WriteStringValue(interval.ToString());
                writer.WriteEndArray();
                if (row.Span is { } span)
                {
                    writer.WriteNumber("first_trade_ms"u8, span.FromMs);
                    writer.WriteNumber("last_trade_ms"u8, span.ToMs - 1);
                }
                else
                {
                    writer.WriteNull("first_trade_ms"u8);
                    writer.WriteNull("last_trade_ms"u8);
                }
                writer.WriteNumber("trades"u8, row.Trades);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    private static TableResult LatestQuotes(WebContext context, HttpRequest request)
    {
        // Live: the pipeline's latest quotes; serve: no quotes are stored, so the last stored trade stands alone.
        var rows = new List<(Symbol Symbol, Quote? Quote, Price? LastPrice, long? TimeMs)>();
        if (context.Market is { } market)
        {
            foreach (SymbolLatest s in market.Snapshot()) rows.Add((s.Symbol, s.Quote, s.LastPrice, s.Quote?.TimestampMs ?? s.LastTradeMs));
        }
        else
        {
            foreach (Symbol symbol in context.Store.ListSymbols())
            {
                Trade? last = context.Store.LastTradeBefore(symbol, long.MaxValue);
                rows.Add((symbol, null, last?.Price, last?.TimestampMs));
            }
        }
        return TableResult.For(request, "quotes-latest", QuoteColumns, writer =>
        {
            foreach (var row in rows)
            {
                writer.BeginRow();
                writer.WriteText(row.Symbol.Value);
                WriteOptional(writer, row.TimeMs);
                if (row.Quote is { } q)
                {
                    writer.WriteNumber(q.BidPrice.ToString());
                    writer.WriteNumber(q.BidQuantity.ToString());
                    writer.WriteNumber(q.AskPrice.ToString());
                    writer.WriteNumber(q.AskQuantity.ToString());
                    double mid = q.IsValid ? q.MidPrice : double.NaN;
                    writer.WriteDouble(mid);
                    writer.WriteNumber(DecimalText.Format(q.Spread));
                    writer.WriteDouble(mid > 0 ? (double)q.Spread / mid * 10_000 : double.NaN);
                }
                else
                {
                    for (int i = 0; i < 7; i++) writer.WriteDouble(double.NaN);
                }
                if (row.LastPrice is { } p) writer.WriteNumber(p.ToString());
                else writer.WriteDouble(double.NaN);
            }
        });
    }

    private static JsonBodyResult Book(WebContext context, string? symbol, string? depth)
    {
        Symbol sym = QueryValues.Symbol(symbol);
        int levels = QueryValues.Int(depth, "depth", 20, 1, PublishedBooks.MaxDepth);
        BookView book = context.Books?.Book(sym, levels) ?? throw ApiException.NotFound($"No order book is kept for {sym} (books come from depth streams: replay or run --source binance --streams depth).");
        return new JsonBodyResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("symbol"u8, book.Symbol.Value);
            writer.WriteBoolean("synchronized"u8, book.Synchronized);
            writer.WriteNumber("last_update_id"u8, book.LastUpdateId);
            WriteLevels(writer, "bids", book.Bids);
            WriteLevels(writer, "asks", book.Asks);
            JsonValues.Double(writer, "mid", book.Mid);
            writer.WriteEndObject();
        });
    }

    private static void WriteLevels(Utf8JsonWriter writer, string name, BookLevel[] levels)
    {
        writer.WriteStartArray(name);
        foreach (BookLevel level in levels)
        {
            writer.WriteStartArray();
            writer.WriteRawValue(level.Price.ToString(), skipInputValidation: true);
            writer.WriteRawValue(level.Quantity.ToString(), skipInputValidation: true);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static void WriteOptional(Export.TableWriter writer, long? value)
    {
        if (value is { } v) writer.WriteNumber(v);
        else writer.WriteDouble(double.NaN);
    }
}
