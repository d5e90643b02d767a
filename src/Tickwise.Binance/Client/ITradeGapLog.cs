namespace Tickwise.Binance.Client;

/// <summary>One symbol's log of trade-id ranges that did not come from the stream (backfilled or missing), read by
/// whatever flags bar quality.</summary>
public interface ITradeGapLog
{
    /// <summary>Takes the oldest logged gap, if any. Gaps come out in id order, each logged before the trades after it
    /// are delivered.</summary>
    bool TryTakeGap(out TradeGap gap);
}
