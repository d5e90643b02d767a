using System.Globalization;
using System.Text.Json;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>Reads Binance's trading answers (orders, account, server time, errors) from JSON.</summary>
/// <remarks>Not a hot path: a few answers a second at most, so <see cref="JsonDocument"/> keeps it plain. Every
/// malformed answer becomes a <see cref="BinanceRestException"/> naming the field.</remarks>
internal static class BinanceTradingJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static JsonDocument Parse(byte[] body, string what)
    {
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            throw new BinanceRestException($"{what} answered something that is not JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads <c>{"code":-1021,"msg":"..."}</c>; false when the body is not that.</summary>
    public static bool TryParseError(byte[] body, out int code, out string message)
    {
        code = 0;
        message = "";
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, Options);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out JsonElement c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out code)) return false;
            message = root.TryGetProperty("msg", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false; // not Binance's error shape: the caller reports the HTTP status instead
        }
    }

    public static long ParseServerTime(JsonElement root, string what) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("serverTime", out JsonElement t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out long ms) && ms > 0
            ? ms
            : throw new BinanceRestException($"{what} answered without a positive \"serverTime\"");

    public static BinanceOrder ParseOrder(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Bad(what, "an order", "is not an object");
        string symbolText = String(e, "symbol", what);
        if (!Symbol.TryParse(symbolText.AsSpan(), out Symbol symbol)) throw Bad(what, "symbol", "is not a symbol");
        if (!BinanceNames.TryParseSide(String(e, "side", what), out BinanceOrderSide side)) throw Bad(what, "side", "is not BUY or SELL");
        if (!BinanceNames.TryParseType(String(e, "type", what), out BinanceOrderType type)) throw Bad(what, "type", "is not a known order type");
        if (!BinanceNames.TryParseStatus(String(e, "status", what), out BinanceOrderStatus status)) throw Bad(what, "status", "is not a known order status");
        long time = OptionalLong(e, "transactTime") ?? OptionalLong(e, "time") ?? 0;
        var fills = new List<BinanceFill>();
        if (e.TryGetProperty("fills", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement f in array.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.Object) throw Bad(what, "fills", "holds something that is not an object");
                fills.Add(new BinanceFill(OptionalLong(f, "tradeId") ?? 0, Price(f, "price", what), Quantity(f, "qty", what),
                    Decimal(f, "commission", what), String(f, "commissionAsset", what)));
            }
        }
        return new BinanceOrder
        {
            Symbol = symbol,
            OrderId = OptionalLong(e, "orderId") ?? throw Bad(what, "orderId", "is missing or not an integer"),
            ClientOrderId = String(e, "clientOrderId", what),
            Side = side,
            Type = type,
            Status = status,
            Price = Price(e, "price", what),
            OriginalQuantity = Quantity(e, "origQty", what),
            ExecutedQuantity = Quantity(e, "executedQty", what),
            CumulativeQuoteQuantity = Decimal(e, "cummulativeQuoteQty", what),
            TimeMs = time,
            UpdateTimeMs = OptionalLong(e, "updateTime") ?? time,
            Fills = fills,
        };
    }

    public static List<BinanceTrade> ParseTrades(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Array) throw Bad(what, "the answer", "is not a list of trades");
        var trades = new List<BinanceTrade>(root.GetArrayLength());
        foreach (JsonElement t in root.EnumerateArray())
        {
            if (t.ValueKind != JsonValueKind.Object) throw Bad(what, "a trade", "is not an object");
            if (!t.TryGetProperty("isMaker", out JsonElement maker) || maker.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Bad(what, "isMaker", "is missing or not true/false");
            trades.Add(new BinanceTrade(OptionalLong(t, "id") ?? throw Bad(what, "id", "is missing or not an integer"),
                OptionalLong(t, "orderId") ?? throw Bad(what, "orderId", "is missing or not an integer"),
                Price(t, "price", what), Quantity(t, "qty", what), Decimal(t, "commission", what), String(t, "commissionAsset", what),
                OptionalLong(t, "time") ?? 0, maker.GetBoolean()));
        }
        return trades;
    }

    public static List<BinanceBalance> ParseBalances(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("balances", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw Bad(what, "balances", "is missing or not an array");
        var balances = new List<BinanceBalance>(array.GetArrayLength());
        foreach (JsonElement b in array.EnumerateArray())
        {
            if (b.ValueKind != JsonValueKind.Object) throw Bad(what, "balances", "holds something that is not an object");
            balances.Add(new BinanceBalance(String(b, "asset", what), Decimal(b, "free", what), Decimal(b, "locked", what)));
        }
        return balances;
    }

    /// <summary>Reads a <c>ticker/price</c> answer for one symbol: its last price, which must be above zero.</summary>
    public static decimal ParseLastPrice(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Bad(what, "price", "is missing: the answer is not an object");
        decimal price = Decimal(root, "price", what);
        return price > 0 ? price : throw Bad(what, "price", "is zero");
    }

    private static string String(JsonElement e, string name, string what)
    {
        if (!e.TryGetProperty(name, out JsonElement p) || p.ValueKind != JsonValueKind.String) throw Bad(what, name, "is missing or not a string");
        try
        {
            return p.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Bad(what, name, "is not valid UTF-8");
        }
    }

    private static long? OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out long v) ? v : null;

    private static Price Price(JsonElement e, string name, string what) =>
        Core.Market.Price.TryParse(String(e, name, what).AsSpan(), out Price v) ? v : throw Bad(what, name, "is not an exact non-negative decimal");

    private static Quantity Quantity(JsonElement e, string name, string what) =>
        Core.Market.Quantity.TryParse(String(e, name, what).AsSpan(), out Quantity v) ? v : throw Bad(what, name, "is not an exact non-negative decimal");

    private static decimal Decimal(JsonElement e, string name, string what)
    {
        string text = String(e, name, what);
        return text.Length <= 40 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal v)
            ? v
            : throw Bad(what, name, "is not a non-negative decimal");
    }

    private static BinanceRestException Bad(string what, string field, string problem) => new($"{what} answered an order or account whose \"{field}\" {problem}");
}
