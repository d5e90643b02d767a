using SQLitePCL;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

public sealed partial class SqliteTickStore
{
    // Walks the primary key backwards from the bound and steps over count - 1 keys: no column but the key is decoded.
    private const string LatestBarsStartSql = """
        SELECT open_time_ms FROM bars
        WHERE symbol_id = (SELECT id FROM symbols WHERE name = ?1) AND interval_ms = ?2 AND open_time_ms < ?3
        ORDER BY open_time_ms DESC LIMIT 1 OFFSET ?4
        """;

    /// <summary>Returns the open time of the oldest of the symbol's latest <paramref name="count"/> bars of the interval
    /// opening before <paramref name="toMs"/>, or null when fewer than <paramref name="count"/> such bars are stored.</summary>
    /// <remarks>
    /// "The latest N bars" is then one forward read, <c>ReadBars(symbol, interval, [start, toMs), N)</c>, which can be
    /// streamed oldest first as it is read, instead of reading widening windows and keeping their tail. Cost: one seek
    /// and <paramref name="count"/> key steps, far cheaper than reading the bars.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> or <paramref name="interval"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public long? LatestBarsStartMs(Symbol symbol, Interval interval, long toMs, int count)
    {
        StoreArguments.CheckBarRead(symbol, interval, count);
        ArgumentOutOfRangeException.ThrowIfZero(count);
        ObjectDisposedException.ThrowIf(_disposed, this);
        const string action = "Seeking the latest bars";
        SqliteReader reader = RentReader(action);
        sqlite3_stmt? statement = null;
        try
        {
            statement = PrepareRead(reader, LatestBarsStartSql, action);
            raw.sqlite3_bind_text(statement, 1, symbol.Value);
            raw.sqlite3_bind_int64(statement, 2, interval.Milliseconds);
            raw.sqlite3_bind_int64(statement, 3, toMs);
            raw.sqlite3_bind_int64(statement, 4, count - 1);
            return NextRow(reader, statement, action) ? raw.sqlite3_column_int64(statement, 0) : null;
        }
        finally
        {
            if (statement is not null) raw.sqlite3_reset(statement);
            ReturnReader(reader);
        }
    }
}
