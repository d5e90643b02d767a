using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>
/// Parses Binance WebSocket payloads (spot and USD-M futures) and REST depth snapshots into market data,
/// without allocating and without throwing.
/// </summary>
/// <remarks>
/// <para>Reads bare payloads and combined-stream envelopes <c>{"stream":"btcusdt@trade","data":{...}}</c> in either
/// key order. Understands <c>trade</c>, <c>aggTrade</c>, <c>bookTicker</c>, <c>kline</c>, <c>depthUpdate</c>,
/// partial depth (<c>@depth5/10/20</c>, whose spot payload has no symbol: the stream name gives it) and the REST
/// snapshot <c>{"lastUpdateId":...,"bids":[...],"asks":[...]}</c>. Anything else that is valid JSON (24h tickers,
/// user data, subscription acknowledgements) is <see cref="ParseStatus.Ignored"/>.</para>
/// <para>Trades and aggregated trades in the exact compact form Binance sends take a fast path (a direct scan of the
/// bytes); any other shape, and any message the scan would have to reject, goes through the general
/// <see cref="Utf8JsonReader"/> path, so the result never depends on which path read the message.</para>
/// <para>Conventions: Binance's <c>m</c> (buyer is maker) becomes the aggressor side (<c>m = true</c> means the seller
/// took liquidity); a trade is stamped with its trade time <c>T</c>; an aggregated trade counts <c>l - f + 1</c>
/// trades. A spot <c>bookTicker</c> carries no time, so its quote has <see cref="Quote.TimestampMs"/> = 0 and the
/// source must stamp it with its receive time; futures quotes use <c>T</c>. Timestamps in microseconds are
/// converted to milliseconds.</para>
/// <para>Prices and quantities are parsed exactly from their strings; escaped strings, exponents and more than
/// eight decimals are refused. Allocation: none once the symbol names are interned and the
/// <see cref="DepthUpdate"/> arrays have grown to the feed's size; rejecting malformed JSON costs one exception
/// inside the parser (never thrown to the caller), which is the price of <see cref="Utf8JsonReader"/>'s API.</para>
/// </remarks>
public static class BinanceMessageParser
{
    private const int MaxEscapedNameLength = 32;

    /// <summary>
    /// Parses one message. Returns <see cref="ParseStatus.Parsed"/> with <paramref name="message"/> set,
    /// <see cref="ParseStatus.Ignored"/> for valid non-market JSON, or an error status with a static reason.
    /// Never throws.
    /// </summary>
    /// <param name="utf8">One complete message as UTF-8 JSON.</param>
    /// <param name="depthBuffer">Receives depth levels; cleared first, and undefined after a failure. When null,
    /// depth messages are ignored.</param>
    /// <param name="message">The parsed message; default unless the result is <see cref="ParseStatus.Parsed"/>.</param>
    public static ParseResult Parse(ReadOnlySpan<byte> utf8, DepthUpdate? depthBuffer, out StreamMessage message)
    {
        message = default;
        // Every depth message clears the sides it reads and sets every header field on success, so a buffer that
        // no depth message touched since its last clear needs no clearing (the common case on a trade stream).
        if (depthBuffer is { IsClean: false }) depthBuffer.Clear();
        // Trades are most of a feed: the scanner reads Binance's own form of them several times faster, and leaves
        // everything else (other events, any deviation, any failure) to the general reader below.
        if (TradeScanner.TryParse(utf8, ref message)) return ParseResult.Success;
        return ReadGeneral(utf8, depthBuffer, ref message);
    }

    /// <summary>Parses one message with the general reader only, bypassing <see cref="TradeScanner"/>: the reference
    /// the scanner is tested against. Same contract as <see cref="Parse"/>.</summary>
    internal static ParseResult ParseGeneral(ReadOnlySpan<byte> utf8, DepthUpdate? depthBuffer, out StreamMessage message)
    {
        message = default;
        if (depthBuffer is { IsClean: false }) depthBuffer.Clear();
        return ReadGeneral(utf8, depthBuffer, ref message);
    }

    private static ParseResult ReadGeneral(ReadOnlySpan<byte> utf8, DepthUpdate? depthBuffer, ref StreamMessage message)
    {
        var fields = new MessageFields();
        Span<byte> scratch = stackalloc byte[MaxEscapedNameLength];
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            if (!reader.Read()) return ParseResult.Fail(ParseStatus.MalformedJson, "empty input");
            if (reader.TokenType != JsonTokenType.StartObject) return ParseResult.Fail(ParseStatus.WrongType, "the message is not a JSON object");
            if (!ReadObject(ref reader, ref fields, depthBuffer, scratch, envelope: true) || reader.Read())
                return ParseResult.Fail(ParseStatus.MalformedJson, "malformed JSON");
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports bad syntax only by throwing; it stops here and never reaches the caller.
            return ParseResult.Fail(ParseStatus.MalformedJson, "malformed JSON");
        }
        return MessageBuilder.Build(ref fields, depthBuffer, ref message);
    }

    /// <summary>Reads the members of the object the reader stands on; false when the input ends inside it.</summary>
    private static bool ReadObject(ref Utf8JsonReader reader, ref MessageFields fields, DepthUpdate? depth, scoped Span<byte> scratch, bool envelope)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            ReadOnlySpan<byte> name = reader.ValueIsEscaped ? Unescape(reader, scratch) : reader.ValueSpan;
            if (!reader.Read()) return false;
            switch (name.Length)
            {
                case 1:
                    ReadLetter(ref reader, ref fields, depth, scratch, name[0]);
                    break;
                case 2 when name.SequenceEqual("pu"u8):
                    fields.PreviousFinalUpdateId = JsonField.Take(ref reader);
                    break;
                case 4 when name.SequenceEqual("bids"u8):
                    ReadSide(ref reader, ref fields, ref fields.SnapshotBids, depth, bids: true);
                    break;
                case 4 when name.SequenceEqual("asks"u8):
                    ReadSide(ref reader, ref fields, ref fields.SnapshotAsks, depth, bids: false);
                    break;
                case 4 when envelope && name.SequenceEqual("data"u8):
                    fields.DataType = reader.TokenType;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (!ReadObject(ref reader, ref fields, depth, scratch, envelope: false)) return false;
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                    break;
                case 6 when envelope && name.SequenceEqual("stream"u8):
                    fields.Stream = JsonField.Take(ref reader);
                    break;
                case 12 when name.SequenceEqual("lastUpdateId"u8):
                    fields.LastUpdateId = JsonField.Take(ref reader);
                    break;
                default:
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                    break;
            }
        }
        return false;
    }

    private static void ReadLetter(ref Utf8JsonReader reader, ref MessageFields fields, DepthUpdate? depth, scoped Span<byte> scratch, byte letter)
    {
        switch (letter)
        {
            case (byte)'e': fields.Event = ReadEventType(ref reader); break;
            case (byte)'E': fields.EventTime = JsonField.Take(ref reader); break;
            case (byte)'T': fields.TransactionTime = JsonField.Take(ref reader); break;
            case (byte)'s': fields.Symbol = JsonField.Take(ref reader); break;
            case (byte)'t': fields.TradeId = JsonField.Take(ref reader); break;
            case (byte)'p': fields.Price = JsonField.Take(ref reader); break;
            case (byte)'q': fields.Quantity = JsonField.Take(ref reader); break;
            case (byte)'m': fields.BuyerIsMaker = JsonField.Take(ref reader); break;
            case (byte)'f': fields.FirstTradeId = JsonField.Take(ref reader); break;
            case (byte)'l': fields.LastTradeId = JsonField.Take(ref reader); break;
            case (byte)'B': fields.BidQuantity = JsonField.Take(ref reader); break;
            case (byte)'A': fields.AskQuantity = JsonField.Take(ref reader); break;
            case (byte)'u': fields.FinalUpdateId = JsonField.Take(ref reader); break;
            case (byte)'U': fields.FirstUpdateId = JsonField.Take(ref reader); break;
            case (byte)'a': ReadSide(ref reader, ref fields, ref fields.LowerA, depth, bids: false); break;
            case (byte)'b': ReadSide(ref reader, ref fields, ref fields.LowerB, depth, bids: true); break;
            case (byte)'k':
                fields.KlineType = reader.TokenType;
                if (reader.TokenType == JsonTokenType.StartObject) ReadKline(ref reader, ref fields.Kline, scratch);
                else if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
                break;
            default:
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                break;
        }
    }

    private static EventType ReadEventType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            return EventType.NotString;
        }
        if (reader.ValueTextEquals("trade"u8)) return EventType.Trade;
        if (reader.ValueTextEquals("aggTrade"u8)) return EventType.AggTrade;
        if (reader.ValueTextEquals("depthUpdate"u8)) return EventType.DepthUpdate;
        if (reader.ValueTextEquals("bookTicker"u8)) return EventType.BookTicker;
        if (reader.ValueTextEquals("kline"u8)) return EventType.Kline;
        return EventType.Other;
    }

    /// <summary>Reads a value that may be an array of <c>[price, quantity]</c> levels or a scalar of the same name.</summary>
    private static void ReadSide(ref Utf8JsonReader reader, ref MessageFields fields, ref JsonField field, DepthUpdate? depth, bool bids)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            field = JsonField.Take(ref reader);
            return;
        }
        field = new JsonField { Type = JsonTokenType.StartArray };
        if (depth is null)
        {
            reader.Skip();
            return;
        }
        depth.ClearSide(bids);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                fields.FailLevels(ParseStatus.WrongType, "a depth level is not a [price, quantity] array");
                if (reader.TokenType == JsonTokenType.StartObject) reader.Skip();
                continue;
            }
            ReadLevel(ref reader, ref fields, depth, bids);
        }
    }

    private static void ReadLevel(ref Utf8JsonReader reader, ref MessageFields fields, DepthUpdate depth, bool bids)
    {
        int levelDepth = reader.CurrentDepth;
        Price price = default;
        Quantity quantity = default;
        int index = 0;
        bool ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                if (index < 2) ok = Fail(ref fields, ParseStatus.WrongType, "a depth level price or quantity is not a string");
                index++;
                continue;
            }
            if (index < 2)
            {
                if (reader.TokenType != JsonTokenType.String)
                    ok = Fail(ref fields, ParseStatus.WrongType, "a depth level price or quantity is not a string");
                else if (reader.ValueIsEscaped || (index == 0 ? !Price.TryParse(reader.ValueSpan, out price) : !Quantity.TryParse(reader.ValueSpan, out quantity)))
                    ok = Fail(ref fields, ParseStatus.BadNumber, "a depth level price or quantity is not a valid number");
            }
            index++;
        }
        if (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != levelDepth) return; // input ended: the caller sees it
        if (index < 2) ok = Fail(ref fields, ParseStatus.MissingField, "a depth level lacks its price or quantity");
        if (ok && !depth.TryAdd(bids, new BookLevel(price, quantity)))
            fields.FailLevels(ParseStatus.BadValue, "a depth message has more levels than DepthUpdate.MaxLevelsPerSide");
    }

    private static bool Fail(ref MessageFields fields, ParseStatus status, string detail)
    {
        fields.FailLevels(status, detail);
        return false;
    }

    private static void ReadKline(ref Utf8JsonReader reader, ref KlineFields k, scoped Span<byte> scratch)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            ReadOnlySpan<byte> name = reader.ValueIsEscaped ? Unescape(reader, scratch) : reader.ValueSpan;
            if (!reader.Read()) return;
            if (name.Length != 1)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                continue;
            }
            switch (name[0])
            {
                case (byte)'t': k.OpenTime = JsonField.Take(ref reader); break;
                case (byte)'s': k.Symbol = JsonField.Take(ref reader); break;
                case (byte)'i': k.Interval = JsonField.Take(ref reader); break;
                case (byte)'o': k.Open = JsonField.Take(ref reader); break;
                case (byte)'h': k.High = JsonField.Take(ref reader); break;
                case (byte)'l': k.Low = JsonField.Take(ref reader); break;
                case (byte)'c': k.Close = JsonField.Take(ref reader); break;
                case (byte)'v': k.Volume = JsonField.Take(ref reader); break;
                case (byte)'q': k.QuoteVolume = JsonField.Take(ref reader); break;
                case (byte)'n': k.TradeCount = JsonField.Take(ref reader); break;
                case (byte)'x': k.IsClosed = JsonField.Take(ref reader); break;
                case (byte)'V': k.TakerBuyVolume = JsonField.Take(ref reader); break;
                case (byte)'Q': k.TakerBuyQuoteVolume = JsonField.Take(ref reader); break;
                default:
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                    break;
            }
        }
    }

    /// <summary>Returns the escaped property name the reader stands on, unescaped; empty (matching nothing) when too long.</summary>
    private static ReadOnlySpan<byte> Unescape(in Utf8JsonReader reader, Span<byte> scratch)
    {
        // Unescaping never lengthens a name, so a raw name that fits the scratch fits after unescaping too.
        if (reader.ValueSpan.Length > scratch.Length) return default;
        int written = reader.CopyString(scratch);
        return scratch[..written];
    }
}
