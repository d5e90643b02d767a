using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Files;

/// <summary>Parses one CSV line of a dump into a trade or a bar, from bytes, without allocating on good lines.</summary>
/// <remarks>A bad line yields a reason and no row: a row is never emitted half-parsed.</remarks>
internal static class DumpLineParser
{
    private const int MaxDigits = 18; // every 18-digit number fits a long

    /// <summary>Parses a line of a trades or aggTrades layout.</summary>
    public static bool TryParseTrade(ReadOnlySpan<byte> line, DumpLayout layout, Symbol symbol, out Trade trade, out string? reason)
    {
        trade = default;
        bool aggregated = layout is DumpLayout.SpotAggTrades or DumpLayout.FuturesAggTrades;
        int columns = layout switch
        {
            DumpLayout.SpotTrades => 7,
            DumpLayout.FuturesTrades => 6,
            DumpLayout.SpotAggTrades => 8,
            _ => 7,
        };
        if (CountColumns(line) != columns) return Fail(out reason, ExpectedColumns(columns));

        if (!TryParseLong(Next(ref line), out long id)) return Fail(out reason, "the id is not a whole number");
        if (!Price.TryParse(Next(ref line), out Price price)) return Fail(out reason, "the price is not a non-negative decimal with at most 8 decimals");
        if (!Quantity.TryParse(Next(ref line), out Quantity quantity)) return Fail(out reason, "the quantity is not a non-negative decimal with at most 8 decimals");
        long first = 0, last = 0;
        if (aggregated)
        {
            if (!TryParseLong(Next(ref line), out first)) return Fail(out reason, "first_trade_id is not a whole number");
            if (!TryParseLong(Next(ref line), out last)) return Fail(out reason, "last_trade_id is not a whole number");
        }
        else
        {
            Next(ref line); // quote_qty: price times quantity, rounded by the exchange; recomputed exactly downstream
        }
        if (!TryParseLong(Next(ref line), out long time)) return Fail(out reason, "the time is not a whole number");
        if (!TryParseBool(Next(ref line), out bool buyerIsMaker)) return Fail(out reason, "is_buyer_maker is not True or False");
        if (layout is DumpLayout.SpotTrades or DumpLayout.SpotAggTrades)
        {
            if (!TryParseBool(Next(ref line), out _)) return Fail(out reason, "is_best_match is not True or False");
        }

        if (!Timestamps.TryNormalizeToMs(time, out long timestampMs)) return Fail(out reason, "the time is not a Unix time in ms or µs between 2000 and 2100");
        if (price.Raw == 0) return Fail(out reason, "the price is zero");
        if (quantity.Raw == 0) return Fail(out reason, "the quantity is zero");
        int tradeCount = 1;
        if (aggregated)
        {
            if (last < first || last - first >= int.MaxValue) return Fail(out reason, "last_trade_id is before first_trade_id");
            tradeCount = (int)(last - first + 1);
        }
        trade = new Trade(symbol, id, price, quantity, timestampMs, buyerIsMaker ? AggressorSide.Seller : AggressorSide.Buyer, tradeCount);
        reason = null;
        return true;
    }

    /// <summary>Parses a line of the klines or generic OHLCV layout.</summary>
    public static bool TryParseBar(ReadOnlySpan<byte> line, DumpLayout layout, Symbol symbol, Interval interval, out Bar bar, out string? reason)
    {
        bar = default;
        int columns = CountColumns(line);
        if (layout == DumpLayout.Klines ? columns != 12 : columns < 6)
            return Fail(out reason, layout == DumpLayout.Klines ? "expected 12 columns" : "expected at least 6 columns");

        if (!TryParseLong(Next(ref line), out long openTime)) return Fail(out reason, "the open time is not a whole number");
        if (!Price.TryParse(Next(ref line), out Price open)) return Fail(out reason, "open is not a non-negative decimal with at most 8 decimals");
        if (!Price.TryParse(Next(ref line), out Price high)) return Fail(out reason, "high is not a non-negative decimal with at most 8 decimals");
        if (!Price.TryParse(Next(ref line), out Price low)) return Fail(out reason, "low is not a non-negative decimal with at most 8 decimals");
        if (!Price.TryParse(Next(ref line), out Price close)) return Fail(out reason, "close is not a non-negative decimal with at most 8 decimals");
        if (!DecimalText.TryParse(Next(ref line), out decimal volume)) return Fail(out reason, "volume is not an exact decimal");
        decimal quoteVolume = 0m, takerBuyVolume = 0m, takerBuyQuoteVolume = 0m;
        long count = 0;
        if (layout == DumpLayout.Klines)
        {
            if (!TryParseLong(Next(ref line), out _)) return Fail(out reason, "close_time is not a whole number");
            if (!DecimalText.TryParse(Next(ref line), out quoteVolume)) return Fail(out reason, "quote_volume is not an exact decimal");
            if (!TryParseLong(Next(ref line), out count)) return Fail(out reason, "count is not a whole number");
            if (!DecimalText.TryParse(Next(ref line), out takerBuyVolume)) return Fail(out reason, "taker_buy_volume is not an exact decimal");
            if (!DecimalText.TryParse(Next(ref line), out takerBuyQuoteVolume)) return Fail(out reason, "taker_buy_quote_volume is not an exact decimal");
        }

        if (!Timestamps.TryNormalizeToMs(openTime, out long openTimeMs)) return Fail(out reason, "the open time is not a Unix time in ms or µs between 2000 and 2100");
        reason = Bar.FindProblem(interval, openTimeMs, open, high, low, close, volume, quoteVolume, count, takerBuyVolume, takerBuyQuoteVolume);
        if (reason is not null) return false;
        bar = new Bar(symbol, interval, openTimeMs, open, high, low, close, volume, quoteVolume, count, takerBuyVolume, takerBuyQuoteVolume);
        return true;
    }

    /// <summary>Returns the number of comma-separated fields.</summary>
    public static int CountColumns(ReadOnlySpan<byte> line) => line.Count((byte)',') + 1;

    /// <summary>Returns the field before the next comma and moves past it.</summary>
    public static ReadOnlySpan<byte> Next(ref ReadOnlySpan<byte> rest)
    {
        int comma = rest.IndexOf((byte)',');
        ReadOnlySpan<byte> field;
        if (comma < 0)
        {
            field = rest;
            rest = default;
        }
        else
        {
            field = rest[..comma];
            rest = rest[(comma + 1)..];
        }
        return field;
    }

    /// <summary>Parses 1 to 18 ASCII digits, nothing else: ids and times are never negative in a dump.</summary>
    public static bool TryParseLong(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        if (utf8.IsEmpty || utf8.Length > MaxDigits) return false;
        long result = 0;
        foreach (byte c in utf8)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9) return false;
            result = result * 10 + digit;
        }
        value = result;
        return true;
    }

    /// <summary>Parses <c>True</c>/<c>true</c>/<c>False</c>/<c>false</c> (Python and Java writers differ).</summary>
    public static bool TryParseBool(ReadOnlySpan<byte> utf8, out bool value)
    {
        value = false;
        if (utf8.Length == 4 && (utf8[0] | 0x20) == 't' && utf8[1..].SequenceEqual("rue"u8)) return value = true;
        return utf8.Length == 5 && (utf8[0] | 0x20) == 'f' && utf8[1..].SequenceEqual("alse"u8);
    }

    private static string ExpectedColumns(int columns) => columns switch
    {
        6 => "expected 6 columns",
        7 => "expected 7 columns",
        _ => "expected 8 columns",
    };

    private static bool Fail(out string? reason, string text)
    {
        reason = text;
        return false;
    }
}
