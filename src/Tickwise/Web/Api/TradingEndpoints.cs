using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tickwise.Backtest;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Storage;
using Tickwise.Trading;

namespace Tickwise.Web.Api;

/// <summary><c>/api/signals</c>, <c>/api/orders</c> (list, place with the pipeline's paper or testnet broker, cancel), <c>/api/positions</c>
/// and <c>/api/backtests</c> (list, run one on stored bars).</summary>
/// <remarks>Lists read the store's records (the contract's JSON, newest first); placing and cancelling need the running
/// pipeline's broker (<c>tickwise run</c>), and answer 503 without one. An order the broker refuses (non-positive
/// quantity, unknown symbol, a filter; or the testnet exchange, with Binance's code) is 422 with the reason. With the
/// testnet broker an order or cancel the exchange has not answered within the desk's wait is returned as it stands
/// (a cancel then with 202 Accepted).</remarks>
internal static class TradingEndpoints
{
    private const int MaxListed = 10_000;
    private static readonly string[] SignalColumns = ["id", "time", "strategy", "variant", "symbol", "side", "strength", "price", "reason"];
    private static readonly string[] OrderColumns = ["id", "client_order_id", "time", "symbol", "side", "type", "quantity", "price", "status", "filled_quantity", "average_price", "fee", "broker", "strategy", "reject_reason"];
    private static readonly string[] PositionColumns = ["strategy", "variant", "symbol", "quantity", "average_price", "realized_pnl", "unrealized_pnl", "last_price", "opened_ms"];
    private static readonly string[] BacktestColumns = ["id", "strategy", "symbols", "interval", "from_ms", "to_ms", "total_return", "sharpe", "sortino", "max_drawdown", "win_rate", "profit_factor", "exposure", "turnover"];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTradingEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Trading");
        api.MapGet("/signals", Signals).WithName("GetSignals").WithSummary("Strategy signals, newest first; filter by symbol and strategy.");
        api.MapGet("/orders", Orders).WithName("GetOrders").WithSummary("Orders, newest first; filter by symbol.");
        api.MapPost("/orders", PlaceOrder).WithName("PlaceOrder").WithSummary("Places an order with the pipeline's broker (paper or testnet): {symbol, side: buy|sell, type: market|limit, quantity, price (limit)}.");
        api.MapDelete("/orders/{id}", CancelOrder).WithName("CancelOrder").WithSummary("Cancels an open order by its id.");
        api.MapGet("/positions", Positions).WithName("GetPositions").WithSummary("Each strategy variant's position per symbol with its P&L.");
        api.MapGet("/backtests", Backtests).WithName("GetBacktests").WithSummary("Stored backtest reports, newest first.");
        api.MapPost("/backtests", RunBacktest).WithName("RunBacktest").WithSummary("Runs a backtest on stored bars: {strategy, symbols, interval, from, to, params, fees_bps, slippage_bps, equity}.");
        return app;
    }

    private static IResult Signals(WebContext context, HttpRequest request, string? symbol, string? strategy, string? limit) =>
        Records(context, request, "signal", "signals", SignalColumns, limit, row =>
            (symbol is null || JsonRowsResult.Cell(row, "symbol") == symbol.Trim().ToUpperInvariant()) && (strategy is null || JsonRowsResult.Cell(row, "strategy") == strategy.Trim().ToLowerInvariant()));

    private static IResult Orders(WebContext context, HttpRequest request, string? symbol, string? limit) =>
        Records(context, request, "order", "orders", OrderColumns, limit, row => symbol is null || JsonRowsResult.Cell(row, "symbol") == symbol.Trim().ToUpperInvariant());

    private static IResult Backtests(WebContext context, HttpRequest request, string? limit) =>
        Records(context, request, "backtest", "backtests", BacktestColumns, limit ?? "20", _ => true);

    private static IResult Positions(WebContext context, HttpRequest request)
    {
        TradingDesk? desk = context.Pipeline?.Trading;
        if (desk is null) return Records(context, request, "position", "positions", PositionColumns, null, _ => true);
        var rows = new List<string>();
        foreach (PositionSnapshot position in desk.Positions())
            rows.Add(TradingRecords.ToRecord(new TradingEvent(TradingEventKind.Position, Position: position)).Json);
        return JsonRowsResult.For(request, "positions", PositionColumns, rows);
    }

    private static async Task<IResult> PlaceOrder(WebContext context, HttpRequest request)
    {
        byte[] body = await RequestBodies.ReadJsonAsync(request);
        TradingDesk desk = context.Pipeline?.Trading
            ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable, "No broker", "Orders need a running pipeline with its broker (tickwise run); this server only reads the store.");
        (Symbol symbol, OrderSide side, OrderType type, Quantity quantity, Price? price) = ParseOrder(body);
        if (!context.Store.ListSymbols().Contains(symbol)) throw ApiException.NotFound($"Unknown symbol {symbol}: the store has no data of it.");
        Order order = desk.Place(symbol, side, type, quantity, price);
        string json = TradingRecords.ToRecord(new TradingEvent(TradingEventKind.Order, Order: order)).Json;
        if (order.Status == OrderStatus.Rejected)
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Order rejected", order.RejectReason ?? "The broker refused the order.");
        return new JsonBodyResult(writer => JsonDocument.Parse(json).RootElement.WriteTo(writer), StatusCodes.Status201Created);
    }

    private static IResult CancelOrder(WebContext context, string id)
    {
        TradingDesk desk = context.Pipeline?.Trading
            ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable, "No broker", "Orders need a running pipeline with its broker (tickwise run).");
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long orderId))
            throw ApiException.BadRequest($"'{QueryValues.Shorten(id)}' is not an order id (a positive whole number).");
        Order existing = desk.GetOrder(orderId) ?? throw ApiException.NotFound($"No order {orderId}.");
        bool wasOpen = existing.IsOpen;
        Order order = wasOpen ? desk.Cancel(orderId)! : existing;
        if (wasOpen && order.IsOpen)
        {
            // The testnet exchange has not confirmed the cancel yet: it is sent, and the order's record follows the answer.
            string pending = TradingRecords.ToRecord(new TradingEvent(TradingEventKind.Order, Order: order)).Json;
            return new JsonBodyResult(writer => JsonDocument.Parse(pending).RootElement.WriteTo(writer), StatusCodes.Status202Accepted);
        }
        if (!wasOpen || order.Status != OrderStatus.Canceled)
            throw new ApiException(StatusCodes.Status409Conflict, "Not open", $"Order {orderId} is {order.Status.ToString().ToLowerInvariant()}; only open orders can be cancelled.");
        string json = TradingRecords.ToRecord(new TradingEvent(TradingEventKind.Order, Order: order)).Json;
        return new JsonBodyResult(writer => JsonDocument.Parse(json).RootElement.WriteTo(writer));
    }

    private static async Task<IResult> RunBacktest(WebContext context, HttpRequest request)
    {
        byte[] body = await RequestBodies.ReadJsonAsync(request);
        BacktestRequest ask = BacktestRequest.Parse(body);
        IStrategy strategy;
        StrategyParameters parameters;
        try { strategy = StrategyCatalog.Create(ask.Strategy, ask.Parameters, out parameters); }
        catch (ArgumentException e) { throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Invalid backtest", e.Message); }
        if (ask.Symbols.Count != strategy.SymbolCount)
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Invalid backtest", $"The {strategy.Name} strategy trades {strategy.SymbolCount} symbol(s); {ask.Symbols.Count} given.");
        IReadOnlyList<Symbol> known = context.Store.ListSymbols();
        var legs = new List<Bar[]>();
        foreach (Symbol symbol in ask.Symbols)
        {
            if (!known.Contains(symbol)) throw ApiException.NotFound($"Unknown symbol {symbol}: the store has no data of it.");
            legs.Add([.. context.Store.ReadBars(symbol, ask.Interval, ask.Range)]);
        }
        Bar[][] aligned = BarAlignment.Align(legs);
        if (aligned[0].Length == 0) throw ApiException.NotFound($"{string.Join(" and ", ask.Symbols)} share no {ask.Interval} bar in that range.");
        var options = new BacktestOptions(ask.FeesBps, ask.SlippageBps, ask.Equity);
        try { options.Validate(); }
        catch (ArgumentOutOfRangeException e) { throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Invalid backtest", e.Message.ReplaceLineEndings(" ")); }
        BacktestResult report = new BacktestEngine(options).Run(strategy, aligned);
        string id = BacktestReportJson.Id(report, parameters.Values);
        string stored = Cli.BacktestCommand.StoreRecord(context.Store, report, id, parameters.Values);
        return new JsonBodyResult(writer => JsonDocument.Parse(stored).RootElement.WriteTo(writer), StatusCodes.Status201Created);
    }

    private static (Symbol, OrderSide, OrderType, Quantity, Price?) ParseOrder(byte[] body)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { throw ApiException.BadRequest($"The body is not JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("The body must be a JSON object {symbol, side, type, quantity, price}.");
        string symbolText = Required(root, "symbol");
        if (!Symbol.TryParse(symbolText.Trim().ToUpperInvariant(), out Symbol symbol)) throw Invalid($"'{QueryValues.Shorten(symbolText)}' is not a symbol.");
        OrderSide side = Required(root, "side").ToLowerInvariant() switch { "buy" => OrderSide.Buy, "sell" => OrderSide.Sell, var s => throw Invalid($"side '{QueryValues.Shorten(s)}': use buy or sell.") };
        OrderType type = (Optional(root, "type") ?? "market").ToLowerInvariant() switch { "market" => OrderType.Market, "limit" => OrderType.Limit, var t => throw Invalid($"type '{QueryValues.Shorten(t)}': use market or limit.") };
        Quantity quantity = Quantity.TryParse(Number(root, "quantity") ?? throw Invalid("quantity is required."), out Quantity q) && q.Raw > 0
            ? q : throw Invalid("quantity must be a positive number with at most 8 decimals.");
        Price? price = null;
        if (Number(root, "price") is { } priceText)
            price = Price.TryParse(priceText, out Price p) && p.Raw > 0 ? p : throw Invalid("price must be a positive number with at most 8 decimals.");
        if (type == OrderType.Limit && price is null) throw Invalid("a limit order needs a price.");
        if (type == OrderType.Market && price is not null) throw Invalid("a market order takes no price.");
        return (symbol, side, type, quantity, price);
    }

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) ?? throw Invalid($"{name} is required.");

    private static string? Optional(JsonElement root, string name) =>
        !root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid($"{name} must be a string.");

    // Numbers as JSON numbers or strings, kept as text so that the fixed-point parse decides exactness.
    private static string? Number(JsonElement root, string name) =>
        !root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.Number ? value.GetRawText()
        : value.ValueKind is JsonValueKind.String ? value.GetString()
        : throw Invalid($"{name} must be a number.");

    private static ApiException Invalid(string detail) => new(StatusCodes.Status422UnprocessableEntity, "Invalid order", detail);

    private static IResult Records(WebContext context, HttpRequest request, string kind, string fileName, string[] columns, string? limit, Func<JsonElement, bool> keep)
    {
        int count = QueryValues.Int(limit, "limit", 1000, 1, MaxListed);
        (long? from, long? to) = QueryValues.Range(request.Query["from"], request.Query["to"]);
        var range = new TimeRange(from ?? long.MinValue, to ?? long.MaxValue);
        var rows = new List<string>();
        // Filters run after the read, so read generously; records are small and listed at human rates.
        foreach (StoredRecord record in context.Store.ReadRecords(kind, range, MaxListed, newestFirst: true))
        {
            using JsonDocument doc = JsonDocument.Parse(record.Json);
            if (!keep(doc.RootElement)) continue;
            rows.Add(record.Json);
            if (rows.Count == count) break;
        }
        return JsonRowsResult.For(request, fileName, columns, rows);
    }

}
