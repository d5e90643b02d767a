using Tickwise.Core.Market;

namespace Tickwise.Storage;

/// <summary>Where trades and bars are kept: SQLite by default, PostgreSQL for shared deployments.</summary>
/// <remarks>
/// <para>Writes are idempotent on natural keys: a trade is (symbol, id), a bar is (symbol, interval, open time).
/// Writing the same trade twice keeps the first; writing a bar again replaces it, because bars are derived
/// data recomputed from the stored trades.</para>
/// <para>Every write call is one transaction: it is stored whole or not at all.</para>
/// <para>An implementation is used by one writer thread at a time; reads may run beside it.</para>
/// </remarks>
public interface ITickStore : IRecordStore, IDisposable
{
    /// <summary>Stores trades, skipping any already stored, and returns how many were new.</summary>
    /// <exception cref="StoreException">The database cannot be written (read-only, full, locked, corrupt).</exception>
    int AppendTrades(ReadOnlySpan<Trade> trades);

    /// <summary>Stores bars, replacing stored bars with the same symbol, interval and open time.</summary>
    /// <exception cref="StoreException">The database cannot be written.</exception>
    void UpsertBars(ReadOnlySpan<Bar> bars);

    /// <summary>Returns the symbol's trades with <c>range.FromMs ≤ time &lt; range.ToMs</c>, ordered by id, at most <paramref name="limit"/>.</summary>
    IEnumerable<Trade> ReadTrades(Symbol symbol, TimeRange range, int limit = int.MaxValue);

    /// <summary>Returns the symbol's bars of the interval opening inside the range, ordered by open time, at most <paramref name="limit"/>.</summary>
    IEnumerable<Bar> ReadBars(Symbol symbol, Interval interval, TimeRange range, int limit = int.MaxValue);

    /// <summary>Returns how many of the symbol's trades have <c>range.FromMs ≤ time &lt; range.ToMs</c>.</summary>
    /// <remarks>Bars are derived from trades: importers compare this with what they aggregated to know whether a span's bars are whole.</remarks>
    long CountTrades(Symbol symbol, TimeRange range);

    /// <summary>Deletes the symbol's trades before <paramref name="tradesBeforeMs"/> and its bars of every interval that
    /// open before <paramref name="barsBeforeMs"/>, in one transaction: the retention of old data.</summary>
    /// <remarks>Deleted trades leave their ids free: importing them again stores them again. Callers keep bars that
    /// cover remaining trades whole (the CLI cuts at a day boundary), because bars are derived from the stored trades.
    /// Space is reused by later writes; the file or tables do not shrink by themselves.</remarks>
    /// <returns>How many trades and bars were deleted.</returns>
    /// <exception cref="StoreException">The database cannot be written; nothing was deleted.</exception>
    StoreCounts DeleteBefore(Symbol symbol, long tradesBeforeMs, long barsBeforeMs);

    /// <summary>Returns the symbol's latest trade before <paramref name="timeMs"/> (the highest id among the latest time), or null.</summary>
    /// <remarks>Gives the previous close that flat bars after it repeat.</remarks>
    Trade? LastTradeBefore(Symbol symbol, long timeMs);

    /// <summary>Returns the symbols that have trades or bars, in ordinal order.</summary>
    IReadOnlyList<Symbol> ListSymbols();

    /// <summary>Returns the intervals that have stored bars for the symbol, shortest first.</summary>
    IReadOnlyList<Interval> ListIntervals(Symbol symbol);

    /// <summary>Returns how many trades and bars (all intervals) are stored for the symbol, or for all symbols when it is empty.</summary>
    StoreCounts Count(Symbol symbol = default);

    /// <summary>Returns the earliest and latest trade time of the symbol, or null when it has none.</summary>
    TimeRange? TradeTimeSpan(Symbol symbol);

    /// <summary>Returns the metadata value of <paramref name="key"/>, or null.</summary>
    string? GetMetadata(string key);

    /// <summary>Sets a metadata value (its own transaction).</summary>
    void SetMetadata(string key, string value);
}

/// <summary>Row counts of a store.</summary>
public readonly record struct StoreCounts(long Trades, long Bars);

/// <summary>A store operation failed; the message says what and where, and names no secret.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
