using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>Turns the fields one scan collected into a message of the kind they describe.</summary>
/// <remarks><c>message</c> is passed by reference and written only on success: it is a few hundred bytes, and the
/// caller has already cleared it.</remarks>
internal static class MessageBuilder
{
    public static ParseResult Build(ref MessageFields fields, DepthUpdate? depth, ref StreamMessage message)
    {
        if (fields.DataType != JsonTokenType.None && fields.DataType != JsonTokenType.StartObject)
            return ParseResult.Fail(ParseStatus.WrongType, FieldName.Data.WrongType);
        switch (fields.Event)
        {
            case EventType.Trade: return BuildTrade(ref fields, aggregated: false, ref message);
            case EventType.AggTrade: return BuildTrade(ref fields, aggregated: true, ref message);
            case EventType.BookTicker: return BuildQuote(ref fields, ref message);
            case EventType.Kline: return BuildKline(ref fields, ref message);
            case EventType.DepthUpdate: return BuildDepth(ref fields, depth, ref message);
            case EventType.Other: return ParseResult.Fail(ParseStatus.Ignored, "not a market data event");
            case EventType.NotString: return ParseResult.Fail(ParseStatus.WrongType, FieldName.EventType.WrongType);
        }

        // No "e": a spot bookTicker ({"u","s","b","B","a","A"}), a depth snapshot, or something else.
        if (fields.LastUpdateId.IsPresent) return BuildSnapshot(ref fields, depth, ref message);
        if (fields.Symbol.IsPresent && fields.LowerB.IsPresent && fields.LowerA.IsPresent)
            return BuildQuote(ref fields, ref message);
        return ParseResult.Fail(ParseStatus.Ignored, "not a market data message");
    }

    private static ParseResult BuildTrade(ref MessageFields f, bool aggregated, ref StreamMessage message)
    {
        ParseResult r;
        if (!(r = ResolveSymbol(ref f, out Symbol symbol)).IsParsed) return r;
        long id, first = 0, last = 0;
        r = aggregated ? FieldReader.Id(f.LowerA, FieldName.AggregateId, out id) : FieldReader.Id(f.TradeId, FieldName.TradeId, out id);
        if (!r.IsParsed) return r;
        if (!(r = FieldReader.Price(f.Price, FieldName.Price, out Price price)).IsParsed) return r;
        if (!(r = FieldReader.Quantity(f.Quantity, FieldName.Quantity, out Quantity quantity)).IsParsed) return r;
        if (!(r = FieldReader.Timestamp(f.TransactionTime, FieldName.TransactionTime, out long timestampMs)).IsParsed) return r;
        if (!(r = FieldReader.Bool(f.BuyerIsMaker, FieldName.BuyerIsMaker, out bool buyerIsMaker)).IsParsed) return r;
        int tradeCount = 1;
        if (aggregated)
        {
            if (!(r = FieldReader.Id(f.FirstTradeId, FieldName.FirstTradeId, out first)).IsParsed) return r;
            if (!(r = FieldReader.Id(f.LastTradeId, FieldName.LastTradeId, out last)).IsParsed) return r;
            if (last < first || last - first >= int.MaxValue)
                return ParseResult.Fail(ParseStatus.BadValue, "aggregated trade ids 'f'..'l' are reversed or span too many trades");
            tradeCount = (int)(last - first + 1);
        }
        if (quantity.Raw == 0) return ParseResult.Fail(ParseStatus.BadValue, "a trade has zero quantity");
        if (price.Raw == 0) return ParseResult.Fail(ParseStatus.BadValue, "a trade has zero price");
        var trade = new Trade(symbol, id, price, quantity, timestampMs, buyerIsMaker ? AggressorSide.Seller : AggressorSide.Buyer, tradeCount);
        message = StreamMessage.Of(aggregated ? StreamMessageKind.AggTrade : StreamMessageKind.Trade, MarketEvent.Of(trade));
        return r;
    }

    private static ParseResult BuildQuote(ref MessageFields f, ref StreamMessage message)
    {
        ParseResult r;
        if (!(r = ResolveSymbol(ref f, out Symbol symbol)).IsParsed) return r;
        if (!(r = FieldReader.Id(f.FinalUpdateId, FieldName.BookUpdateId, out long updateId)).IsParsed) return r;
        if (!(r = FieldReader.Price(f.LowerB, FieldName.BidPrice, out Price bid)).IsParsed) return r;
        if (!(r = FieldReader.Quantity(f.BidQuantity, FieldName.BidQuantity, out Quantity bidQuantity)).IsParsed) return r;
        if (!(r = FieldReader.Price(f.LowerA, FieldName.AskPrice, out Price ask)).IsParsed) return r;
        if (!(r = FieldReader.Quantity(f.AskQuantity, FieldName.AskQuantity, out Quantity askQuantity)).IsParsed) return r;

        // Futures give T (transaction time) and E; spot gives neither, and the source stamps the quote on receipt.
        long timestampMs = 0;
        if (f.TransactionTime.IsPresent)
            r = FieldReader.Timestamp(f.TransactionTime, FieldName.TransactionTime, out timestampMs);
        else if (f.EventTime.IsPresent)
            r = FieldReader.Timestamp(f.EventTime, FieldName.EventTime, out timestampMs);
        if (!r.IsParsed) return r;

        message = StreamMessage.Of(StreamMessageKind.Quote, MarketEvent.Of(new Quote(symbol, updateId, bid, bidQuantity, ask, askQuantity, timestampMs)));
        return r;
    }

    private static ParseResult BuildKline(ref MessageFields f, ref StreamMessage message)
    {
        ParseResult r;
        if (f.KlineType == JsonTokenType.None) return ParseResult.Fail(ParseStatus.MissingField, FieldName.Kline.Missing);
        if (f.KlineType != JsonTokenType.StartObject) return ParseResult.Fail(ParseStatus.WrongType, FieldName.Kline.WrongType);
        ref KlineFields k = ref f.Kline;
        Symbol symbol;
        if (f.Symbol.IsPresent || !k.Symbol.IsPresent) r = ResolveSymbol(ref f, out symbol);
        else r = FieldReader.Symbol(k.Symbol, FieldName.Symbol, out symbol);
        if (!r.IsParsed) return r;
        if (!(r = FieldReader.Timestamp(f.EventTime, FieldName.EventTime, out long eventTimeMs)).IsParsed) return r;
        if (!(r = FieldReader.Timestamp(k.OpenTime, FieldName.KlineOpenTime, out long openTimeMs)).IsParsed) return r;
        if (!(r = ReadInterval(k.Interval, out Interval interval)).IsParsed) return r;
        if (!(r = FieldReader.Price(k.Open, FieldName.KlineOpen, out Price open)).IsParsed) return r;
        if (!(r = FieldReader.Price(k.High, FieldName.KlineHigh, out Price high)).IsParsed) return r;
        if (!(r = FieldReader.Price(k.Low, FieldName.KlineLow, out Price low)).IsParsed) return r;
        if (!(r = FieldReader.Price(k.Close, FieldName.KlineClose, out Price close)).IsParsed) return r;
        if (!(r = FieldReader.Decimal(k.Volume, FieldName.KlineVolume, out decimal volume)).IsParsed) return r;
        if (!(r = FieldReader.Decimal(k.QuoteVolume, FieldName.KlineQuoteVolume, out decimal quoteVolume)).IsParsed) return r;
        if (!(r = FieldReader.Long(k.TradeCount, FieldName.KlineTradeCount, out long tradeCount)).IsParsed) return r;
        if (!(r = FieldReader.Bool(k.IsClosed, FieldName.KlineIsClosed, out bool isClosed)).IsParsed) return r;
        if (!(r = FieldReader.Decimal(k.TakerBuyVolume, FieldName.KlineTakerBuyVolume, out decimal takerBuyVolume)).IsParsed) return r;
        if (!(r = FieldReader.Decimal(k.TakerBuyQuoteVolume, FieldName.KlineTakerBuyQuoteVolume, out decimal takerBuyQuoteVolume)).IsParsed) return r;

        if (Bar.FindProblem(interval, openTimeMs, open, high, low, close, volume, quoteVolume, tradeCount, takerBuyVolume, takerBuyQuoteVolume) is not null)
            return ParseResult.Fail(ParseStatus.BadValue, "the kline is not a valid bar (misaligned, low above high, price outside [low, high] or negative volume)");
        var bar = new Bar(symbol, interval, openTimeMs, open, high, low, close, volume, quoteVolume, tradeCount, takerBuyVolume, takerBuyQuoteVolume);
        message = StreamMessage.Of(StreamMessageKind.Kline, MarketEvent.Of(new Kline(bar, isClosed, eventTimeMs)));
        return r;
    }

    private static ParseResult BuildDepth(ref MessageFields f, DepthUpdate? depth, ref StreamMessage message)
    {
        if (depth is null) return ParseResult.Fail(ParseStatus.Ignored, "a depth message, and no depth buffer to parse it into");
        ParseResult r;
        if (!(r = ResolveSymbol(ref f, out Symbol symbol)).IsParsed) return r;
        if (!(r = FieldReader.Timestamp(f.EventTime, FieldName.EventTime, out long eventTimeMs)).IsParsed) return r;
        long transactionTimeMs = 0;
        if (f.TransactionTime.IsPresent && !(r = FieldReader.Timestamp(f.TransactionTime, FieldName.TransactionTime, out transactionTimeMs)).IsParsed) return r;
        if (!(r = FieldReader.Id(f.FirstUpdateId, FieldName.FirstUpdateId, out long firstId)).IsParsed) return r;
        if (!(r = FieldReader.Id(f.FinalUpdateId, FieldName.BookUpdateId, out long finalId)).IsParsed) return r;
        long previousFinalId = -1;
        if (f.PreviousFinalUpdateId.IsPresent && !(r = FieldReader.Long(f.PreviousFinalUpdateId, FieldName.PreviousFinalUpdateId, out previousFinalId)).IsParsed) return r;
        if (!(r = CheckLevels(ref f, f.LowerB, FieldName.Bids, f.LowerA, FieldName.Asks)).IsParsed) return r;
        if (finalId < firstId) return ParseResult.Fail(ParseStatus.BadValue, "depth update ids 'U'..'u' are reversed");

        depth.Symbol = symbol;
        depth.IsSnapshot = IsPartialDepthStream(f.Stream);
        depth.EventTimeMs = eventTimeMs;
        depth.TransactionTimeMs = transactionTimeMs;
        depth.FirstUpdateId = firstId;
        depth.FinalUpdateId = finalId;
        depth.PreviousFinalUpdateId = previousFinalId;
        message = StreamMessage.Of(depth.IsSnapshot ? StreamMessageKind.DepthSnapshot : StreamMessageKind.Depth, depth);
        return r;
    }

    private static ParseResult BuildSnapshot(ref MessageFields f, DepthUpdate? depth, ref StreamMessage message)
    {
        if (depth is null) return ParseResult.Fail(ParseStatus.Ignored, "a depth message, and no depth buffer to parse it into");
        ParseResult r;
        if (!(r = FieldReader.Id(f.LastUpdateId, FieldName.LastUpdateId, out long lastUpdateId)).IsParsed) return r;
        Symbol symbol = default;
        if ((f.Symbol.IsPresent || f.Stream.IsPresent) && !(r = ResolveSymbol(ref f, out symbol)).IsParsed) return r;
        long eventTimeMs = 0, transactionTimeMs = 0;
        if (f.EventTime.IsPresent && !(r = FieldReader.Timestamp(f.EventTime, FieldName.EventTime, out eventTimeMs)).IsParsed) return r;
        if (f.TransactionTime.IsPresent && !(r = FieldReader.Timestamp(f.TransactionTime, FieldName.TransactionTime, out transactionTimeMs)).IsParsed) return r;
        if (!(r = CheckLevels(ref f, f.SnapshotBids, FieldName.SnapshotBids, f.SnapshotAsks, FieldName.SnapshotAsks)).IsParsed) return r;

        depth.Symbol = symbol;
        depth.IsSnapshot = true;
        depth.EventTimeMs = eventTimeMs;
        depth.TransactionTimeMs = transactionTimeMs;
        depth.FirstUpdateId = lastUpdateId;
        depth.FinalUpdateId = lastUpdateId;
        depth.PreviousFinalUpdateId = -1;
        message = StreamMessage.Of(StreamMessageKind.DepthSnapshot, depth);
        return r;
    }

    private static ParseResult CheckLevels(ref MessageFields f, in JsonField bids, FieldName bidsName, in JsonField asks, FieldName asksName)
    {
        if (!bids.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, bidsName.Missing);
        if (bids.Type != JsonTokenType.StartArray) return ParseResult.Fail(ParseStatus.WrongType, bidsName.WrongType);
        if (!asks.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, asksName.Missing);
        if (asks.Type != JsonTokenType.StartArray) return ParseResult.Fail(ParseStatus.WrongType, asksName.WrongType);
        return f.LevelsDetail is null ? ParseResult.Success : ParseResult.Fail(f.LevelsStatus, f.LevelsDetail);
    }

    /// <summary>Takes the symbol from <c>s</c>, or else from the stream name (<c>btcusdt@depth5</c>).</summary>
    private static ParseResult ResolveSymbol(ref MessageFields f, out Symbol symbol)
    {
        if (f.Symbol.IsPresent || !f.Stream.IsPresent) return FieldReader.Symbol(f.Symbol, FieldName.Symbol, out symbol);
        symbol = default;
        if (f.Stream.Type != JsonTokenType.String || f.Stream.Escaped) return ParseResult.Fail(ParseStatus.WrongType, "field 'stream' is not a plain string");
        ReadOnlySpan<byte> name = f.Stream.Value;
        int at = name.IndexOf((byte)'@');
        if (at <= 0 || !Symbol.TryParse(name[..at], out symbol)) return ParseResult.Fail(ParseStatus.BadValue, "the stream name does not start with a symbol");
        return ParseResult.Success;
    }

    /// <summary>True for <c>symbol@depth5</c>, <c>@depth10</c>, <c>@depth20</c> (optionally <c>@100ms</c>): the top of the book, not a diff.</summary>
    private static bool IsPartialDepthStream(in JsonField stream)
    {
        if (stream.Type != JsonTokenType.String || stream.Escaped) return false;
        ReadOnlySpan<byte> name = stream.Value;
        int at = name.IndexOf("@depth"u8);
        return at >= 0 && at + 6 < name.Length && name[at + 6] is >= (byte)'0' and <= (byte)'9';
    }

    private static ParseResult ReadInterval(in JsonField field, out Interval interval)
    {
        interval = default;
        if (!field.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, FieldName.KlineInterval.Missing);
        if (field.Type != JsonTokenType.String) return ParseResult.Fail(ParseStatus.WrongType, FieldName.KlineInterval.WrongType);
        ReadOnlySpan<byte> utf8 = field.Value;
        Span<char> text = stackalloc char[8];
        // Binance's 1w and 1M do not divide a day, so Interval refuses them; so does this parser.
        if (field.Escaped || utf8.Length > text.Length) return ParseResult.Fail(ParseStatus.BadValue, FieldName.KlineInterval.BadValue);
        for (int i = 0; i < utf8.Length; i++) text[i] = (char)utf8[i];
        return Interval.TryParse(text[..utf8.Length], out interval) ? ParseResult.Success : ParseResult.Fail(ParseStatus.BadValue, FieldName.KlineInterval.BadValue);
    }
}
