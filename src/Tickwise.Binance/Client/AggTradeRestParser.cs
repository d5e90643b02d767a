using System.Text.Json;
using static Tickwise.Binance.Client.RestTradeArray;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>Parses the REST answer of <c>GET /api/v3/aggTrades</c> (and <c>/fapi/v1/aggTrades</c>) into trades.</summary>
/// <remarks>
/// The answer is a JSON array of <c>{"a":id,"p":"price","q":"qty","f":first,"l":last,"T":ms,"m":bool,"M":bool}</c>
/// without a symbol, so the caller names it. Conventions match <see cref="Streams.BinanceMessageParser"/>: <c>m = true</c>
/// makes the seller the aggressor and a trade counts <c>l - f + 1</c> raw trades. Unknown keys are skipped. The whole
/// answer is refused on any bad element, because a gap repair that silently dropped one would lose that trade.
/// </remarks>
public static class AggTradeRestParser
{
    /// <summary>Appends the trades of <paramref name="utf8"/> to <paramref name="trades"/>, in the order given. Never throws.</summary>
    /// <returns>True when every element parsed; false with a static <paramref name="error"/> and
    /// <paramref name="trades"/> unchanged otherwise.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, Symbol symbol, List<Trade> trades, out string error) =>
        RestTradeArray.TryParse(utf8, symbol, trades, TryReadTrade, out error);

    private static bool TryReadTrade(ref Utf8JsonReader reader, Symbol symbol, out Trade trade, out string error)
    {
        trade = default;
        long id = -1, first = -1, last = -1, time = -1;
        long priceRaw = -1, quantityRaw = -1;
        bool? buyerMaker = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("a"u8)) { if (!ReadLong(ref reader, out id)) return Bad("bad 'a'", out error); }
            else if (reader.ValueTextEquals("f"u8)) { if (!ReadLong(ref reader, out first)) return Bad("bad 'f'", out error); }
            else if (reader.ValueTextEquals("l"u8)) { if (!ReadLong(ref reader, out last)) return Bad("bad 'l'", out error); }
            else if (reader.ValueTextEquals("T"u8)) { if (!ReadLong(ref reader, out time)) return Bad("bad 'T'", out error); }
            else if (reader.ValueTextEquals("p"u8)) { if (!ReadDecimal(ref reader, out priceRaw)) return Bad("bad 'p'", out error); }
            else if (reader.ValueTextEquals("q"u8)) { if (!ReadDecimal(ref reader, out quantityRaw)) return Bad("bad 'q'", out error); }
            else if (reader.ValueTextEquals("m"u8)) { if (!ReadBool(ref reader, out buyerMaker)) return Bad("bad 'm'", out error); }
            else Skip(ref reader);
        }
        if (reader.TokenType != JsonTokenType.EndObject) return Bad("malformed element", out error);
        long count = first >= 0 && last >= first ? last - first + 1 : 1;
        return TryMakeTrade(symbol, id, priceRaw, quantityRaw, time, buyerMaker, count, out trade, out error);
    }
}
