using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

public sealed partial class SqliteTickStore
{
    // The time index finds the lowest and highest id in the range (an index-only scan), then the rows are read along
    // the primary key between them, already in id order: no sort, and LIMIT stops the read early. Exchange ids rise
    // with time, so the id span holds little besides the range; the time filter keeps the result exact regardless.
    private const string ReadTradesSql = """
        WITH s(id) AS MATERIALIZED (SELECT id FROM symbols WHERE name = ?1),
             b(lo, hi) AS MATERIALIZED (SELECT min(id), max(id) FROM trades WHERE symbol_id = (SELECT id FROM s) AND time_ms >= ?2 AND time_ms < ?3)
        SELECT id, time_ms, price, quantity, aggressor, trade_count FROM trades
        WHERE symbol_id = (SELECT id FROM s) AND id >= (SELECT lo FROM b) AND id <= (SELECT hi FROM b) AND time_ms >= ?2 AND time_ms < ?3
        ORDER BY id LIMIT ?4
        """;

    private const string ReadBarsSql = """
        SELECT open_time_ms, open, high, low, close, volume, quote_volume, taker_buy_volume, taker_buy_quote_volume, trade_count FROM bars
        WHERE symbol_id = (SELECT id FROM symbols WHERE name = ?1) AND interval_ms = ?2 AND open_time_ms >= ?3 AND open_time_ms < ?4
        ORDER BY open_time_ms LIMIT ?5
        """;

    /// <summary>Returns the symbol's trades with <c>range.FromMs ≤ time &lt; range.ToMs</c>, ordered by id, at most <paramref name="limit"/>.</summary>
    /// <remarks>
    /// The query runs when enumeration starts, on its own connection, and sees what was committed then. Each row
    /// allocates nothing. Enumerate to the end or dispose the enumerator (foreach does) to free the connection.
    /// Cost: one index-only pass over the whole time range to bound the ids, then the rows up to the limit; a small
    /// limit over a huge range still pays the first pass.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="StoreException">While enumerating: the database cannot be read, or a stored row is invalid.</exception>
    public IEnumerable<Trade> ReadTrades(Symbol symbol, TimeRange range, int limit = int.MaxValue)
    {
        StoreArguments.CheckTradeRead(symbol, limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReadTradesCore(symbol, range, limit);
    }

    /// <summary>Returns the symbol's bars of the interval with <c>range.FromMs ≤ open time &lt; range.ToMs</c>, ordered by open time, at most <paramref name="limit"/>.</summary>
    /// <remarks>As <see cref="ReadTrades"/>: runs at enumeration on its own connection, allocates nothing per bar.</remarks>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> or <paramref name="interval"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="StoreException">While enumerating: the database cannot be read, or a stored row is invalid.</exception>
    public IEnumerable<Bar> ReadBars(Symbol symbol, Interval interval, TimeRange range, int limit = int.MaxValue)
    {
        StoreArguments.CheckBarRead(symbol, interval, limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReadBarsCore(symbol, interval, range, limit);
    }

    /// <summary>Returns the symbols that have trades or bars, in ordinal order.</summary>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public IReadOnlyList<Symbol> ListSymbols()
    {
        var symbols = new List<Symbol>();
        Query("Listing symbols", """
            SELECT name FROM symbols AS s
            WHERE EXISTS (SELECT 1 FROM trades WHERE symbol_id = s.id) OR EXISTS (SELECT 1 FROM bars WHERE symbol_id = s.id)
            ORDER BY name
            """, null, null, row => symbols.Add(new Symbol(row.GetString(0))));
        return symbols;
    }

    /// <summary>Returns the intervals that have stored bars for the symbol, shortest first.</summary>
    /// <remarks>Seeks once per interval instead of scanning the symbol's bars.</remarks>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public IReadOnlyList<Interval> ListIntervals(Symbol symbol)
    {
        var intervals = new List<Interval>();
        if (symbol.IsEmpty) return intervals;
        Query("Listing intervals", """
            WITH RECURSIVE
                s(id) AS (SELECT id FROM symbols WHERE name = $name),
                i(ms) AS (
                    SELECT (SELECT min(interval_ms) FROM bars WHERE symbol_id = (SELECT id FROM s))
                    UNION ALL
                    SELECT (SELECT min(interval_ms) FROM bars WHERE symbol_id = (SELECT id FROM s) AND interval_ms > i.ms) FROM i WHERE i.ms IS NOT NULL)
            SELECT ms FROM i WHERE ms IS NOT NULL
            """, "$name", symbol.Value, row => intervals.Add(ToInterval(row.GetInt64(0))));
        return intervals;
    }

    /// <summary>Returns how many trades and bars (all intervals) are stored for the symbol, or for all symbols when it is empty.</summary>
    /// <remarks>Counting reads the whole index range: linear in the rows counted.</remarks>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public StoreCounts Count(Symbol symbol = default)
    {
        StoreCounts counts = default;
        string sql = symbol.IsEmpty
            ? "SELECT (SELECT count(*) FROM trades), (SELECT count(*) FROM bars)"
            : """
              SELECT (SELECT count(*) FROM trades WHERE symbol_id = (SELECT id FROM symbols WHERE name = $name)),
                     (SELECT count(*) FROM bars WHERE symbol_id = (SELECT id FROM symbols WHERE name = $name))
              """;
        Query("Counting rows", sql, symbol.IsEmpty ? null : "$name", symbol.Value, row => counts = new StoreCounts(row.GetInt64(0), row.GetInt64(1)));
        return counts;
    }

    /// <summary>Returns the span of the symbol's trades, <c>[earliest time, latest time + 1)</c>, or null when it has none.</summary>
    /// <remarks>The end is exclusive, as in every <see cref="TimeRange"/>: reading trades over the returned range returns them all.</remarks>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public TimeRange? TradeTimeSpan(Symbol symbol)
    {
        TimeRange? span = null;
        if (symbol.IsEmpty) return span;
        // Two subqueries, because SQLite answers a lone min() or max() with one index seek but scans for both together.
        Query("Reading the trade time span", """
            SELECT (SELECT min(time_ms) FROM trades WHERE symbol_id = (SELECT id FROM symbols WHERE name = $name)),
                   (SELECT max(time_ms) FROM trades WHERE symbol_id = (SELECT id FROM symbols WHERE name = $name))
            """, "$name", symbol.Value, row =>
        {
            if (!row.IsDBNull(0)) span = new TimeRange(row.GetInt64(0), row.GetInt64(1) + 1);
        });
        return span;
    }

    private IEnumerable<Trade> ReadTradesCore(Symbol symbol, TimeRange range, int limit)
    {
        const string action = "Reading trades";
        SqliteReader reader = RentReader(action);
        sqlite3_stmt? statement = null;
        try
        {
            statement = PrepareRead(reader, ReadTradesSql, action);
            raw.sqlite3_bind_text(statement, 1, symbol.Value);
            raw.sqlite3_bind_int64(statement, 2, range.FromMs);
            raw.sqlite3_bind_int64(statement, 3, range.ToMs);
            raw.sqlite3_bind_int64(statement, 4, limit);
            while (NextRow(reader, statement, action))
                yield return ToTrade(statement, symbol);
        }
        finally
        {
            if (statement is not null) raw.sqlite3_reset(statement);
            ReturnReader(reader);
        }
    }

    private IEnumerable<Bar> ReadBarsCore(Symbol symbol, Interval interval, TimeRange range, int limit)
    {
        const string action = "Reading bars";
        SqliteReader reader = RentReader(action);
        sqlite3_stmt? statement = null;
        bool held = false;
        try
        {
            statement = PrepareRead(reader, ReadBarsSql, action);
            // The columns are read through the raw pointer: holding a reference keeps the statement alive until the
            // read ends (a store disposed meanwhile closes this reader only when it is returned).
            statement.DangerousAddRef(ref held);
            IntPtr row = SqliteColumns.Handle(statement);
            raw.sqlite3_bind_text(statement, 1, symbol.Value);
            raw.sqlite3_bind_int64(statement, 2, interval.Milliseconds);
            raw.sqlite3_bind_int64(statement, 3, range.FromMs);
            raw.sqlite3_bind_int64(statement, 4, range.ToMs);
            raw.sqlite3_bind_int64(statement, 5, limit);
            while (NextRow(reader, statement, action))
                yield return ToBar(row, symbol, interval);
        }
        finally
        {
            try
            {
                if (statement is not null) raw.sqlite3_reset(statement);
            }
            finally
            {
                if (held) statement!.DangerousRelease();
                ReturnReader(reader);
            }
        }
    }

    private Trade ToTrade(sqlite3_stmt row, Symbol symbol)
    {
        long id = raw.sqlite3_column_int64(row, 0);
        try
        {
            return new Trade(symbol, id, new Price(raw.sqlite3_column_int64(row, 2)), new Quantity(raw.sqlite3_column_int64(row, 3)),
                raw.sqlite3_column_int64(row, 1), (AggressorSide)raw.sqlite3_column_int64(row, 4), checked((int)raw.sqlite3_column_int64(row, 5)));
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new StoreException($"Reading trades failed for '{Path}': stored trade {symbol} {id} is invalid ({e.Message}); the file was changed outside Tickwise, restore a backup or re-import.", e);
        }
    }

    // Optimised at first call: 10,000 calls per /api/bars request, too many to run at tier 0 while tiered JIT catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Bar ToBar(IntPtr row, Symbol symbol, Interval interval)
    {
        long openTimeMs = SqliteColumns.Int64(row, 0);
        try
        {
            return new Bar(symbol, interval, openTimeMs,
                new Price(SqliteColumns.Int64(row, 1)), new Price(SqliteColumns.Int64(row, 2)),
                new Price(SqliteColumns.Int64(row, 3)), new Price(SqliteColumns.Int64(row, 4)),
                ColumnDecimal(row, 5), ColumnDecimal(row, 6), SqliteColumns.Int64(row, 9),
                ColumnDecimal(row, 7), ColumnDecimal(row, 8));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new StoreException($"Reading bars failed for '{Path}': stored bar {symbol} {interval} at {openTimeMs} is invalid ({e.Message}); the file was changed outside Tickwise, rebuild the bars.", e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static decimal ColumnDecimal(IntPtr row, int column)
    {
        // The TEXT value's UTF-8 bytes as SQLite holds them, not copied into a string.
        if (StoredDecimal.TryParse(SqliteColumns.Bytes(row, column), out decimal value)) return value;
        throw new FormatException($"column {column} is not a decimal");
    }

    private static Interval ToInterval(long milliseconds)
    {
        try { return new Interval(milliseconds); }
        catch (ArgumentOutOfRangeException e) { throw new FormatException($"stored interval {milliseconds} ms is invalid", e); }
    }

    private sqlite3_stmt PrepareRead(SqliteReader reader, string sql, string action)
    {
        int rc = reader.Statement(sql, out sqlite3_stmt statement);
        return rc == SqliteFaults.Ok ? statement : throw Fault(reader.Db, action, rc);
    }

    private bool NextRow(SqliteReader reader, sqlite3_stmt statement, string action)
    {
        int rc = raw.sqlite3_step(statement);
        if (rc == SqliteFaults.Row) return true;
        if (rc == SqliteFaults.Done) return false;
        throw Fault(reader.Db, action, rc);
    }

    /// <summary>Runs a small query on a reader connection, calling <paramref name="onRow"/> per row.</summary>
    private void Query(string action, string sql, string? parameterName, string? parameterValue, Action<SqliteDataReader> onRow)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteReader reader = RentReader(action);
        try
        {
            using SqliteCommand command = reader.Connection.CreateCommand();
            command.CommandText = sql;
            if (parameterName is not null) command.Parameters.AddWithValue(parameterName, parameterValue);
            using SqliteDataReader rows = command.ExecuteReader();
            while (rows.Read()) onRow(rows);
        }
        catch (SqliteException e)
        {
            throw SqliteFaults.From(Path, action, e, _options.BusyTimeout);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new StoreException($"{action} failed for '{Path}': a stored value is invalid ({e.Message}); the file was changed outside Tickwise.", e);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    private object? QueryScalar(string action, string sql, string parameterName, string parameterValue)
    {
        object? value = null;
        Query(action, sql, parameterName, parameterValue, row => value = row.IsDBNull(0) ? null : row.GetValue(0));
        return value;
    }

    private SqliteReader RentReader(string action)
    {
        lock (_readersLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idleReaders.TryPop(out SqliteReader? idle)) return idle;
        }
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            connection.Open();
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA query_only = 1");
                command.ExecuteNonQuery();
            }
            // A read-only store has no writer to check the file, so its first reader does.
            if (_writer is null && SqliteSchema.Check(connection, null, Path) != SqliteSchema.CurrentVersion)
                throw new StoreException($"{action} failed for '{Path}': its schema is older than this Tickwise ({SqliteSchema.CurrentVersion}); open it once for writing to upgrade it.");
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteFaults.From(Path, action, e, _options.BusyTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        var reader = new SqliteReader(connection);
        lock (_readersLock)
        {
            if (_disposed)
            {
                reader.Dispose();
                throw new ObjectDisposedException(GetType().FullName);
            }
        }
        return reader;
    }

    private void ReturnReader(SqliteReader reader)
    {
        lock (_readersLock)
        {
            if (!_disposed)
            {
                _idleReaders.Push(reader);
                return;
            }
        }
        // The store was disposed during this read: the reader is closed now that the read is over.
        reader.Dispose();
    }
}
