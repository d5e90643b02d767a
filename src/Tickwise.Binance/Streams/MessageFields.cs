using System.Text.Json;

namespace Tickwise.Binance.Streams;

/// <summary>Everything one scan of a message found, envelope and payload together.</summary>
/// <remarks>
/// The envelope's keys (<c>stream</c>, <c>data</c>) never clash with payload keys, so one collector serves both
/// and the order of <c>stream</c> and <c>data</c> does not matter. Depth levels go straight into the caller's
/// <see cref="DepthUpdate"/>; their first problem is kept in <see cref="LevelsStatus"/>.
/// </remarks>
internal ref struct MessageFields
{
    public EventType Event;
    public JsonField Stream;
    public JsonTokenType DataType;

    public JsonField EventTime;       // E
    public JsonField TransactionTime; // T
    public JsonField Symbol;          // s
    public JsonField TradeId;         // t
    public JsonField Price;           // p
    public JsonField Quantity;        // q
    public JsonField BuyerIsMaker;    // m
    public JsonField LowerA;          // a: aggregated trade id, ask price or ask levels
    public JsonField FirstTradeId;    // f
    public JsonField LastTradeId;     // l
    public JsonField LowerB;          // b: buyer order id, bid price or bid levels
    public JsonField BidQuantity;     // B
    public JsonField AskQuantity;     // A
    public JsonField FinalUpdateId;   // u
    public JsonField FirstUpdateId;   // U
    public JsonField PreviousFinalUpdateId; // pu
    public JsonField LastUpdateId;    // lastUpdateId
    public JsonField SnapshotBids;    // bids
    public JsonField SnapshotAsks;    // asks

    public JsonTokenType KlineType;   // k
    public KlineFields Kline;

    public ParseStatus LevelsStatus;
    public string? LevelsDetail;

    public void FailLevels(ParseStatus status, string detail)
    {
        if (LevelsDetail is not null) return;
        LevelsStatus = status;
        LevelsDetail = detail;
    }
}
