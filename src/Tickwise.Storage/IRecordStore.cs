using Tickwise.Core.Market;

namespace Tickwise.Storage;

/// <summary>
/// The store's application records: alert rules and fired alerts, signals, orders, fills, positions, backtest results,
/// pair snapshots. Each record is a JSON document under a kind and a key, stamped with a time.
/// </summary>
/// <remarks>
/// <para>The features own their documents' shape; the store keeps them exact (the JSON text round-trips unchanged) and
/// finds them by (kind, key) or by kind and time. Kinds are short lower-case names such as <c>alert_rule</c>; keys are
/// unique within a kind (a rule id, an order id, "BTCUSDT:ETHUSDT:1m:1723075200000").</para>
/// <para>Writes are upserts, so replaying the same records is idempotent, and several processes may write one store.</para>
/// <para>Not for market data: trades and bars have their own tables. Records are small (at most
/// <see cref="StoredRecord.MaxJsonLength"/> characters each) and written at human or bar-close rates.</para>
/// </remarks>
public interface IRecordStore
{
    /// <summary>Inserts the records, or replaces those whose (kind, key) exist, in one transaction.</summary>
    /// <exception cref="ArgumentException">A record has an empty kind or key, or JSON over the size limit.</exception>
    /// <exception cref="StoreException">The database cannot be written; nothing was written.</exception>
    void PutRecords(ReadOnlySpan<StoredRecord> records);

    /// <summary>Returns the record of <paramref name="kind"/> and <paramref name="key"/>, or null.</summary>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    StoredRecord? GetRecord(string kind, string key);

    /// <summary>Deletes one record.</summary>
    /// <returns>True when the record existed.</returns>
    /// <exception cref="StoreException">The database cannot be written.</exception>
    bool DeleteRecord(string kind, string key);

    /// <summary>Returns the records of <paramref name="kind"/> whose time lies in <paramref name="range"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="range">Times from its start (inclusive) to its end (exclusive).</param>
    /// <param name="limit">At most this many records.</param>
    /// <param name="newestFirst">Ordered by descending time (then key) instead of ascending, so a limit keeps the newest.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    IReadOnlyList<StoredRecord> ReadRecords(string kind, TimeRange range, int limit = int.MaxValue, bool newestFirst = false);
}
