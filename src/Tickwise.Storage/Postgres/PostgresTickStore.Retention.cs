using Npgsql;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

// Retention: deleting old trades (with their keys in trade_ids, or re-importing them would skip them) and bars.
public sealed partial class PostgresTickStore
{
    private const string DeleteTradeIdsSql = $"""
        DELETE FROM trade_ids k USING trades t
        WHERE t.symbol_id = {SymbolIdOf} AND t.time_ms < $2 AND k.symbol_id = t.symbol_id AND k.id = t.id
        """;

    /// <inheritdoc/>
    /// <remarks>Rows are deleted, partitions kept (a later write may need them); docs/SCALING.md shows how to drop
    /// whole old months, which frees their space at once.</remarks>
    public StoreCounts DeleteBefore(Symbol symbol, long tradesBeforeMs, long barsBeforeMs)
    {
        if (symbol.IsEmpty) return default;
        return Write("Deleting old data", connection =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            Delete(connection, transaction, DeleteTradeIdsSql, symbol, tradesBeforeMs);
            long trades = Delete(connection, transaction, $"DELETE FROM trades WHERE symbol_id = {SymbolIdOf} AND time_ms < $2", symbol, tradesBeforeMs);
            long bars = Delete(connection, transaction, $"DELETE FROM bars WHERE symbol_id = {SymbolIdOf} AND open_time_ms < $2", symbol, barsBeforeMs);
            transaction.Commit();
            return new StoreCounts(trades, bars);
        });
    }

    private static long Delete(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Symbol symbol, long beforeMs)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = symbol.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beforeMs });
        return command.ExecuteNonQuery();
    }
}
