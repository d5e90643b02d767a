using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Health;
using Tickwise.Web.Api;

namespace Tickwise.Web.Live;

/// <summary>Serializes live feed messages, <c>{"channel","type","data"}</c>, with the REST rows' shapes as data.</summary>
/// <remarks>One buffer and writer per thread are reused, so a message costs one allocation: its byte array, shared by
/// every subscriber.</remarks>
internal static class FeedJson
{
    /// <summary>snake_case names for objects other components publish.</summary>
    public static JsonSerializerOptions PublishedOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Returns a message with <paramref name="writeData"/> writing the data object's properties.</summary>
    public static FeedMessage Message<TState>(string channel, string type, bool droppable, TState state, Action<Utf8JsonWriter, TState> writeData)
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("channel"u8, channel);
        writer.WriteString("type"u8, type);
        writer.WriteStartObject("data"u8);
        writeData(writer, state);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return new FeedMessage(buffer.WrittenSpan.ToArray(), droppable, Stopwatch.GetTimestamp());
    }

    /// <summary>Returns a reply (subscribed, unsubscribed, error) that is never dropped.</summary>
    public static FeedMessage Reply(string channel, string type, string? message) =>
        Message(channel, type, droppable: false, message, static (w, m) =>
        {
            if (m is not null) w.WriteString("message"u8, m);
        });

    /// <summary>Returns a trade message: the /api/trades row plus the symbol.</summary>
    public static FeedMessage Trade(string channel, in Trade trade) =>
        Message(channel, "trade", droppable: true, trade, static (w, t) =>
        {
            w.WriteString("symbol"u8, t.Symbol.Value);
            w.WriteNumber("id"u8, t.Id);
            w.WriteNumber("time"u8, t.TimestampMs);
            JsonValues.FixedPoint(w, "price"u8, t.Price.Raw);
            JsonValues.FixedPoint(w, "quantity"u8, t.Quantity.Raw);
            w.WriteString("side"u8, JsonValues.Side(t.AggressorSide));
        });

    /// <summary>Returns a quote message: the /api/quotes/latest row.</summary>
    public static FeedMessage Quote(string channel, in Quote quote, Price? lastPrice) =>
        Message(channel, "quote", droppable: true, (quote, lastPrice), static (w, s) => WriteQuote(w, s.quote, s.lastPrice));

    /// <summary>Writes the properties of a /api/quotes/latest row.</summary>
    public static void WriteQuote(Utf8JsonWriter w, Quote q, Price? lastPrice)
    {
        w.WriteString("symbol"u8, q.Symbol.Value);
        w.WriteNumber("time"u8, q.TimestampMs);
        JsonValues.FixedPoint(w, "bid"u8, q.BidPrice.Raw);
        JsonValues.FixedPoint(w, "bid_qty"u8, q.BidQuantity.Raw);
        JsonValues.FixedPoint(w, "ask"u8, q.AskPrice.Raw);
        JsonValues.FixedPoint(w, "ask_qty"u8, q.AskQuantity.Raw);
        JsonValues.Double(w, "mid", q.IsValid ? q.MidPrice : double.NaN);
        JsonValues.Decimal(w, "spread"u8, q.Spread);
        double mid = q.MidPrice;
        JsonValues.Double(w, "spread_bps", q.IsValid && mid > 0 ? (double)q.Spread / mid * 10_000 : double.NaN);
        if (lastPrice is { } p) JsonValues.FixedPoint(w, "last_price"u8, p.Raw);
        else w.WriteNull("last_price"u8);
    }

    /// <summary>Returns a bar message (bar_update or bar_closed): the /api/bars row plus symbol and interval.</summary>
    public static FeedMessage Bar(string channel, in Bar bar, bool closed) =>
        Message(channel, closed ? "bar_closed" : "bar_update", droppable: !closed, bar, static (w, b) =>
        {
            w.WriteString("symbol"u8, b.Symbol.Value);
            w.WriteString("interval"u8, b.Interval.ToString());
            w.WriteNumber("open_time"u8, b.OpenTimeMs);
            JsonValues.FixedPoint(w, "open"u8, b.Open.Raw);
            JsonValues.FixedPoint(w, "high"u8, b.High.Raw);
            JsonValues.FixedPoint(w, "low"u8, b.Low.Raw);
            JsonValues.FixedPoint(w, "close"u8, b.Close.Raw);
            JsonValues.Decimal(w, "volume"u8, b.Volume);
            JsonValues.Decimal(w, "quote_volume"u8, b.QuoteVolume);
            JsonValues.Decimal(w, "taker_buy_volume"u8, b.TakerBuyVolume);
            w.WriteNumber("trades"u8, b.TradeCount);
        });

    /// <summary>Returns a pair message: the /api/pairs/series row plus a, b, interval, adf_pvalue and half_life.</summary>
    public static FeedMessage Pair(string channel, Interval interval, PairSnapshot s, Price closeA, Price closeB) =>
        Message(channel, "pair", droppable: false, (s, interval, closeA, closeB), static (w, st) =>
        {
            PairSnapshot p = st.s;
            w.WriteString("a"u8, p.SymbolA.Value);
            w.WriteString("b"u8, p.SymbolB.Value);
            w.WriteString("interval"u8, st.interval.ToString());
            w.WriteNumber("open_time"u8, p.TimestampMs);
            JsonValues.FixedPoint(w, "price_a"u8, st.closeA.Raw);
            JsonValues.FixedPoint(w, "price_b"u8, st.closeB.Raw);
            JsonValues.Double(w, "hedge_ratio", p.Hedge(p.SpreadMethod).HedgeRatio);
            JsonValues.Double(w, "spread", p.Spread);
            JsonValues.Double(w, "zscore", p.ZScore);
            JsonValues.Double(w, "correlation", p.Correlation);
            JsonValues.Double(w, "adf_pvalue", p.Cointegration.PValue);
            JsonValues.Double(w, "half_life", p.HalfLife.HalfLife);
        });

    /// <summary>Returns a health message.</summary>
    public static FeedMessage Health(HealthReport report) =>
        Message("health", "health", droppable: false, report, WriteHealth);

    /// <summary>Writes the properties of a <see cref="HealthReport"/> as the contract names them.</summary>
    public static void WriteHealth(Utf8JsonWriter w, HealthReport r)
    {
        w.WriteString("source"u8, r.Source);
        w.WriteNumber("started_at_ms"u8, r.StartedAtMs);
        w.WriteStartArray("symbols"u8);
        foreach (SymbolHealth s in r.Symbols)
        {
            w.WriteStartObject();
            w.WriteString("symbol"u8, s.Symbol);
            w.WriteBoolean("connected"u8, s.Connected);
            if (s.LastMessageAgeMs is { } age) w.WriteNumber("last_message_age_ms"u8, age);
            else w.WriteNull("last_message_age_ms"u8);
            JsonValues.Double(w, "messages_per_second", s.MessagesPerSecond);
            w.WriteNumber("messages"u8, s.Messages);
            w.WriteNumber("gaps_repaired"u8, s.GapsRepaired);
            w.WriteNumber("trades_repaired"u8, s.TradesRepaired);
            w.WriteNumber("parse_errors"u8, s.ParseErrors);
            if (s.BookSynchronized is { } synced) w.WriteBoolean("book_synchronized"u8, synced);
            else w.WriteNull("book_synchronized"u8);
            w.WriteNumber("dropped"u8, s.Dropped);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("pipeline"u8);
        foreach (var (name, count) in r.Pipeline) w.WriteNumber(name, count);
        w.WriteEndObject();
        w.WriteString("store"u8, r.Store);
        w.WriteBoolean("store_healthy"u8, r.StoreHealthy);
    }

    /// <summary>Returns a message whose data is <paramref name="data"/> serialized with snake_case names (alerts, signals, orders).</summary>
    public static FeedMessage Published(string channel, string type, object data)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(data, data.GetType(), PublishedOptions);
        if (json.Length == 0 || json[0] != (byte)'{') json = JsonSerializer.SerializeToUtf8Bytes(new { value = data }, PublishedOptions);
        return Message(channel, type, droppable: false, json, static (w, body) =>
        {
            // The data object's properties, copied from its own serialization.
            using JsonDocument document = JsonDocument.Parse(body);
            foreach (JsonProperty property in document.RootElement.EnumerateObject()) property.WriteTo(w);
        });
    }
}
