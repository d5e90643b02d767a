using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Book;

/// <summary>Hand-made depth messages for order book tests: levels given as <c>"price:quantity"</c>.</summary>
internal static class Depths
{
    public static readonly Symbol Btc = new("BTCUSDT");

    /// <summary>A spot diff <c>U..u</c> (no <c>pu</c>).</summary>
    public static DepthUpdate Diff(long first, long final, string[]? bids = null, string[]? asks = null, Symbol symbol = default) =>
        Make(symbol.IsEmpty ? Btc : symbol, false, first, final, -1, bids, asks);

    /// <summary>A USD-M futures diff <c>U..u</c> with <c>pu</c>.</summary>
    public static DepthUpdate FuturesDiff(long first, long final, long previousFinal, string[]? bids = null, string[]? asks = null) =>
        Make(Btc, false, first, final, previousFinal, bids, asks);

    /// <summary>A REST snapshot (no symbol) at <paramref name="lastUpdateId"/>.</summary>
    public static DepthUpdate Snapshot(long lastUpdateId, string[]? bids = null, string[]? asks = null) =>
        Make(default, true, lastUpdateId, lastUpdateId, -1, bids, asks);

    private static DepthUpdate Make(Symbol symbol, bool snapshot, long first, long final, long previousFinal, string[]? bids, string[]? asks)
    {
        var update = new DepthUpdate
        {
            Symbol = symbol,
            IsSnapshot = snapshot,
            EventTimeMs = snapshot ? 0 : 1_723_161_255_000 + final,
            FirstUpdateId = first,
            FinalUpdateId = final,
            PreviousFinalUpdateId = previousFinal,
        };
        foreach (string level in bids ?? []) update.TryAdd(true, Level(level));
        foreach (string level in asks ?? []) update.TryAdd(false, Level(level));
        return update;
    }

    public static BookLevel Level(string text)
    {
        string[] parts = text.Split(':');
        return new BookLevel(Price.Parse(parts[0]), Quantity.Parse(parts[1]));
    }
}
