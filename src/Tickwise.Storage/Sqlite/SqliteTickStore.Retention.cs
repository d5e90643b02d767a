using Microsoft.Data.Sqlite;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

// Retention: deleting old trades and bars (rare, operator-driven, so plain commands).
public sealed partial class SqliteTickStore
{
    /// <inheritdoc/>
    public StoreCounts DeleteBefore(Symbol symbol, long tradesBeforeMs, long barsBeforeMs)
    {
        if (symbol.IsEmpty) return default;
        const string action = "Deleting old data";
        long trades = 0, bars = 0;
        WriteCommands(action, (connection, transaction) =>
        {
            trades = Delete(connection, transaction, "DELETE FROM trades WHERE symbol_id = (SELECT id FROM symbols WHERE name = $symbol) AND time_ms < $before", symbol, tradesBeforeMs);
            bars = Delete(connection, transaction, "DELETE FROM bars WHERE symbol_id = (SELECT id FROM symbols WHERE name = $symbol) AND open_time_ms < $before", symbol, barsBeforeMs);
            return 0;
        });
        return new StoreCounts(trades, bars);
    }

    private static long Delete(SqliteConnection connection, SqliteTransaction transaction, string sql, Symbol symbol, long beforeMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$symbol", symbol.Value);
        command.Parameters.AddWithValue("$before", beforeMs);
        return command.ExecuteNonQuery();
    }
}
