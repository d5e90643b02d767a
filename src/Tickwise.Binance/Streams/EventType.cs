namespace Tickwise.Binance.Streams;

/// <summary>The value of a payload's <c>"e"</c> field, as far as the parser cares.</summary>
internal enum EventType : byte
{
    /// <summary>No <c>"e"</c> field: a spot bookTicker, a depth snapshot or a non-market message.</summary>
    Absent = 0,
    Trade,
    AggTrade,
    BookTicker,
    Kline,
    DepthUpdate,
    /// <summary>Any other event (24hrTicker, executionReport, ...): ignored.</summary>
    Other,
    /// <summary><c>"e"</c> is not a string.</summary>
    NotString,
}
