using Npgsql;
using NpgsqlTypes;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

public sealed partial class PostgresTickStore
{
    private const string StagingBars = "pg_temp.tickwise_staging_bars";

    private const string CopyBarsSql = $"""
        COPY {StagingBars}(ord, symbol_id, interval_ms, open_time_ms, open, high, low, close,
            volume, quote_volume, taker_buy_volume, taker_buy_quote_volume, trade_count) FROM STDIN (FORMAT BINARY)
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
