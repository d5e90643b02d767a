using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>What the REST trade answers (<c>aggTrades</c>, <c>historicalTrades</c>) share: a JSON array of trade objects
/// without a symbol, refused whole on any bad element, because a gap repair that silently dropped one would lose that trade.</summary>
internal static class RestTradeArray
{
    /// <summary>Reads one element, the reader on its <c>StartObject</c>; leaves it on the matching <c>EndObject</c>.</summary>
    internal delegate bool ElementReader(ref Utf8JsonReader reader, Symbol symbol, out Trade trade, out string error);

    /// <summary>Appends the trades of <paramref name="utf8"/> to <paramref name="trades"/>, in the order given. Never throws.</summary>
    /// <returns>True when every element parsed; false with a static <paramref name="error"/> and
    /// <paramref name="trades"/> unchanged otherwise.</returns>
    internal static bool TryParse(ReadOnlySpan<byte> utf8, Symbol symbol, List<Trade> trades, ElementReader readElement, out string error)
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
                if (!readElement(ref reader, symbol, out Trade trade, out error)) return Fail(error, out error);
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

    /// <summary>Checks the fields an element gave (-1 and null: missing) and makes its trade.</summary>
    internal static bool TryMakeTrade(Symbol symbol, long id, long priceRaw, long quantityRaw, long time, bool? buyerMaker, long tradeCount,
        out Trade trade, out string error)
    {
        trade = default;
        if (id < 0 || priceRaw < 0 || quantityRaw < 0 || time < 0 || buyerMaker is null) return Bad("missing field", out error);
        if (quantityRaw == 0) return Bad("zero quantity", out error);
        if (!Timestamps.TryNormalizeToMs(time, out long timeMs)) return Bad("bad timestamp", out error);
        if (tradeCount > int.MaxValue) return Bad("absurd trade count", out error);
        // As on the streams, a buyer who made the book means the seller took it: the seller is the aggressor.
        trade = new Trade(symbol, id, new Price(priceRaw), new Quantity(quantityRaw), timeMs,
            buyerMaker.Value ? AggressorSide.Seller : AggressorSide.Buyer, (int)tradeCount);
        error = "";
        return true;
    }

    /// <summary>Reads a non-negative integer value.</summary>
    internal static bool ReadLong(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= 0;
    }

    /// <summary>Reads a non-negative decimal string as a fixed-point raw value.</summary>
    internal static bool ReadDecimal(ref Utf8JsonReader reader, out long raw)
    {
        raw = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence) return false;
        return FixedPoint.TryParse(reader.ValueSpan, out raw) && raw >= 0;
    }

    /// <summary>Reads a JSON boolean.</summary>
    internal static bool ReadBool(ref Utf8JsonReader reader, out bool? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return false;
        value = reader.TokenType == JsonTokenType.True;
        return true;
    }

    /// <summary>Skips a value the parser does not use.</summary>
    internal static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    internal static bool Bad(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
