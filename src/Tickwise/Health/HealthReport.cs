namespace Tickwise.Health;

/// <summary>The whole process's health at a moment: per-symbol feeds, pipeline counters and the store.</summary>
/// <param name="Source">Where data comes from: binance, simulator or replay.</param>
/// <param name="StartedAtMs">When the process started (Unix ms).</param>
/// <param name="Symbols">One entry per configured symbol, in configuration order.</param>
/// <param name="Pipeline">Counters of the pipeline stages, by name ("trades", "quotes", "bars_written", "queue_depth", ...).</param>
/// <param name="Store">The store's description (path or redacted URL) and whether it accepted the last write.</param>
/// <param name="StoreHealthy">False once a write to the store failed and has not succeeded since.</param>
internal sealed record HealthReport(
    string Source,
    long StartedAtMs,
    IReadOnlyList<SymbolHealth> Symbols,
    IReadOnlyDictionary<string, long> Pipeline,
    string Store,
    bool StoreHealthy);
