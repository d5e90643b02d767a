using Tickwise.Core.Market;

namespace Tickwise.Ingest;

/// <summary>Something downstream of the ingest that wants the market as it lands: live indicators, CSV writers, feeds.</summary>
/// <remarks>
/// Called on the ingest thread, in the order events arrive; a closed bar comes when its trades have been stored, so
/// it may trail the quotes of the same moment by one batch. Implementations must be quick and must not throw.
/// </remarks>
internal interface IMarketObserver
{
    /// <summary>A trade, before it is stored.</summary>
    void OnTrade(in Trade trade);

    /// <summary>A best bid/ask update.</summary>
    void OnQuote(in Quote quote);

    /// <summary>A bar that closed in the stream (not a bar rebuilt from the store).</summary>
    void OnBarClosed(in Bar bar);
}
