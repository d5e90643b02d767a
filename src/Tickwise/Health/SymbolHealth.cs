namespace Tickwise.Health;

/// <summary>One symbol's feed health at a moment: what <c>run</c> prints and <c>/api/health</c> serves.</summary>
/// <param name="Symbol">The symbol (BTCUSDT).</param>
/// <param name="Connected">Whether a connection carrying the symbol's streams is open (the simulator and replay: always).</param>
/// <param name="LastMessageAgeMs">Milliseconds since the symbol's last message arrived, or null before the first.</param>
/// <param name="MessagesPerSecond">Messages per second over the last few seconds.</param>
/// <param name="Messages">Messages received since start.</param>
/// <param name="GapsRepaired">Trade-id gaps filled from REST since start.</param>
/// <param name="TradesRepaired">Trades fetched over REST to fill those gaps.</param>
/// <param name="ParseErrors">Frames for the symbol that could not be parsed (counted and logged, never fatal).</param>
/// <param name="BookSynchronized">Whether the local order book is synchronized, or null when no book is kept.</param>
/// <param name="Dropped">Items a slow consumer dropped (the store never drops).</param>
internal sealed record SymbolHealth(
    string Symbol,
    bool Connected,
    long? LastMessageAgeMs,
    double MessagesPerSecond,
    long Messages,
    long GapsRepaired,
    long TradesRepaired,
    long ParseErrors,
    bool? BookSynchronized,
    long Dropped);
