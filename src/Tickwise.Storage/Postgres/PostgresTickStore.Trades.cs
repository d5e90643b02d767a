using Npgsql;
using NpgsqlTypes;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

public sealed partial class PostgresTickStore
{
    private const string StagingTrades = "pg_temp.tickwise_staging_trades";

    // More symbols than this in one batch skip the append path rather than ask for each symbol's last id.
    private const int MaxSymbolsToCheck = 8;

    private const string CopyTradeIdsSql = "COPY trade_ids(symbol_id, id) FROM STDIN (FORMAT BINARY)";

    private const string CopyTradesDirectSql =
        "COPY trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count) FROM STDIN (FORMAT BINARY)";

    private const string CopyTradesSql =
        $"COPY {StagingTrades}(ord, symbol_id, id, time_ms, price, quantity, aggressor, trade_count) FROM STDIN (FORMAT BINARY)";

    private const string LastIdSql = "SELECT max(id) FROM trade_ids WHERE symbol_id = $1";

    // For a batch without repeated keys: claim the keys that are new in trade_ids, then store exactly the trades whose
    // keys were claimed, in one statement.
    private const string MoveUniqueTradesSql = $"""
        WITH fresh AS (
            INSERT INTO trade_ids(symbol_id, id)
            SELECT symbol_id, id FROM {StagingTrades} s WHERE NOT EXISTS (SELECT 1 FROM trade_ids t WHERE t.symbol_id = s.symbol_id AND t.id = s.id)
            RETURNING symbol_id, id)
        INSERT INTO trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count)
        SELECT s.symbol_id, s.id, s.time_ms, s.price, s.quantity, s.aggressor, s.trade_count FROM {StagingTrades} s JOIN fresh f USING (symbol_id, id)
        """;

    // For any batch: the first of equal keys in the batch wins, as in SQLite's INSERT OR IGNORE. Keys are claimed in key
    // order with ON CONFLICT DO NOTHING, so concurrent writers of overlapping batches wait for each other instead of
    // failing or deadlocking.
    private const string MoveTradesSql = $"""
        WITH batch AS (
            SELECT DISTINCT ON (symbol_id, id) symbol_id, id, time_ms, price, quantity, aggressor, trade_count
            FROM {StagingTrades} ORDER BY symbol_id, id, ord),
        fresh AS (
            INSERT INTO trade_ids(symbol_id, id) SELECT symbol_id, id FROM batch ORDER BY symbol_id, id
            ON CONFLICT DO NOTHING RETURNING symbol_id, id)
        INSERT INTO trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count)
        SELECT b.symbol_id, b.id, b.time_ms, b.price, b.quantity, b.aggressor, b.trade_count FROM batch b JOIN fresh f USING (symbol_id, id)
        """;

    /// <summary>How a batch of trades reaches the tables, fastest first.</summary>
    private enum TradePath
    {
        /// <summary>Every symbol's ids rise through the batch, above every stored id: binary COPY straight into trade_ids and trades.</summary>
        Append,

        /// <summary>No key repeats within the batch: COPY into staging, then one anti-join insert. No ON CONFLICT, so a concurrent writer of the same keys makes it fail instead of wait.</summary>
        Unique,

        /// <summary>Anything: COPY into staging, then de-duplicate and insert with ON CONFLICT DO NOTHING, waiting for concurrent writers.</summary>
        Safe,
    }

    /// <summary>Stores trades, skipping any already stored (same symbol and id), and returns how many were new.</summary>
    /// <remarks>
    /// <para>One transaction for the whole span. Trades may mix symbols; among equal keys within the span the first is
    /// kept. Concurrent writers (other instances, other processes) of the same trades store each once: the unique key
    /// of <c>trade_ids</c> decides, and a path that loses a race falls back to the next slower one.</para>
    /// <para>The common case, a feed or an import appending each symbol's next trades in id order, is two binary COPY
    /// streams; otherwise trades are copied into a staging table and the new ones inserted. Allocates nothing per trade.</para>
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
            TradePath path = IdsAscendPerSymbol(trades) ? TradePath.Append : TradePath.Safe;
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return AppendTradesOnce(Writer(), trades, ref path);
                }
                catch (PostgresException e) when (e.SqlState == PostgresFaults.UniqueViolation && path != TradePath.Safe)
                {
                    // Another writer stored some of these keys meanwhile: a slower path skips them, or waits for it.
                    path = path == TradePath.Append ? TradePath.Unique : TradePath.Safe;
                    attempt--;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
                {
                    if (!RecoverWriter(e, attempt)) throw Fault(action, e);
                }
            }
        }
    }

    /// <summary>True when each symbol's ids rise strictly through the batch, so it repeats no key; notes each symbol's first id. O(1) per trade.</summary>
    private bool IdsAscendPerSymbol(ReadOnlySpan<Trade> trades)
    {
        _lastIds.Clear();
        _firstIds.Clear();
        Symbol symbol = trades[0].Symbol;
        _firstIds[symbol] = trades[0].Id;
        long lastId = -1;
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
                    lastId = -1;
                    _firstIds[symbol] = trade.Id;
                }
            }
            if (trade.Id <= lastId) return false;
            lastId = trade.Id;
        }
        return true;
    }

    private int AppendTradesOnce(NpgsqlConnection connection, ReadOnlySpan<Trade> trades, ref TradePath path)
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
        if (path == TradePath.Append && !AllIdsAboveStored(connection, transaction)) path = TradePath.Unique;
        int added;
        if (path == TradePath.Append)
        {
            // trade_ids first: a key another writer stored meanwhile fails the call before the larger COPY.
            CopyTrades(connection, CopyTradeIdsSql, trades, keysOnly: true, staging: false);
            CopyTrades(connection, CopyTradesDirectSql, trades, keysOnly: false, staging: false);
            added = trades.Length;
        }
        else
        {
            CopyTrades(connection, CopyTradesSql, trades, keysOnly: false, staging: true);
            using var move = new NpgsqlCommand(path == TradePath.Safe ? MoveTradesSql : MoveUniqueTradesSql, connection, transaction);
            added = move.ExecuteNonQuery();
        }
        transaction.Commit();
        return added;
    }

    /// <summary>True when every symbol's first id in the batch is above its highest stored id (one index seek per symbol).</summary>
    private bool AllIdsAboveStored(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (_firstIds.Count > MaxSymbolsToCheck) return false;
        using var command = new NpgsqlCommand(LastIdSql, connection, transaction);
        var symbolId = new NpgsqlParameter<int>();
        command.Parameters.Add(symbolId);
        foreach ((Symbol symbol, long firstId) in _firstIds)
        {
            symbolId.TypedValue = _symbolIds[symbol];
            if (command.ExecuteScalar() is long storedMax && storedMax >= firstId) return false;
        }
        return true;
    }

    private void CopyTrades(NpgsqlConnection connection, string copySql, ReadOnlySpan<Trade> trades, bool keysOnly, bool staging)
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
            if (keysOnly) continue;
            importer.Write(trade.TimestampMs, NpgsqlDbType.Bigint);
            importer.Write(trade.Price.Raw, NpgsqlDbType.Bigint);
            importer.Write(trade.Quantity.Raw, NpgsqlDbType.Bigint);
            importer.Write((short)trade.AggressorSide, NpgsqlDbType.Smallint);
            importer.Write(trade.TradeCount, NpgsqlDbType.Integer);
        }
        importer.Complete();
    }
}
