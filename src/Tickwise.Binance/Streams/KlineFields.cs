namespace Tickwise.Binance.Streams;

/// <summary>The raw fields of a kline payload's <c>"k"</c> object.</summary>
internal ref struct KlineFields
{
    public JsonField OpenTime;      // t
    public JsonField Symbol;        // s
    public JsonField Interval;      // i
    public JsonField Open;          // o
    public JsonField High;          // h
    public JsonField Low;           // l
    public JsonField Close;         // c
    public JsonField Volume;        // v
    public JsonField QuoteVolume;   // q
    public JsonField TradeCount;    // n
    public JsonField IsClosed;      // x
    public JsonField TakerBuyVolume;      // V
    public JsonField TakerBuyQuoteVolume; // Q
}
