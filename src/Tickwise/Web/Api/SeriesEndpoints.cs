using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Market;
using Tickwise.Web.Analysis;

namespace Tickwise.Web.Api;

/// <summary><c>/api/bars</c> and <c>/api/trades</c>: stored rows in a range, or the latest N.</summary>
internal static class SeriesEndpoints
{
    /// <summary>The bar row's columns, as the contract names them.</summary>
    public static IReadOnlyList<string> BarColumns { get; } = ["open_time", "open", "high", "low", "close", "volume", "quote_volume", "taker_buy_volume", "trades"];

    /// <summary>The trade row's columns.</summary>
    public static IReadOnlyList<string> TradeColumns { get; } = ["id", "time", "price", "quantity", "side"];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSeriesEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Series");
        api.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/bars", Bars).WithName("GetBars")
            .WithSummary("A symbol's bars, oldest first: from..to, or the latest `limit` (default 1000, at most 100000) when from is absent.");
        api.MapGet("/trades", Trades).WithName("GetTrades")
            .WithSummary("A symbol's trades by id: from..to, or the latest `limit` (default 1000, at most 100000) when from is absent.");
        return app;
    }

    private static BarRowsResult Bars(WebContext context, HttpRequest request, string? symbol, string? interval, string? from, string? to, string? limit)
    {
        Interval iv = QueryValues.Interval(interval, Interval.OneMinute);
        (long? fromMs, long? toMs) = QueryValues.Range(from, to);
        int count = QueryValues.Int(limit, "limit", 1000, 1, QueryValues.MaxLimit);
        bool csv = ResponseFormat.WantsCsv(request);
        Symbol sym = QueryValues.KnownSymbol(context.Store, symbol);
        return new BarRowsResult(csv, $"bars-{sym}-{iv}", BarStream.Open(context.Store, sym, iv, fromMs, toMs, count));
    }

    private static TableResult Trades(WebContext context, HttpRequest request, string? symbol, string? from, string? to, string? limit)
    {
        (long? fromMs, long? toMs) = QueryValues.Range(from, to);
        int count = QueryValues.Int(limit, "limit", 1000, 1, QueryValues.MaxLimit);
        bool csv = ResponseFormat.WantsCsv(request);
        Symbol sym = QueryValues.KnownSymbol(context.Store, symbol);
        Trade[] trades = StoredSeries.Trades(context.Store, sym, fromMs, toMs, count);
        return new TableResult(csv, $"trades-{sym}", TradeColumns, writer =>
        {
            foreach (Trade trade in trades)
            {
                writer.BeginRow();
                writer.WriteNumber(trade.Id);
                writer.WriteNumber(trade.TimestampMs);
                writer.WriteNumber(trade.Price.ToString());
                writer.WriteNumber(trade.Quantity.ToString());
                writer.WriteText(JsonValues.Side(trade.AggressorSide));
            }
        });
    }
}
