using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>The symbols and trading rules of Binance's <c>/api/v3/exchangeInfo</c> answer.</summary>
/// <remarks>Only the filters an order is checked against are kept (see <see cref="BinanceSymbolFilters"/>); other
/// filters (<c>PERCENT_PRICE_BY_SIDE</c>, <c>ICEBERG_PARTS</c>, <c>MAX_NUM_ORDERS</c>, ...) are skipped and left to the
/// exchange.</remarks>
public sealed class BinanceExchangeInfo
{
    /// <summary>The largest answer parsed; the full mainnet answer is a few MB.</summary>
    public const int MaxAnswerBytes = 64 << 20;

    private readonly Dictionary<Symbol, BinanceSymbolFilters> _symbols;

    /// <summary>Creates exchange information from symbols' filters (tests, a cache).</summary>
    /// <exception cref="ArgumentException">A symbol appears twice.</exception>
    public BinanceExchangeInfo(long serverTimeMs, IEnumerable<BinanceSymbolFilters> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ServerTimeMs = serverTimeMs;
        _symbols = [];
        foreach (BinanceSymbolFilters filters in symbols)
            if (!_symbols.TryAdd(filters.Symbol, filters)) throw new ArgumentException($"{filters.Symbol} appears twice.", nameof(symbols));
    }

    /// <summary>The exchange's time when it answered, Unix ms.</summary>
    public long ServerTimeMs { get; }

    /// <summary>Every symbol's rules.</summary>
    public IReadOnlyDictionary<Symbol, BinanceSymbolFilters> Symbols => _symbols;

    /// <summary>Finds the rules of <paramref name="symbol"/>.</summary>
    public bool TryGet(Symbol symbol, out BinanceSymbolFilters filters) => _symbols.TryGetValue(symbol, out filters!);

    /// <summary>Parses an <c>exchangeInfo</c> answer. Never throws.</summary>
    /// <returns>False, with a sentence in <paramref name="error"/>, when the text is not an exchangeInfo answer or a
    /// filter value is not an exact decimal.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out BinanceExchangeInfo? info, out string error)
    {
        info = null;
        if (utf8.Length > MaxAnswerBytes) { error = $"the answer is longer than {MaxAnswerBytes} bytes"; return false; }
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("symbols", out JsonElement symbols) || symbols.ValueKind != JsonValueKind.Array)
            {
                error = "no \"symbols\" array";
                return false;
            }
            long serverTime = root.TryGetProperty("serverTime", out JsonElement time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out long t) ? t : 0;
            var list = new List<BinanceSymbolFilters>(symbols.GetArrayLength());
            var seen = new HashSet<Symbol>();
            foreach (JsonElement element in symbols.EnumerateArray())
            {
                if (!TryParseSymbol(element, out BinanceSymbolFilters? filters, out error)) return false;
                if (!seen.Add(filters!.Symbol)) { error = $"{filters.Symbol} appears twice"; return false; }
                list.Add(filters);
            }
            info = new BinanceExchangeInfo(serverTime, list);
            error = "";
            return true;
        }
        catch (JsonException e)
        {
            error = "not JSON: " + e.Message;
            return false;
        }
        catch (InvalidOperationException e)
        {
            error = "a string is not valid UTF-8: " + e.Message; // JsonElement.GetString transcodes lazily
            return false;
        }
    }

    private static bool TryParseSymbol(JsonElement element, out BinanceSymbolFilters? filters, out string error)
    {
        filters = null;
        if (element.ValueKind != JsonValueKind.Object) { error = "a symbol entry is not an object"; return false; }
        if (!TryString(element, "symbol", out string name) || !Symbol.TryParse(name.AsSpan(), out Symbol symbol))
        {
            error = "a symbol entry has no valid \"symbol\"";
            return false;
        }
        var result = new BinanceSymbolFilters
        {
            Symbol = symbol,
            Status = TryString(element, "status", out string status) ? status : "",
            BaseAsset = TryString(element, "baseAsset", out string baseAsset) ? baseAsset : "",
            QuoteAsset = TryString(element, "quoteAsset", out string quoteAsset) ? quoteAsset : "",
        };
        if (element.TryGetProperty("orderTypes", out JsonElement types) && types.ValueKind == JsonValueKind.Array)
        {
            bool market = false, limit = false;
            foreach (JsonElement type in types.EnumerateArray())
            {
                if (type.ValueKind != JsonValueKind.String) continue;
                if (type.ValueEquals("MARKET")) market = true;
                else if (type.ValueEquals("LIMIT")) limit = true;
            }
            result = result with { MarketAllowed = market, LimitAllowed = limit };
        }
        if (element.TryGetProperty("filters", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement filter in list.EnumerateArray())
            {
                if (filter.ValueKind != JsonValueKind.Object || !TryString(filter, "filterType", out string type)) continue;
                if (!TryApplyFilter(ref result, type, filter, out error))
                {
                    error = $"{symbol} {type}: {error}";
                    return false;
                }
            }
        }
        filters = result;
        error = "";
        return true;
    }

    private static bool TryApplyFilter(ref BinanceSymbolFilters filters, string type, JsonElement filter, out string error)
    {
        error = "";
        switch (type)
        {
            case "PRICE_FILTER":
                if (!TryPrice(filter, "minPrice", out Price minPrice, out error) || !TryPrice(filter, "maxPrice", out Price maxPrice, out error)
                    || !TryPrice(filter, "tickSize", out Price tick, out error)) return false;
                filters = filters with { MinPrice = minPrice, MaxPrice = maxPrice, TickSize = tick };
                return true;
            case "LOT_SIZE":
            case "MARKET_LOT_SIZE":
                if (!TryQuantity(filter, "minQty", out Quantity minQty, out error) || !TryQuantity(filter, "maxQty", out Quantity maxQty, out error)
                    || !TryQuantity(filter, "stepSize", out Quantity step, out error)) return false;
                filters = type == "LOT_SIZE"
                    ? filters with { MinQuantity = minQty, MaxQuantity = maxQty, StepSize = step }
                    : filters with { MarketMinQuantity = minQty, MarketMaxQuantity = maxQty, MarketStepSize = step };
                return true;
            case "NOTIONAL":
                if (!TryDecimal(filter, "minNotional", out decimal min, out error)) return false;
                decimal max = 0;
                if (filter.TryGetProperty("maxNotional", out _) && !TryDecimal(filter, "maxNotional", out max, out error)) return false;
                filters = filters with
                {
                    MinNotional = Math.Max(min, filters.MinNotional),
                    ApplyMinNotionalToMarket = Flag(filter, "applyMinToMarket", true),
                    MaxNotional = max,
                    ApplyMaxNotionalToMarket = Flag(filter, "applyMaxToMarket", false),
                };
                return true;
            case "MIN_NOTIONAL":
                // The older filter; when a symbol has both, the stricter minimum wins.
                if (!TryDecimal(filter, "minNotional", out decimal minimum, out error)) return false;
                filters = filters with { MinNotional = Math.Max(minimum, filters.MinNotional), ApplyMinNotionalToMarket = Flag(filter, "applyToMarket", true) };
                return true;
            default:
                return true;
        }
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        value = element.TryGetProperty(name, out JsonElement property) && property.ValueKind == JsonValueKind.String ? property.GetString()! : "";
        return value.Length > 0;
    }

    private static bool Flag(JsonElement element, string name, bool absent) =>
        element.TryGetProperty(name, out JsonElement property) ? property.ValueKind == JsonValueKind.True : absent;

    private static bool TryPrice(JsonElement element, string name, out Price value, out string error)
    {
        value = default;
        error = TryString(element, name, out string text) && Price.TryParse(text.AsSpan(), out value) ? "" : $"\"{name}\" is not an exact non-negative decimal";
        return error.Length == 0;
    }

    private static bool TryQuantity(JsonElement element, string name, out Quantity value, out string error)
    {
        value = default;
        error = TryString(element, name, out string text) && Quantity.TryParse(text.AsSpan(), out value) ? "" : $"\"{name}\" is not an exact non-negative decimal";
        return error.Length == 0;
    }

    private static bool TryDecimal(JsonElement element, string name, out decimal value, out string error)
    {
        value = 0;
        bool ok = TryString(element, name, out string text) && text.Length <= 40
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        error = ok ? "" : $"\"{name}\" is not a non-negative decimal";
        return ok;
    }
}
