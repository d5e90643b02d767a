using Tickwise.Binance.Book;
using Tickwise.Core.Market;

namespace Tickwise.Sources;

/// <summary>What a replay kept and counted for one symbol: its order book and its trade and quote counts.</summary>
internal sealed class ReplaySymbol(Symbol symbol)
{
    /// <summary>The symbol.</summary>
    public Symbol Symbol { get; } = symbol;

    /// <summary>The local order book, from the recorded snapshot and depth diffs.</summary>
    public OrderBook Book { get; } = new(symbol);

    /// <summary>Trades replayed.</summary>
    public long Trades { get; set; }

    /// <summary>Quotes (best bid/ask) replayed.</summary>
    public long Quotes { get; set; }

    /// <summary>Depth messages (snapshots and diffs) given to the book.</summary>
    public long DepthMessages { get; set; }

    /// <summary>Trades dropped because their id was replayed already (the stream overlapping a backfill).</summary>
    public long DuplicateTrades { get; set; }

    /// <summary>The last raw trade id replayed; -1 before the first.</summary>
    public long LastTradeId { get; set; } = -1;

    /// <summary>The last aggregated trade id replayed; -1 before the first.</summary>
    public long LastAggTradeId { get; set; } = -1;

    /// <summary>Whether trade gaps are logged in the aggregated or the raw id sequence (the kind met first); null before.</summary>
    public bool? GapsAggregated { get; set; }

    /// <summary>Exchange time of the latest trade, Unix ms; <see cref="long.MinValue"/> before the first.</summary>
    public long LastTradeTimeMs { get; set; } = long.MinValue;
}
