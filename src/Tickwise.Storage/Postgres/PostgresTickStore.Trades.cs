using Npgsql;
using NpgsqlTypes;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

// Appending trades. The natural key (symbol, id) is kept unique by a protocol instead of an index, because a unique
// index on a time-partitioned table must contain the time, and a per-trade key table cost as much as the trades
// themselves (docs/SCALING.md): every writer takes a per-symbol advisory lock for the transaction, asks the
// trade_runs ledger which ids are stored, stores only new ids, and records them as runs of consecutive ids.
public sealed partial class PostgresTickStore
{
    private const string StagingTrades = "pg_temp.tickwise_staging_trades";

    private const string CopyTradesDirectSql =
        "COPY trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count) FROM STDIN (FORMAT BINARY)";

    private const string CopyTradesSql =
        $"COPY {StagingTrades}(ord, symbol_id, id, time_ms, price, quantity, aggressor, trade_count) FROM STDIN (FORMAT BINARY)";

    // The lock's first key is the schema's, so stores in different schemas of one database do not wait for each other.
    private const string LockSymbolSql = "SELECT pg_advisory_xact_lock($1, $2)";

    private const string LastIdSql = "SELECT max(last_id) FROM trade_runs WHERE symbol_id = $1";

    // Any batch: the first of equal keys in the batch wins, as in SQLite's INSERT OR IGNORE; an id inside a stored run
    // is skipped (the run with the lowest last_id at or above the id holds it if any run does).
    private const string MoveNewTradesSql = $"""
        WITH batch AS (
            SELECT DISTINCT ON (symbol_id, id) symbol_id, id, time_ms, price, quantity, aggressor, trade_count
            FROM {StagingTrades} ORDER BY symbol_id, id, ord)
        INSERT INTO trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count)
        SELECT b.symbol_id, b.id, b.time_ms, b.price, b.quantity, b.aggressor, b.trade_count FROM batch b
        WHERE NOT coalesce((SELECT r.first_id <= b.id FROM trade_runs r
                            WHERE r.symbol_id = b.symbol_id AND r.last_id >= b.id ORDER BY r.last_id LIMIT 1), false)
        RETURNING symbol_id, id
        """;

    // Joins the added runs with the stored runs they touch (none overlap: added ids were not stored) into maximal runs.
    private const string RecordRunsSql = """
        WITH added AS (SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bigint[]) AS a(symbol_id, first_id, last_id)),
        touched AS (
            DELETE FROM trade_runs r USING added a
            WHERE r.symbol_id = a.symbol_id AND (r.first_id = a.last_id + 1 OR r.last_id = a.first_id - 1)
            RETURNING r.symbol_id, r.first_id, r.last_id),
        runs AS (SELECT DISTINCT symbol_id, first_id, last_id FROM touched UNION ALL SELECT symbol_id, first_id, last_id FROM added),
        starts AS (
            SELECT symbol_id, first_id, last_id,
                   CASE WHEN first_id = lag(last_id) OVER (PARTITION BY symbol_id ORDER BY first_id) + 1 THEN 0 ELSE 1 END AS starts_island
            FROM runs),
        islands AS (SELECT symbol_id, first_id, last_id, sum(starts_island) OVER (PARTITION BY symbol_id ORDER BY first_id) AS island FROM starts)
        INSERT INTO trade_runs(symbol_id, first_id, last_id)
        SELECT symbol_id, min(first_id), max(last_id) FROM islands GROUP BY symbol_id, island
        """;

    /// <summary>Stores trades, skipping any already stored (same symbol and id), and returns how many were new.</summary>
    /// <remarks>
    /// <para>One transaction for the whole span. Trades may mix symbols; among equal keys within the span the first is
    /// kept. Concurrent writers (other instances, other processes) of the same symbols take turns per symbol (a
    /// transaction-scoped advisory lock, taken in symbol order so writers of several symbols cannot deadlock), so each
    /// trade is stored once.</para>
    /// <para>The common case, a feed or an import appending each symbol's next trades in id order, is one binary COPY
    /// straight into <c>trades</c>; otherwise trades are copied into a staging table and the new ones inserted.
    /// Allocates nothing per trade.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A trade is <c>default</c> (no symbol); nothing is stored.</exception>
    /// <exception cref="StoreException">The server cannot be reached or written, after the retries; nothing of the call is stored unless the server had committed it just before the connection broke.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public int AppendTrades(ReadOnlySpan<Trade> trades)
    {
        if (trades.IsEmpty) return 0;
        for (int i = 0; i < trades.Length; i++)
            if (trades[i].Symbol.IsEmpty) throw new ArgumentException($"The trade at index {i} is empty (default): it has no symbol.", nameof(trades));
        const string action = "Appending trades";
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool ascending = IdsAscendPerSymbol(trades);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return AppendTradesOnce(Writer(), trades, ascending);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
                {
                    if (!RecoverWriter(e, attempt)) throw Fault(action, e);
                }
            }
        }
    }

    /// <summary>Notes each symbol's first id in the batch and returns true when each symbol's ids rise strictly through it. O(1) per trade.</summary>
    private bool IdsAscendPerSymbol(ReadOnlySpan<Trade> trades)
    {
        _lastIds.Clear();
        _firstIds.Clear();
        bool ascending = true;
        Symbol symbol = trades[0].Symbol;
        _firstIds[symbol] = trades[0].Id;
        long lastId = long.MinValue;
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly Trade trade = ref trades[i];
            if (!trade.Symbol.Equals(symbol))
            {
                _lastIds[symbol] = lastId;
                symbol = trade.Symbol;
                if (_lastIds.TryGetValue(symbol, out long seen)) lastId = seen;
                else
                {
                    lastId = long.MinValue;
                    _firstIds[symbol] = trade.Id;
                }
            }
            if (trade.Id <= lastId) ascending = false;
            else lastId = trade.Id;
        }
        return ascending;
    }

    private int AppendTradesOnce(NpgsqlConnection connection, ReadOnlySpan<Trade> trades, bool ascending)
    {
        // Symbols and partitions first, each committed on its own: the data transaction below then only copies and inserts.
        Symbol symbol = default;
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly Trade trade = ref trades[i];
            _tradePartitions.Need(trade.TimestampMs);
            if (!trade.Symbol.Equals(symbol))
            {
                symbol = trade.Symbol;
                SymbolId(connection, symbol);
            }
        }
        _tradePartitions.CreateMissing(connection);

        using NpgsqlTransaction transaction = connection.BeginTransaction();
        bool append = LockSymbolsAndCheckAppend(connection, transaction, ascending);
        _addedRuns.Clear();
        int added;
        if (append)
        {
            CopyTrades(connection, CopyTradesDirectSql, trades, staging: false);
            added = trades.Length;
        }
        else
        {
            CopyTrades(connection, CopyTradesSql, trades, staging: true);
            added = MoveNewTrades(connection, transaction);
        }
        RecordRuns(connection, transaction);
        transaction.Commit();
        return added;
    }

    /// <summary>
    /// Takes each symbol's advisory lock in symbol-id order and, when the batch ascends, returns true if every symbol's
    /// first id is above its highest stored id (the append path). One round trip.
    /// </summary>
    private bool LockSymbolsAndCheckAppend(NpgsqlConnection connection, NpgsqlTransaction transaction, bool ascending)
    {
        _batchSymbolIds.Clear();
        foreach (Symbol symbol in _firstIds.Keys) _batchSymbolIds.Add(_symbolIds[symbol]);
        _batchSymbolIds.Sort();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (int symbolId in _batchSymbolIds)
        {
            var lockCommand = new NpgsqlBatchCommand(LockSymbolSql);
            lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _lockSpace });
            lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = symbolId });
            batch.BatchCommands.Add(lockCommand);
            if (!ascending) continue;
            var lastId = new NpgsqlBatchCommand(LastIdSql);
            lastId.Parameters.Add(new NpgsqlParameter<int> { TypedValue = symbolId });
            batch.BatchCommands.Add(lastId);
        }
        using NpgsqlDataReader reader = batch.ExecuteReader();
        bool append = ascending;
        foreach (int symbolId in _batchSymbolIds)
        {
            reader.Read(); // the lock's void result
            reader.NextResult();
            if (!ascending) continue;
            reader.Read();
            if (!reader.IsDBNull(0) && reader.GetInt64(0) >= FirstIdOf(symbolId)) append = false;
            reader.NextResult();
        }
        return append;
    }

    private long FirstIdOf(int symbolId)
    {
        foreach ((Symbol symbol, long firstId) in _firstIds)
            if (_symbolIds[symbol] == symbolId) return firstId;
        throw new InvalidOperationException($"Symbol id {symbolId} is not in the batch.");
    }

    /// <summary>Inserts the staged trades whose ids are not stored yet and collects their ids as runs.</summary>
    private int MoveNewTrades(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _movedIds.Clear();
        using (var move = new NpgsqlCommand(MoveNewTradesSql, connection, transaction))
        using (NpgsqlDataReader reader = move.ExecuteReader())
        {
            while (reader.Read()) _movedIds.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }
        _movedIds.Sort();
        foreach ((int symbolId, long id) in _movedIds) _addedRuns.Add(symbolId, id);
        return _movedIds.Count;
    }

    /// <summary>Adds the collected runs to the ledger, joined with the stored runs they touch.</summary>
    private void RecordRuns(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (_addedRuns.Runs.Count == 0) return;
        _addedRuns.CopyTo(_runSymbolIds, _runFirstIds, _runLastIds);
        using var command = new NpgsqlCommand(RecordRunsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<List<int>> { TypedValue = _runSymbolIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<List<long>> { TypedValue = _runFirstIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<List<long>> { TypedValue = _runLastIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.ExecuteNonQuery();
    }

    /// <summary>Copies the trades into <c>trades</c> (and, being the append path, collects their ids as runs: each
    /// symbol's ids ascend through the batch), or into the staging table with their batch order.</summary>
    private void CopyTrades(NpgsqlConnection connection, string copySql, ReadOnlySpan<Trade> trades, bool staging)
    {
        using NpgsqlBinaryImporter importer = connection.BeginBinaryImport(copySql);
        Symbol symbol = default;
        int symbolId = 0;
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly Trade trade = ref trades[i];
            if (!trade.Symbol.Equals(symbol))
            {
                symbol = trade.Symbol;
                symbolId = _symbolIds[symbol];
            }
            importer.StartRow();
            if (staging) importer.Write(i, NpgsqlDbType.Integer);
            importer.Write(symbolId, NpgsqlDbType.Integer);
            importer.Write(trade.Id, NpgsqlDbType.Bigint);
            importer.Write(trade.TimestampMs, NpgsqlDbType.Bigint);
            importer.Write(trade.Price.Raw, NpgsqlDbType.Bigint);
            importer.Write(trade.Quantity.Raw, NpgsqlDbType.Bigint);
            importer.Write((short)trade.AggressorSide, NpgsqlDbType.Smallint);
            importer.Write(trade.TradeCount, NpgsqlDbType.Integer);
            if (!staging) _addedRuns.Add(symbolId, trade.Id);
        }
        importer.Complete();
    }
}
