namespace Tickwise.Binance.Client;

/// <summary>What became of a range of trade ids the stream did not deliver.</summary>
public enum TradeGapKind : byte
{
    /// <summary>The trades were fetched over REST and delivered in order (backfilled).</summary>
    Repaired = 0,

    /// <summary>The trades are known to be missing and were not delivered (REST failed, or the stream cannot be repaired).</summary>
    Missing = 1,
}
