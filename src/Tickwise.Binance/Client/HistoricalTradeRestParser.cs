using System.Text.Json;
using static Tickwise.Binance.Client.RestTradeArray;
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
    public static bool TryParse(ReadOnlySpan<byte> utf8, Symbol symbol, List<Trade> trades, out string error) =>
        RestTradeArray.TryParse(utf8, symbol, trades, TryReadTrade, out error);

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
            else if (reader.ValueTextEquals("isBuyerMaker"u8)) { if (!ReadBool(ref reader, out buyerMaker)) return Bad("bad 'isBuyerMaker'", out error); }
            else Skip(ref reader);
        }
        if (reader.TokenType != JsonTokenType.EndObject) return Bad("malformed element", out error);
        return TryMakeTrade(symbol, id, priceRaw, quantityRaw, time, buyerMaker, 1, out trade, out error);
    }
}
