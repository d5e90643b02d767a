namespace Tickwise.Binance.Streams;

/// <summary>A Binance field name with its failure texts, built once so that reporting a failure allocates nothing.</summary>
internal sealed class FieldName
{
    private FieldName(string name)
    {
        Missing = $"missing field '{name}'";
        WrongType = $"field '{name}' has the wrong JSON type";
        BadNumber = $"field '{name}' is not a valid number";
        BadTimestamp = $"field '{name}' is not a plausible Unix time";
        BadValue = $"field '{name}' has an invalid value";
    }

    public string Missing { get; }
    public string WrongType { get; }
    public string BadNumber { get; }
    public string BadTimestamp { get; }
    public string BadValue { get; }

    public static readonly FieldName EventType = new("e");
    public static readonly FieldName EventTime = new("E");
    public static readonly FieldName TransactionTime = new("T");
    public static readonly FieldName Symbol = new("s");
    public static readonly FieldName TradeId = new("t");
    public static readonly FieldName Price = new("p");
    public static readonly FieldName Quantity = new("q");
    public static readonly FieldName BuyerIsMaker = new("m");
    public static readonly FieldName AggregateId = new("a");
    public static readonly FieldName FirstTradeId = new("f");
    public static readonly FieldName LastTradeId = new("l");
    public static readonly FieldName BidPrice = new("b");
    public static readonly FieldName BidQuantity = new("B");
    public static readonly FieldName AskPrice = new("a");
    public static readonly FieldName AskQuantity = new("A");
    public static readonly FieldName BookUpdateId = new("u");
    public static readonly FieldName FirstUpdateId = new("U");
    public static readonly FieldName PreviousFinalUpdateId = new("pu");
    public static readonly FieldName LastUpdateId = new("lastUpdateId");
    public static readonly FieldName Bids = new("b");
    public static readonly FieldName Asks = new("a");
    public static readonly FieldName SnapshotBids = new("bids");
    public static readonly FieldName SnapshotAsks = new("asks");
    public static readonly FieldName Data = new("data");
    public static readonly FieldName Kline = new("k");
    public static readonly FieldName KlineOpenTime = new("k.t");
    public static readonly FieldName KlineInterval = new("k.i");
    public static readonly FieldName KlineOpen = new("k.o");
    public static readonly FieldName KlineHigh = new("k.h");
    public static readonly FieldName KlineLow = new("k.l");
    public static readonly FieldName KlineClose = new("k.c");
    public static readonly FieldName KlineVolume = new("k.v");
    public static readonly FieldName KlineQuoteVolume = new("k.q");
    public static readonly FieldName KlineTradeCount = new("k.n");
    public static readonly FieldName KlineIsClosed = new("k.x");
    public static readonly FieldName KlineTakerBuyVolume = new("k.V");
    public static readonly FieldName KlineTakerBuyQuoteVolume = new("k.Q");
}
