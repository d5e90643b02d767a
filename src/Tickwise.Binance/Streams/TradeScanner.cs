using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>
/// The fast path of <see cref="BinanceMessageParser.Parse"/>: reads a <c>trade</c> or <c>aggTrade</c> payload in the
/// compact form Binance writes it, bare or in the combined-stream envelope, in one forward pass over the bytes.
/// </summary>
/// <remarks>
/// <para>Why: trades are most of a feed's messages, and walking their tokens with <c>Utf8JsonReader</c> alone costs
/// more than a direct scan that parses every value in place. The price of speed is narrowness, so the scanner
/// accepts only what Binance actually sends: <c>{"stream":"...","data":{</c> or <c>{</c>, then <c>"e"</c> first,
/// then the known keys of that event, each once, no whitespace, no escapes, integers without sign, fraction or
/// exponent. On any deviation (and on any value the general parser would reject) it declines, and the general
/// parser reads the message as before. So it never decides a failure: it either returns exactly the message the
/// general parser would, or leaves the message to it. A differential test over real captures and mutated variants
/// holds it to that.</para>
/// <para>Keys after <c>"e"</c> may come in any order because Binance's feeds order them differently (spot writes
/// <c>"s"</c> before <c>"a"</c>, 2021 futures the reverse; futures trades put <c>"T"</c> second). Keys the general
/// parser ignores for trades are accepted only with the type Binance gives them: <c>"E"</c> and the old spot order
/// ids <c>"b"</c>/<c>"a"</c> (numbers), <c>"M"</c> (bool), <c>"X"</c> and <c>"nq"</c> (strings).</para>
/// </remarks>
internal static class TradeScanner
{
    // Stands for the one two-letter key, "nq" (futures quantity without RPI orders), among the one-letter keys.
    private const byte NormalQuantityKey = (byte)'#';

    private static readonly ulong TradeRequired = Bit('s') | Bit('t') | Bit('p') | Bit('q') | Bit('T') | Bit('m');
    private static readonly ulong AggTradeRequired = Bit('s') | Bit('a') | Bit('p') | Bit('q') | Bit('f') | Bit('l') | Bit('T') | Bit('m');

    /// <summary>Parses the message when it is a trade or aggTrade in Binance's own form; false leaves it to the
    /// general parser. <paramref name="message"/> is written only on success.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, ref StreamMessage message)
    {
        int pos;
        bool envelope = utf8.StartsWith("{\"stream\":"u8);
        if (envelope)
        {
            pos = 10;
            // The stream name is not needed: a trade names its symbol in "s", which the general parser prefers too.
            if (!TrySkipString(utf8, ref pos) || !TryExpect(utf8, ref pos, ",\"data\":{"u8)) return false;
        }
        else
        {
            if (utf8.IsEmpty || utf8[0] != (byte)'{') return false;
            pos = 1;
        }

        bool aggregated;
        if (TryExpect(utf8, ref pos, "\"e\":\"trade\""u8)) aggregated = false;
        else if (TryExpect(utf8, ref pos, "\"e\":\"aggTrade\""u8)) aggregated = true;
        else return false;

        Symbol symbol = default;
        Price price = default;
        Quantity quantity = default;
        long id = 0, first = 0, last = 0, timestampMs = 0;
        bool buyerIsMaker = false;
        ulong seen = 0;
        while (true)
        {
            if ((uint)pos >= (uint)utf8.Length) return false;
            byte separator = utf8[pos++];
            if (separator == (byte)'}') break;
            if (separator != (byte)',' || !TryReadKey(utf8, ref pos, out byte key)) return false;
            ulong bit = Bit(key);
            // A repeated key means "last wins" to the general parser; not worth reproducing here.
            if ((seen & bit) != 0) return false;
            seen |= bit;
            ReadOnlySpan<byte> text;
            bool ok;
            switch (key)
            {
                case (byte)'s': ok = TryReadString(utf8, ref pos, out text) && SymbolCache.TryParse(text, out symbol); break;
                case (byte)'p': ok = TryReadString(utf8, ref pos, out text) && Price.TryParse(text, out price); break;
                case (byte)'q': ok = TryReadString(utf8, ref pos, out text) && Quantity.TryParse(text, out quantity); break;
                case (byte)'T': ok = TryReadInteger(utf8, ref pos, out long raw) && Timestamps.TryNormalizeToMs(raw, out timestampMs); break;
                case (byte)'m': ok = TryReadBool(utf8, ref pos, out buyerIsMaker); break;
                case (byte)'t' when !aggregated: ok = TryReadInteger(utf8, ref pos, out id); break;
                case (byte)'a' when aggregated: ok = TryReadInteger(utf8, ref pos, out id); break;
                case (byte)'f' when aggregated: ok = TryReadInteger(utf8, ref pos, out first); break;
                case (byte)'l' when aggregated: ok = TryReadInteger(utf8, ref pos, out last); break;
                // Keys the general parser ignores for trades (event time, the old spot trades' buyer and seller order
                // ids, the futures order type and "nq"): read only to step over them.
                case (byte)'E':
                case (byte)'a' when !aggregated:
                case (byte)'b' when !aggregated:
                    ok = TryReadInteger(utf8, ref pos, out _);
                    break;
                case (byte)'M': ok = TryReadBool(utf8, ref pos, out _); break;
                case (byte)'X':
                case NormalQuantityKey:
                    ok = TryReadString(utf8, ref pos, out _);
                    break;
                default: return false;
            }
            if (!ok) return false;
        }
        if (envelope && !TryExpect(utf8, ref pos, "}"u8)) return false;
        // Trailing bytes, even whitespace that JSON allows, go to the general parser.
        if (pos != utf8.Length) return false;

        // The same checks, in effect, as MessageBuilder.BuildTrade; a failure is its to report.
        ulong required = aggregated ? AggTradeRequired : TradeRequired;
        if ((seen & required) != required) return false;
        if (price.Raw == 0 || quantity.Raw == 0) return false;
        int tradeCount = 1;
        if (aggregated)
        {
            if (last < first || last - first >= int.MaxValue) return false;
            tradeCount = (int)(last - first + 1);
        }
        var trade = new Trade(symbol, id, price, quantity, timestampMs, buyerIsMaker ? AggressorSide.Seller : AggressorSide.Buyer, tradeCount);
        message = StreamMessage.Of(aggregated ? StreamMessageKind.AggTrade : StreamMessageKind.Trade, MarketEvent.Of(trade));
        return true;
    }

    private static ulong Bit(char key) => Bit((byte)key);

    /// <summary>One bit per accepted key: letters map to bits 0..57, "nq" to bit 63.</summary>
    private static ulong Bit(byte key) => key == NormalQuantityKey ? 1UL << 63 : 1UL << (key - 'A');

    private static bool TryExpect(ReadOnlySpan<byte> utf8, scoped ref int pos, ReadOnlySpan<byte> expected)
    {
        if (!utf8[pos..].StartsWith(expected)) return false;
        pos += expected.Length;
        return true;
    }

    /// <summary>Reads <c>"x":</c> for one ASCII letter x, or <c>"nq":</c>.</summary>
    private static bool TryReadKey(ReadOnlySpan<byte> utf8, scoped ref int pos, out byte key)
    {
        key = 0;
        ReadOnlySpan<byte> rest = utf8[pos..];
        if (rest.Length >= 4 && rest[0] == (byte)'"' && rest[2] == (byte)'"' && rest[3] == (byte)':' && char.IsAsciiLetter((char)rest[1]))
        {
            key = rest[1];
            pos += 4;
            return true;
        }
        if (rest.StartsWith("\"nq\":"u8))
        {
            key = NormalQuantityKey;
            pos += 5;
            return true;
        }
        return false;
    }

    /// <summary>Reads a string of printable ASCII without escapes: what Binance sends, and what Utf8JsonReader
    /// accepts as is (it rejects control characters and bad UTF-8, so those go to it to be rejected).</summary>
    private static bool TryReadString(ReadOnlySpan<byte> utf8, scoped ref int pos, out ReadOnlySpan<byte> text)
    {
        text = default;
        if ((uint)pos >= (uint)utf8.Length || utf8[pos] != (byte)'"') return false;
        int start = pos + 1;
        for (int i = start; i < utf8.Length; i++)
        {
            byte c = utf8[i];
            if (c == (byte)'"')
            {
                text = utf8[start..i];
                pos = i + 1;
                return true;
            }
            if (c is < 0x20 or > 0x7E or (byte)'\\') return false;
        }
        return false;
    }

    private static bool TrySkipString(ReadOnlySpan<byte> utf8, scoped ref int pos) => TryReadString(utf8, ref pos, out _);

    /// <summary>Reads a JSON integer without sign: no leading zero (JSON forbids it), at most 18 digits (always fits a
    /// long). A fraction or exponent after it fails at the caller, which expects ',' or '}' next.</summary>
    private static bool TryReadInteger(ReadOnlySpan<byte> utf8, scoped ref int pos, out long value)
    {
        value = 0;
        int start = pos;
        for (; pos < utf8.Length; pos++)
        {
            uint digit = (uint)(utf8[pos] - '0');
            if (digit > 9) break;
            value = value * 10 + digit;
        }
        int digits = pos - start;
        return digits is > 0 and <= 18 && (digits == 1 || utf8[start] != (byte)'0');
    }

    private static bool TryReadBool(ReadOnlySpan<byte> utf8, scoped ref int pos, out bool value)
    {
        value = false;
        if (TryExpect(utf8, ref pos, "true"u8)) value = true;
        else if (!TryExpect(utf8, ref pos, "false"u8)) return false;
        return true;
    }
}
