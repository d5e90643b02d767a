namespace Tickwise.Binance.Client;

/// <summary>A range of one symbol's trade ids that did not come from the stream: backfilled over REST, or missing.</summary>
/// <param name="Kind">Repaired (delivered from REST) or missing (never delivered).</param>
/// <param name="FromId">The first id of the range.</param>
/// <param name="ToId">The last id of the range (inclusive).</param>
/// <remarks>A client logs a symbol's gaps (<see cref="StreamSymbolStatus.TryTakeGap"/>) before it delivers the trades
/// after them, in id order, so a consumer reading trades in delivery order always finds the gap first.</remarks>
public readonly record struct TradeGap(TradeGapKind Kind, long FromId, long ToId)
{
    /// <summary>The number of trade ids in the range.</summary>
    public long Count => ToId - FromId + 1;
}
