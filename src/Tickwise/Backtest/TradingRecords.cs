using System.Text;
using System.Text.Json;
using Tickwise.Core.Backtest;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Storage;

namespace Tickwise.Backtest;

/// <summary>Turns a <see cref="StrategyRunner"/>'s events into the store's <c>signal</c>, <c>order</c>, <c>fill</c> and
/// <c>position</c> records, in the JSON shapes of the API contract (snake_case, exact money, times in Unix ms).</summary>
/// <remarks>
/// Keys: a signal by <see cref="Signal.Id"/>; an order by its client order id (give the runner a prefix unique to the run,
/// since broker order ids restart at 1 in every process); a fill by client order id and the filled quantity after it; a
/// position by <c>strategy:variant:symbol</c>, so the record is the latest state. For <c>tickwise run --strategy</c>: call
/// <see cref="ToRecord"/> in the runner's callback and put the records in the store.
/// </remarks>
internal static class TradingRecords
{
    /// <summary>Returns the record of <paramref name="e"/>.</summary>
    public static StoredRecord ToRecord(TradingEvent e) => e.Kind switch
    {
        TradingEventKind.Signal => new StoredRecord("signal", e.Signal.Id, e.Signal.TimeMs, Json(w => WriteSignal(w, e.Signal))),
        TradingEventKind.Order => new StoredRecord("order", e.Order!.Request.ClientOrderId, e.Order.TimeMs, Json(w => WriteOrder(w, e.Order))),
        TradingEventKind.Fill => new StoredRecord("fill", $"{e.Order!.Request.ClientOrderId}:{e.Order.FilledQuantity}", e.Fill.TimeMs, Json(w => WriteFill(w, e.Order, e.Fill))),
        TradingEventKind.Position => new StoredRecord("position", e.Position.Key, e.Position.TimeMs, Json(w => WritePosition(w, e.Position))),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "Unknown event kind."),
    };

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSignal(Utf8JsonWriter w, in Signal s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteNumber("time", s.TimeMs);
        w.WriteString("strategy", s.Strategy);
        w.WriteString("variant", s.Variant);
        w.WriteString("symbol", s.Symbol.Value);
        w.WriteString("side", s.Side switch { SignalSide.Buy => "buy", SignalSide.Sell => "sell", _ => "exit" });
        if (s.Strength == SignalStrength.None) w.WriteNull("strength");
        else w.WriteString("strength", s.Strength == SignalStrength.Strong ? "STRONG" : "MODERATE");
        w.WriteNumber("price", BacktestReportJson.Money(s.Price));
        w.WriteString("reason", s.Reason);
        w.WriteEndObject();
    }

    private static void WriteOrder(Utf8JsonWriter w, Order o)
    {
        w.WriteStartObject();
        w.WriteNumber("id", o.Id);
        w.WriteString("client_order_id", o.Request.ClientOrderId);
        w.WriteNumber("time", o.TimeMs);
        w.WriteString("symbol", o.Request.Symbol.Value);
        w.WriteString("side", o.Request.Side == OrderSide.Buy ? "buy" : "sell");
        w.WriteString("type", o.Request.Type == OrderType.Market ? "market" : "limit");
        w.WriteNumber("quantity", BacktestReportJson.Money(o.Request.Quantity.ToDecimal()));
        if (o.Request.LimitPrice is { } limit) w.WriteNumber("price", BacktestReportJson.Money(limit.ToDecimal()));
        w.WriteString("status", o.Status switch
        {
            OrderStatus.New => "new", OrderStatus.PartiallyFilled => "partially_filled", OrderStatus.Filled => "filled",
            OrderStatus.Canceled => "canceled", _ => "rejected",
        });
        w.WriteNumber("filled_quantity", BacktestReportJson.Money(o.FilledQuantity.ToDecimal()));
        w.WriteNumber("average_price", BacktestReportJson.Money(o.AveragePrice));
        w.WriteNumber("fee", BacktestReportJson.Money(o.Fee));
        w.WriteString("broker", o.Broker);
        if (o.Request.Strategy is { } strategy) w.WriteString("strategy", strategy);
        if (o.Request.Variant is { } variant) w.WriteString("variant", variant);
        if (o.RejectReason is { } reason) w.WriteString("reject_reason", reason);
        w.WriteEndObject();
    }

    private static void WriteFill(Utf8JsonWriter w, Order o, in Fill f)
    {
        w.WriteStartObject();
        w.WriteNumber("order_id", f.OrderId);
        w.WriteString("client_order_id", o.Request.ClientOrderId);
        w.WriteNumber("time", f.TimeMs);
        w.WriteString("symbol", f.Symbol.Value);
        w.WriteString("side", f.Side == OrderSide.Buy ? "buy" : "sell");
        w.WriteNumber("quantity", BacktestReportJson.Money(f.Quantity.ToDecimal()));
        w.WriteNumber("price", BacktestReportJson.Money(f.Price));
        w.WriteNumber("fee", BacktestReportJson.Money(f.Fee));
        w.WriteBoolean("maker", f.IsMaker);
        w.WriteString("broker", o.Broker);
        if (o.Request.Strategy is { } strategy) w.WriteString("strategy", strategy);
        if (o.Request.Variant is { } variant) w.WriteString("variant", variant);
        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, in PositionSnapshot p)
    {
        w.WriteStartObject();
        w.WriteString("strategy", p.Strategy);
        w.WriteString("variant", p.Variant);
        w.WriteString("symbol", p.Symbol.Value);
        w.WriteNumber("quantity", BacktestReportJson.Money(p.Quantity));
        w.WriteNumber("average_price", BacktestReportJson.Money(p.AveragePrice));
        w.WriteNumber("realized_pnl", BacktestReportJson.Money(p.RealizedPnl));
        w.WriteNumber("unrealized_pnl", BacktestReportJson.Money(p.UnrealizedPnl));
        w.WriteNumber("last_price", BacktestReportJson.Money(p.LastPrice));
        w.WriteNumber("opened_ms", p.OpenedMs);
        w.WriteEndObject();
    }
}
