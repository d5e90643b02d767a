namespace Tickwise.Binance.Client;

/// <summary>The REST call a <see cref="RestAnswerObserver"/> sees the answer of.</summary>
public enum RestAnswerKind : byte
{
    /// <summary><c>/depth</c>: an order book snapshot.</summary>
    DepthSnapshot = 0,

    /// <summary><c>/aggTrades</c>: a page of aggregated trades.</summary>
    AggTrades = 1,

    /// <summary><c>/historicalTrades</c>: a page of raw trades.</summary>
    HistoricalTrades = 2,
}
