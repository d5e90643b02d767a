using SQLitePCL;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

public sealed partial class SqliteTickStore
{
    private const string CountTradesSql = """
        SELECT count(*) FROM trades
        WHERE symbol_id = (SELECT id FROM symbols WHERE name = ?1) AND time_ms >= ?2 AND time_ms < ?3
        """;

    // The time index gives the latest time before the bound with one seek; among trades at that time the highest id wins.
    private const string LastTradeBeforeSql = """
        WITH s(id) AS MATERIALIZED (SELECT id FROM symbols WHERE name = ?1)
        SELECT id, time_ms, price, quantity, aggressor, trade_count FROM trades
        WHERE symbol_id = (SELECT id FROM s)
          AND time_ms = (SELECT max(time_ms) FROM trades WHERE symbol_id = (SELECT id FROM s) AND time_ms < ?2)
        ORDER BY id DESC LIMIT 1
        """;

    /// <summary>Returns how many of the symbol's trades have <c>range.FromMs ≤ time &lt; range.ToMs</c>.</summary>
    /// <remarks>An index-only count over the range: linear in the trades counted.</remarks>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public long CountTrades(Symbol symbol, TimeRange range)
    {
        if (symbol.IsEmpty) return 0;
        long count = 0;
        QueryTradeStatement("Counting trades", CountTradesSql, symbol, range.FromMs, range.ToMs, statement => count = raw.sqlite3_column_int64(statement, 0));
        return count;
    }

    /// <summary>Returns the symbol's latest trade before <paramref name="timeMs"/> (the highest id among the latest time), or null.</summary>
    /// <exception cref="StoreException">The database cannot be read, or the stored trade is invalid.</exception>
    public Trade? LastTradeBefore(Symbol symbol, long timeMs)
    {
        if (symbol.IsEmpty) return null;
        Trade? last = null;
        QueryTradeStatement("Reading the last trade", LastTradeBeforeSql, symbol, timeMs, null, statement => last = ToTrade(statement, symbol));
        return last;
    }

    private void QueryTradeStatement(string action, string sql, Symbol symbol, long first, long? second, Action<sqlite3_stmt> onRow)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteReader reader = RentReader(action);
        sqlite3_stmt? statement = null;
        try
        {
            statement = PrepareRead(reader, sql, action);
            raw.sqlite3_bind_text(statement, 1, symbol.Value);
            raw.sqlite3_bind_int64(statement, 2, first);
            if (second is { } value) raw.sqlite3_bind_int64(statement, 3, value);
            while (NextRow(reader, statement, action)) onRow(statement);
        }
        finally
        {
            if (statement is not null) raw.sqlite3_reset(statement);
            ReturnReader(reader);
        }
    }
}
