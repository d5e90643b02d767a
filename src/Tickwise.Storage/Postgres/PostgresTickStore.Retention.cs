using Npgsql;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

// Retention: deleting old trades (and their ids from the trade_runs ledger, or re-importing them would skip them) and bars.
public sealed partial class PostgresTickStore
{
    private const string DeleteTradesSql = """
        WITH gone AS (DELETE FROM trades WHERE symbol_id = $1 AND time_ms < $2 RETURNING id)
        SELECT count(*), min(id), max(id) FROM gone
        """;

    // How many ids the ledger says are stored from $2 to $3.
    private const string StoredInSpanSql = """
        SELECT coalesce(sum(least(last_id, $3) - greatest(first_id, $2) + 1), 0)::bigint
        FROM trade_runs WHERE symbol_id = $1 AND last_id >= $2 AND first_id <= $3
        """;

    // Cuts the span $2..$3 out of the runs: a run that reaches past either end keeps that part.
    private const string CutSpanSql = """
        WITH cut AS (DELETE FROM trade_runs WHERE symbol_id = $1 AND last_id >= $2 AND first_id <= $3 RETURNING first_id, last_id)
        INSERT INTO trade_runs(symbol_id, first_id, last_id)
        SELECT $1, first_id, $2 - 1 FROM cut WHERE first_id < $2
        UNION ALL SELECT $1, $3 + 1, last_id FROM cut WHERE last_id > $3
        """;

    // Recomputes a symbol's runs from its trades (after ClearRunsSql): the slow, always-right path.
    private const string ClearRunsSql = "DELETE FROM trade_runs WHERE symbol_id = $1";

    private const string RebuildRunsSql = """
        INSERT INTO trade_runs(symbol_id, first_id, last_id)
        SELECT $1, min(id), max(id) FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM trades WHERE symbol_id = $1) AS ids
        GROUP BY run
        """;

    /// <inheritdoc/>
    /// <remarks>
    /// <para>Rows are deleted, partitions kept (a later write may need them); docs/SCALING.md shows how to drop whole
    /// old months, which frees their space at once.</para>
    /// <para>The deleted ids leave the ledger too. Usually they are every stored id from the lowest to the highest
    /// deleted one (ids rise with time), and that span is cut out of the runs; otherwise (a later trade with a lower
    /// id) the symbol's runs are recomputed from its trades.</para>
    /// </remarks>
    public StoreCounts DeleteBefore(Symbol symbol, long tradesBeforeMs, long barsBeforeMs)
    {
        if (symbol.IsEmpty) return default;
        return Write("Deleting old data", connection =>
        {
            if (ExistingSymbolId(connection, symbol) is not int symbolId) return default;
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using (var lockSymbol = new NpgsqlCommand(LockSymbolSql, connection, transaction))
            {
                AddInt32(lockSymbol, _lockSpace);
                AddInt32(lockSymbol, symbolId);
                lockSymbol.ExecuteNonQuery();
            }
            long trades = DeleteTrades(connection, transaction, symbolId, tradesBeforeMs);
            long bars;
            using (var deleteBars = new NpgsqlCommand("DELETE FROM bars WHERE symbol_id = $1 AND open_time_ms < $2", connection, transaction))
            {
                AddInt32(deleteBars, symbolId);
                AddInt64(deleteBars, barsBeforeMs);
                bars = deleteBars.ExecuteNonQuery();
            }
            transaction.Commit();
            return new StoreCounts(trades, bars);
        });
    }

    private static long DeleteTrades(NpgsqlConnection connection, NpgsqlTransaction transaction, int symbolId, long beforeMs)
    {
        long count, lowest, highest;
        using (var delete = new NpgsqlCommand(DeleteTradesSql, connection, transaction))
        {
            AddInt32(delete, symbolId);
            AddInt64(delete, beforeMs);
            using NpgsqlDataReader reader = delete.ExecuteReader();
            reader.Read();
            count = reader.GetInt64(0);
            if (count == 0) return 0;
            lowest = reader.GetInt64(1);
            highest = reader.GetInt64(2);
        }
        long stored;
        using (var span = new NpgsqlCommand(StoredInSpanSql, connection, transaction))
        {
            AddInt32(span, symbolId);
            AddInt64(span, lowest);
            AddInt64(span, highest);
            stored = (long)span.ExecuteScalar()!;
        }
        // The deleted ids are a subset of the stored ids of the span; as many means all of them.
        if (stored == count)
        {
            using var cut = new NpgsqlCommand(CutSpanSql, connection, transaction);
            AddInt32(cut, symbolId);
            AddInt64(cut, lowest);
            AddInt64(cut, highest);
            cut.ExecuteNonQuery();
            return count;
        }
        foreach (string sql in (ReadOnlySpan<string>)[ClearRunsSql, RebuildRunsSql])
        {
            using var rebuild = new NpgsqlCommand(sql, connection, transaction);
            AddInt32(rebuild, symbolId);
            rebuild.ExecuteNonQuery();
        }
        return count;
    }

    private static int? ExistingSymbolId(NpgsqlConnection connection, Symbol symbol)
    {
        using var command = new NpgsqlCommand("SELECT id FROM symbols WHERE name = $1", connection);
        AddText(command, symbol.Value);
        return command.ExecuteScalar() as int?;
    }

    private static void AddInt32(NpgsqlCommand command, int value) => command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = value });
}
