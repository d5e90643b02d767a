using Npgsql;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

public sealed partial class PostgresTickStore
{
    private const string SymbolIdOf = "(SELECT id FROM symbols WHERE name = $1)";

    // The primary key (symbol_id, time_ms, id) finds the range in each month's partition; the sort by id is over the range only.
    private const string ReadTradesSql = $"""
        SELECT id, time_ms, price, quantity, aggressor, trade_count FROM trades
        WHERE symbol_id = {SymbolIdOf} AND time_ms >= $2 AND time_ms < $3
        ORDER BY id LIMIT $4
        """;

    // Volumes arrive as numeric_send's bytes, decoded by PostgresNumeric: several times faster than the general converter.
    private const string ReadBarsSql = $"""
        SELECT open_time_ms, open, high, low, close,
            numeric_send(volume), numeric_send(quote_volume), numeric_send(taker_buy_volume), numeric_send(taker_buy_quote_volume), trade_count FROM bars
        WHERE symbol_id = {SymbolIdOf} AND interval_ms = $2 AND open_time_ms >= $3 AND open_time_ms < $4
        ORDER BY open_time_ms LIMIT $5
        """;

    private const string CountTradesSql = $"SELECT count(*) FROM trades WHERE symbol_id = {SymbolIdOf} AND time_ms >= $2 AND time_ms < $3";

    // A backward scan of the primary key: the latest time first, and the highest id among equal times.
    private const string LastTradeBeforeSql = $"""
        SELECT id, time_ms, price, quantity, aggressor, trade_count FROM trades
        WHERE symbol_id = {SymbolIdOf} AND time_ms < $2
        ORDER BY time_ms DESC, id DESC LIMIT 1
        """;

    // A loose index scan: one seek per distinct interval instead of reading all the symbol's bars.
    private const string ListIntervalsSql = $"""
        WITH RECURSIVE i(ms) AS (
            SELECT (SELECT min(interval_ms) FROM bars WHERE symbol_id = {SymbolIdOf})
            UNION ALL
            SELECT (SELECT min(interval_ms) FROM bars WHERE symbol_id = {SymbolIdOf} AND interval_ms > i.ms) FROM i WHERE i.ms IS NOT NULL)
        SELECT ms FROM i WHERE ms IS NOT NULL
        """;

    /// <summary>Returns the symbol's trades with <c>range.FromMs ≤ time &lt; range.ToMs</c>, ordered by id, at most <paramref name="limit"/>.</summary>
    /// <remarks>
    /// The query runs when enumeration starts, on a pooled connection, and sees what was committed then; rows stream
    /// as they are enumerated and allocate nothing each. Enumerate to the end or dispose the enumerator (foreach does)
    /// to free the connection. Cost: the range's trades are sorted by id on the server before the first row arrives.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="StoreException">While enumerating: the server cannot be read, or a stored row is invalid.</exception>
    public IEnumerable<Trade> ReadTrades(Symbol symbol, TimeRange range, int limit = int.MaxValue)
    {
        StoreArguments.CheckTradeRead(symbol, limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReadTradesCore(symbol, range, limit);
    }

    /// <summary>Returns the symbol's bars of the interval with <c>range.FromMs ≤ open time &lt; range.ToMs</c>, ordered by open time, at most <paramref name="limit"/>.</summary>
    /// <remarks>As <see cref="ReadTrades"/>: runs at enumeration on a pooled connection and streams; the primary key gives the order.</remarks>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> or <paramref name="interval"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="StoreException">While enumerating: the server cannot be read, or a stored row is invalid.</exception>
    public IEnumerable<Bar> ReadBars(Symbol symbol, Interval interval, TimeRange range, int limit = int.MaxValue)
    {
        StoreArguments.CheckBarRead(symbol, interval, limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReadBarsCore(symbol, interval, range, limit);
    }

    /// <summary>Returns how many of the symbol's trades have <c>range.FromMs ≤ time &lt; range.ToMs</c>.</summary>
    /// <remarks>An index-only count over the range where the visibility map allows: linear in the trades counted.</remarks>
    /// <exception cref="StoreException">The server cannot be read.</exception>
    public long CountTrades(Symbol symbol, TimeRange range)
    {
        if (symbol.IsEmpty) return 0;
        long count = 0;
        Query("Counting trades", CountTradesSql, command =>
        {
            AddText(command, symbol.Value);
            AddInt64(command, range.FromMs);
            AddInt64(command, range.ToMs);
        }, row => count = row.GetInt64(0));
        return count;
    }

    /// <summary>Returns the symbol's latest trade before <paramref name="timeMs"/> (the highest id among the latest time), or null.</summary>
    /// <exception cref="StoreException">The server cannot be read, or the stored trade is invalid.</exception>
    public Trade? LastTradeBefore(Symbol symbol, long timeMs)
    {
        if (symbol.IsEmpty) return null;
        Trade? last = null;
        Query("Reading the last trade", LastTradeBeforeSql, command =>
        {
            AddText(command, symbol.Value);
            AddInt64(command, timeMs);
        }, row => last = ToTrade(row, symbol));
        return last;
    }

    /// <summary>Returns the symbols that have trades or bars, in ordinal order.</summary>
    /// <exception cref="StoreException">The server cannot be read.</exception>
    public IReadOnlyList<Symbol> ListSymbols()
    {
        var symbols = new List<Symbol>();
        Query("Listing symbols", """
            SELECT name FROM symbols AS s
            WHERE EXISTS (SELECT 1 FROM trade_runs WHERE symbol_id = s.id) OR EXISTS (SELECT 1 FROM bars WHERE symbol_id = s.id)
            ORDER BY name
            """, null, row => symbols.Add(new Symbol(row.GetString(0))));
        return symbols;
    }

    /// <summary>Returns the intervals that have stored bars for the symbol, shortest first.</summary>
    /// <remarks>Seeks once per interval instead of scanning the symbol's bars.</remarks>
    /// <exception cref="StoreException">The server cannot be read.</exception>
    public IReadOnlyList<Interval> ListIntervals(Symbol symbol)
    {
        var intervals = new List<Interval>();
        if (symbol.IsEmpty) return intervals;
        Query("Listing intervals", ListIntervalsSql, command => AddText(command, symbol.Value), row => intervals.Add(ToInterval(row.GetInt64(0))));
        return intervals;
    }

    /// <summary>Returns how many trades and bars (all intervals) are stored for the symbol, or for all symbols when it is empty.</summary>
    /// <remarks>Counting reads the whole index range: linear in the rows counted.</remarks>
    /// <exception cref="StoreException">The server cannot be read.</exception>
    public StoreCounts Count(Symbol symbol = default)
    {
        StoreCounts counts = default;
        string sql = symbol.IsEmpty
            ? "SELECT (SELECT count(*) FROM trades), (SELECT count(*) FROM bars)"
            : $"SELECT (SELECT count(*) FROM trades WHERE symbol_id = {SymbolIdOf}), (SELECT count(*) FROM bars WHERE symbol_id = {SymbolIdOf})";
        Query("Counting rows", sql, symbol.IsEmpty ? null : command => AddText(command, symbol.Value),
            row => counts = new StoreCounts(row.GetInt64(0), row.GetInt64(1)));
        return counts;
    }

    /// <summary>Returns the span of the symbol's trades, <c>[earliest time, latest time + 1)</c>, or null when it has none.</summary>
    /// <remarks>The end is exclusive, as in every <see cref="TimeRange"/>: reading trades over the returned range returns them all.</remarks>
    /// <exception cref="StoreException">The server cannot be read.</exception>
    public TimeRange? TradeTimeSpan(Symbol symbol)
    {
        TimeRange? span = null;
        if (symbol.IsEmpty) return span;
        Query("Reading the trade time span", $"SELECT min(time_ms), max(time_ms) FROM trades WHERE symbol_id = {SymbolIdOf}",
            command => AddText(command, symbol.Value), row =>
            {
                if (!row.IsDBNull(0)) span = new TimeRange(row.GetInt64(0), row.GetInt64(1) + 1);
            });
        return span;
    }

    private IEnumerable<Trade> ReadTradesCore(Symbol symbol, TimeRange range, int limit)
    {
        const string action = "Reading trades";
        using PostgresRead read = StartRead(action, ReadTradesSql, command =>
        {
            AddText(command, symbol.Value);
            AddInt64(command, range.FromMs);
            AddInt64(command, range.ToMs);
            AddInt64(command, limit);
        });
        while (NextRow(read.Reader, action)) yield return ToTrade(read.Reader, symbol);
    }

    private IEnumerable<Bar> ReadBarsCore(Symbol symbol, Interval interval, TimeRange range, int limit)
    {
        const string action = "Reading bars";
        using PostgresRead read = StartRead(action, ReadBarsSql, command =>
        {
            AddText(command, symbol.Value);
            AddInt64(command, interval.Milliseconds);
            AddInt64(command, range.FromMs);
            AddInt64(command, range.ToMs);
            AddInt64(command, limit);
        });
        byte[] numeric = new byte[NumericBufferBytes];
        while (NextRow(read.Reader, action)) yield return ToBar(read.Reader, symbol, interval, numeric);
    }

    private Trade ToTrade(NpgsqlDataReader row, Symbol symbol)
    {
        long id = row.GetInt64(0);
        try
        {
            return new Trade(symbol, id, new Price(row.GetInt64(2)), new Quantity(row.GetInt64(3)), row.GetInt64(1),
                (AggressorSide)row.GetInt16(4), row.GetInt32(5));
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"Reading trades failed for '{Server}': stored trade {symbol} {id} is invalid ({e.Message}); the table was changed outside Tickwise, re-import it.", e);
        }
    }

    private Bar ToBar(NpgsqlDataReader row, Symbol symbol, Interval interval, byte[] numeric)
    {
        long openTimeMs = row.GetInt64(0);
        try
        {
            return new Bar(symbol, interval, openTimeMs,
                new Price(row.GetInt64(1)), new Price(row.GetInt64(2)), new Price(row.GetInt64(3)), new Price(row.GetInt64(4)),
                GetNumeric(row, 5, numeric), GetNumeric(row, 6, numeric), row.GetInt64(9), GetNumeric(row, 7, numeric), GetNumeric(row, 8, numeric));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException)
        {
            throw new StoreException($"Reading bars failed for '{Server}': stored bar {symbol} {interval} at {openTimeMs} is invalid ({e.Message}); the table was changed outside Tickwise, rebuild the bars.", e);
        }
    }

    // A decimal has at most 29 significant digits and scale 28: 8 header bytes and at most 16 base-10,000 digits.
    private const int NumericBufferBytes = 8 + 2 * 16;

    /// <summary>Reads a <c>numeric_send</c> column as an exact decimal.</summary>
    /// <exception cref="FormatException">The stored value does not fit a decimal.</exception>
    private static decimal GetNumeric(NpgsqlDataReader row, int column, byte[] buffer)
    {
        long length = row.GetBytes(column, 0, null, 0, 0);
        if (length <= buffer.Length && PostgresNumeric.TryDecode(buffer.AsSpan(0, (int)row.GetBytes(column, 0, buffer, 0, (int)length)), out decimal value))
            return value;
        throw new FormatException($"column {column} holds a number outside the range or scale of a decimal");
    }

    private static Interval ToInterval(long milliseconds)
    {
        try { return new Interval(milliseconds); }
        catch (ArgumentOutOfRangeException e) { throw new FormatException($"stored interval {milliseconds} ms is invalid", e); }
    }

    private static void AddText(NpgsqlCommand command, string value) => command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });

    private static void AddInt64(NpgsqlCommand command, long value) => command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });

    /// <summary>Opens a pooled connection and starts a streaming query on it.</summary>
    private PostgresRead StartRead(string action, string sql, Action<NpgsqlCommand> bind)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        NpgsqlConnection? connection = null;
        NpgsqlCommand? command = null;
        try
        {
            connection = _dataSource.OpenConnection();
            command = new NpgsqlCommand(sql, connection);
            bind(command);
            return new PostgresRead(connection, command, command.ExecuteReader());
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            command?.Dispose();
            connection?.Dispose();
            throw Fault(action, e);
        }
    }

    private bool NextRow(NpgsqlDataReader reader, string action)
    {
        try { return reader.Read(); }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException) { throw Fault(action, e); }
    }

    /// <summary>Runs a small query on a pooled connection, calling <paramref name="onRow"/> per row; retries once on a broken pooled connection.</summary>
    private void Query(string action, string sql, Action<NpgsqlCommand>? bind, Action<NpgsqlDataReader> onRow)
    {
        for (int attempt = 0; ; attempt++)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool rowSeen = false;
            try
            {
                using NpgsqlConnection connection = _dataSource.OpenConnection();
                using var command = new NpgsqlCommand(sql, connection);
                bind?.Invoke(command);
                using NpgsqlDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rowSeen = true;
                    onRow(reader);
                }
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                // A pooled connection the server closed (a restart) fails on first use; a new one may work.
                if (rowSeen || attempt >= Math.Min(1, _options.WriteRetries) || !PostgresFaults.IsTransient(e)) throw Fault(action, e);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                throw new StoreException($"{action} failed for '{Server}': a stored value is invalid ({e.Message}); the tables were changed outside Tickwise.", e);
            }
        }
    }

    /// <summary>A streaming read: the connection, command and reader, disposed together.</summary>
    private sealed class PostgresRead(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader) : IDisposable
    {
        public NpgsqlDataReader Reader { get; } = reader;

        public void Dispose()
        {
            Reader.Dispose();
            command.Dispose();
            connection.Dispose();
        }
    }
}
