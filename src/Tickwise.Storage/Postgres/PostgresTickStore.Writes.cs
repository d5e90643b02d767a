using Npgsql;
using NpgsqlTypes;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

public sealed partial class PostgresTickStore
{
    private const string StagingTrades = "pg_temp.tickwise_staging_trades";
    private const string StagingBars = "pg_temp.tickwise_staging_bars";

    private const string CopyTradesSql =
        $"COPY {StagingTrades}(ord, symbol_id, id, time_ms, price, quantity, aggressor, trade_count) FROM STDIN (FORMAT BINARY)";

    private const string CopyBarsSql = $"""
        COPY {StagingBars}(ord, symbol_id, interval_ms, open_time_ms, open, high, low, close,
            volume, quote_volume, taker_buy_volume, taker_buy_quote_volume, trade_count) FROM STDIN (FORMAT BINARY)
        """;

    // The fast path, for a batch without repeated keys (the usual case): claim the keys that are new in trade_ids, then
    // store exactly the trades whose keys were claimed, in one statement. Without ON CONFLICT a concurrent writer
    // of the same keys makes this fail with a unique violation instead of waiting; the store then runs the safe path.
    private const string MoveUniqueTradesSql = $"""
        WITH fresh AS (
            INSERT INTO trade_ids(symbol_id, id)
            SELECT symbol_id, id FROM {StagingTrades} s WHERE NOT EXISTS (SELECT 1 FROM trade_ids t WHERE t.symbol_id = s.symbol_id AND t.id = s.id)
            RETURNING symbol_id, id)
        INSERT INTO trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count)
        SELECT s.symbol_id, s.id, s.time_ms, s.price, s.quantity, s.aggressor, s.trade_count FROM {StagingTrades} s JOIN fresh f USING (symbol_id, id)
        """;

    // The safe path, about half as fast: the first of equal keys in the batch wins, as in SQLite's INSERT OR IGNORE.
    // Keys are claimed in key order with ON CONFLICT DO NOTHING, so concurrent writers of overlapping batches wait
    // for each other instead of failing or deadlocking.
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

    // The last of equal keys in the batch wins, as in SQLite's INSERT OR REPLACE.
    private const string MoveBarsSql = $"""
        INSERT INTO bars(symbol_id, interval_ms, open_time_ms, open, high, low, close,
            volume, quote_volume, taker_buy_volume, taker_buy_quote_volume, trade_count)
        SELECT DISTINCT ON (symbol_id, interval_ms, open_time_ms) symbol_id, interval_ms, open_time_ms, open, high, low, close,
            volume, quote_volume, taker_buy_volume, taker_buy_quote_volume, trade_count
        FROM {StagingBars} ORDER BY symbol_id, interval_ms, open_time_ms, ord DESC
        ON CONFLICT (symbol_id, interval_ms, open_time_ms) DO UPDATE SET
            open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
            volume = EXCLUDED.volume, quote_volume = EXCLUDED.quote_volume, taker_buy_volume = EXCLUDED.taker_buy_volume,
            taker_buy_quote_volume = EXCLUDED.taker_buy_quote_volume, trade_count = EXCLUDED.trade_count
        """;

    // ON CONFLICT DO NOTHING returns no row when the symbol exists, and the SELECT arm cannot see a row another
    // transaction committed during this statement; the caller then asks again.
    private const string SymbolIdSql = """
        WITH added AS (INSERT INTO symbols(name) VALUES($1) ON CONFLICT (name) DO NOTHING RETURNING id)
        SELECT id FROM added UNION ALL SELECT id FROM symbols WHERE name = $1
        """;

    /// <summary>Stores trades, skipping any already stored (same symbol and id), and returns how many were new.</summary>
    /// <remarks>
    /// One transaction for the whole span: binary COPY into a staging table, then one INSERT of the new trades. Allocates
    /// nothing per trade on the client. Trades may mix symbols. Among equal keys within the span the first is kept.
    /// Concurrent writers (other instances, other processes) of the same trades store each once.
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
            bool safe = !IdsAscendPerSymbol(trades);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return AppendTradesOnce(Writer(), trades, safe);
                }
                catch (PostgresException e) when (e.SqlState == PostgresFaults.UniqueViolation && !safe)
                {
                    // Another writer stored some of these keys meanwhile: the safe path waits for it instead.
                    safe = true;
                    attempt--;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
                {
                    if (!RecoverWriter(e, attempt)) throw Fault(action, e);
                }
            }
        }
    }

    /// <summary>Stores bars, replacing stored bars with the same symbol, interval and open time.</summary>
    /// <remarks>One transaction for the whole span, by binary COPY and one upsert. Volumes are exact NUMERIC. Among equal keys within the span the last is kept.</remarks>
    /// <exception cref="ArgumentException">A bar is <c>default</c> (no symbol); nothing is stored.</exception>
    /// <exception cref="StoreException">The server cannot be reached or written, after the retries; nothing is stored.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public void UpsertBars(ReadOnlySpan<Bar> bars)
    {
        if (bars.IsEmpty) return;
        for (int i = 0; i < bars.Length; i++)
            if (bars[i].Symbol.IsEmpty) throw new ArgumentException($"The bar at index {i} is empty (default): it has no symbol.", nameof(bars));
        const string action = "Storing bars";
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    UpsertBarsOnce(Writer(), bars);
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
                {
                    if (!RecoverWriter(e, attempt)) throw Fault(action, e);
                }
            }
        }
    }

    /// <summary>True when each symbol's ids rise strictly through the batch, so it repeats no key; O(1) per trade, no allocation after the first call.</summary>
    private bool IdsAscendPerSymbol(ReadOnlySpan<Trade> trades)
    {
        _lastIds.Clear();
        Symbol symbol = trades[0].Symbol;
        long lastId = -1;
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly Trade trade = ref trades[i];
            if (!trade.Symbol.Equals(symbol))
            {
                _lastIds[symbol] = lastId;
                symbol = trade.Symbol;
                lastId = _lastIds.TryGetValue(symbol, out long seen) ? seen : -1;
            }
            if (trade.Id <= lastId) return false;
            lastId = trade.Id;
        }
        return true;
    }

    private int AppendTradesOnce(NpgsqlConnection connection, ReadOnlySpan<Trade> trades, bool safe)
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
        using (NpgsqlBinaryImporter importer = connection.BeginBinaryImport(CopyTradesSql))
        {
            symbol = default;
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
                importer.Write(i, NpgsqlDbType.Integer);
                importer.Write(symbolId, NpgsqlDbType.Integer);
                importer.Write(trade.Id, NpgsqlDbType.Bigint);
                importer.Write(trade.TimestampMs, NpgsqlDbType.Bigint);
                importer.Write(trade.Price.Raw, NpgsqlDbType.Bigint);
                importer.Write(trade.Quantity.Raw, NpgsqlDbType.Bigint);
                importer.Write((short)trade.AggressorSide, NpgsqlDbType.Smallint);
                importer.Write(trade.TradeCount, NpgsqlDbType.Integer);
            }
            importer.Complete();
        }
        int added;
        using (var move = new NpgsqlCommand(safe ? MoveTradesSql : MoveUniqueTradesSql, connection, transaction)) added = move.ExecuteNonQuery();
        transaction.Commit();
        return added;
    }

    private void UpsertBarsOnce(NpgsqlConnection connection, ReadOnlySpan<Bar> bars)
    {
        Symbol symbol = default;
        for (int i = 0; i < bars.Length; i++)
        {
            ref readonly Bar bar = ref bars[i];
            _barPartitions.Need(bar.OpenTimeMs);
            if (!bar.Symbol.Equals(symbol))
            {
                symbol = bar.Symbol;
                SymbolId(connection, symbol);
            }
        }
        _barPartitions.CreateMissing(connection);

        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (NpgsqlBinaryImporter importer = connection.BeginBinaryImport(CopyBarsSql))
        {
            symbol = default;
            int symbolId = 0;
            for (int i = 0; i < bars.Length; i++)
            {
                ref readonly Bar bar = ref bars[i];
                if (!bar.Symbol.Equals(symbol))
                {
                    symbol = bar.Symbol;
                    symbolId = _symbolIds[symbol];
                }
                importer.StartRow();
                importer.Write(i, NpgsqlDbType.Integer);
                importer.Write(symbolId, NpgsqlDbType.Integer);
                importer.Write(bar.Interval.Milliseconds, NpgsqlDbType.Bigint);
                importer.Write(bar.OpenTimeMs, NpgsqlDbType.Bigint);
                importer.Write(bar.Open.Raw, NpgsqlDbType.Bigint);
                importer.Write(bar.High.Raw, NpgsqlDbType.Bigint);
                importer.Write(bar.Low.Raw, NpgsqlDbType.Bigint);
                importer.Write(bar.Close.Raw, NpgsqlDbType.Bigint);
                importer.Write(bar.Volume, NpgsqlDbType.Numeric);
                importer.Write(bar.QuoteVolume, NpgsqlDbType.Numeric);
                importer.Write(bar.TakerBuyVolume, NpgsqlDbType.Numeric);
                importer.Write(bar.TakerBuyQuoteVolume, NpgsqlDbType.Numeric);
                importer.Write(bar.TradeCount, NpgsqlDbType.Bigint);
            }
            importer.Complete();
        }
        using (var move = new NpgsqlCommand(MoveBarsSql, connection, transaction)) move.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Returns the id of <paramref name="symbol"/>, adding it (committed at once) when new. Ids never change, so they are cached.</summary>
    private int SymbolId(NpgsqlConnection connection, Symbol symbol)
    {
        if (_symbolIds.TryGetValue(symbol, out int id)) return id;
        using var command = new NpgsqlCommand(SymbolIdSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = symbol.Value });
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (command.ExecuteScalar() is int found)
            {
                _symbolIds[symbol] = found;
                return found;
            }
        }
        throw new StoreException($"Appending failed for '{Server}': symbol {symbol} could not be added or found; another process may be deleting it.");
    }

    /// <summary>Decides whether a failed write may be retried, dropping a broken writer connection first.</summary>
    private bool RecoverWriter(Exception e, int attempt)
    {
        bool broken = _writer is not { State: System.Data.ConnectionState.Open };
        bool noPartition = e is PostgresException { SqlState: PostgresFaults.NoPartitionForRow };
        if (broken || noPartition)
        {
            // A lost session loses its staging tables; a missing partition means someone dropped it, so check them all again.
            _writer?.Dispose();
            _writer = null;
            _tradePartitions.Forget();
            _barPartitions.Forget();
        }
        if (attempt >= _options.WriteRetries || !(broken || noPartition || PostgresFaults.IsTransient(e))) return false;
        Thread.Sleep(TimeSpan.FromMilliseconds(100 << Math.Min(attempt, 6)));
        return true;
    }
}
