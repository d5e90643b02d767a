using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>Parses the REST answer of <c>GET /api/v3/historicalTrades</c> (and <c>/fapi/v1/historicalTrades</c>) into
/// raw trades.</summary>
/// <remarks>
/// The answer is a JSON array of <c>{"id":id,"price":"p","qty":"q","quoteQty":"pq","time":ms,"isBuyerMaker":bool,
/// "isBestMatch":bool}</c> without a symbol, so the caller names it. As on the <c>trade</c> stream, <c>isBuyerMaker =
/// true</c> makes the seller the aggressor, and each element is one trade. Unknown keys are skipped. The whole answer
/// is refused on any bad element, because a gap repair that silently dropped one would lose that trade.
/// </remarks>
public static class HistoricalTradeRestParser
{
    /// <summary>Appends the trades of <paramref name="utf8"/> to <paramref name="trades"/>, in the order given. Never throws.</summary>
    /// <returns>True when every element parsed; false with a static <paramref name="error"/> and
    /// <paramref name="trades"/> unchanged otherwise.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, Symbol symbol, List<Trade> trades, out string error)
    {
        ArgumentNullException.ThrowIfNull(trades);
        int start = trades.Count;
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            if (!reader.Read()) return Fail("empty answer", out error);
            if (reader.TokenType != JsonTokenType.StartArray) return Fail("the answer is not a JSON array", out error);
            while (true)
            {
                if (!reader.Read()) return Fail("truncated answer", out error);
                if (reader.TokenType == JsonTokenType.EndArray) break;
                if (reader.TokenType != JsonTokenType.StartObject) return Fail("an element is not an object", out error);
                if (!TryReadTrade(ref reader, symbol, out Trade trade, out error)) return Fail(error, out error);
                trades.Add(trade);
            }
            if (reader.Read()) return Fail("trailing data after the array", out error);
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports bad syntax only by throwing; it ends here.
            return Fail("malformed JSON", out error);
        }
        error = "";
        return true;

        bool Fail(string reason, out string e)
        {
            trades.RemoveRange(start, trades.Count - start);
            e = reason;
            return false;
        }
    }

    private static bool TryReadTrade(ref Utf8JsonReader reader, Symbol symbol, out Trade trade, out string error)
    {
        trade = default;
        long id = -1, time = -1;
        long priceRaw = -1, quantityRaw = -1;
        bool? buyerMaker = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { if (!ReadLong(ref reader, out id)) return Bad("bad 'id'", out error); }
            else if (reader.ValueTextEquals("time"u8)) { if (!ReadLong(ref reader, out time)) return Bad("bad 'time'", out error); }
            else if (reader.ValueTextEquals("price"u8)) { if (!ReadDecimal(ref reader, out priceRaw)) return Bad("bad 'price'", out error); }
            else if (reader.ValueTextEquals("qty"u8)) { if (!ReadDecimal(ref reader, out quantityRaw)) return Bad("bad 'qty'", out error); }
            else if (reader.ValueTextEquals("isBuyerMaker"u8))
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return Bad("bad 'isBuyerMaker'", out error);
                buyerMaker = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return Bad("malformed element", out error);
        if (id < 0 || priceRaw < 0 || quantityRaw < 0 || time < 0 || buyerMaker is null) return Bad("missing field", out error);
        if (quantityRaw == 0) return Bad("zero quantity", out error);
        if (!Timestamps.TryNormalizeToMs(time, out long timeMs)) return Bad("bad timestamp", out error);
        trade = new Trade(symbol, id, new Price(priceRaw), new Quantity(quantityRaw), timeMs,
            buyerMaker.Value ? AggressorSide.Seller : AggressorSide.Buyer, 1);
        error = "";
        return true;
    }

    private static bool ReadLong(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= 0;
    }

    private static bool ReadDecimal(ref Utf8JsonReader reader, out long raw)
    {
        raw = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence) return false;
        return FixedPoint.TryParse(reader.ValueSpan, out raw) && raw >= 0;
    }

    private static bool Bad(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
