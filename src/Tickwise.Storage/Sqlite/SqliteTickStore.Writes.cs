using System.Globalization;
using SQLitePCL;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

public sealed partial class SqliteTickStore
{
    // Longest invariant text of a decimal: 29 digits, a sign and a point.
    private const int MaxDecimalTextLength = 32;

    /// <summary>Stores trades, skipping any already stored (same symbol and id), and returns how many were new.</summary>
    /// <remarks>One transaction for the whole span; allocates nothing per trade. Trades may mix symbols.</remarks>
    /// <exception cref="ArgumentException">A trade is <c>default</c> (no symbol); nothing is stored.</exception>
    /// <exception cref="StoreException">The database cannot be written (read-only, full, locked, corrupt); nothing is stored.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public int AppendTrades(ReadOnlySpan<Trade> trades)
    {
        if (trades.IsEmpty) return 0;
        const string action = "Appending trades";
        lock (_writeLock)
        {
            sqlite3 db = WriterOrThrow(action);
            sqlite3_stmt insertOne = _insertTrade!, insertMany = _insertTrades!;
            Begin(db, action);
            try
            {
                int added = 0;
                Symbol symbol = default;
                long symbolId = 0;
                int i = 0;
                // Whole groups go through the multi-row statement: one step per group instead of per trade halves the cost.
                for (; trades.Length - i >= TradesPerInsert; i += TradesPerInsert)
                {
                    for (int row = 0; row < TradesPerInsert; row++)
                        BindTrade(db, insertMany, row * TradeColumns, trades, i + row, ref symbol, ref symbolId, action);
                    Step(db, insertMany, action);
                    added += raw.sqlite3_changes(db);
                }
                for (; i < trades.Length; i++)
                {
                    BindTrade(db, insertOne, 0, trades, i, ref symbol, ref symbolId, action);
                    Step(db, insertOne, action);
                    added += raw.sqlite3_changes(db);
                }
                Commit(db, action);
                return added;
            }
            catch
            {
                Rollback(db);
                throw;
            }
        }
    }

    /// <summary>Stores bars, replacing stored bars with the same symbol, interval and open time.</summary>
    /// <remarks>One transaction for the whole span; allocates nothing per bar. Volumes are stored as exact decimal text.</remarks>
    /// <exception cref="ArgumentException">A bar is <c>default</c> (no symbol); nothing is stored.</exception>
    /// <exception cref="StoreException">The database cannot be written; nothing is stored.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public void UpsertBars(ReadOnlySpan<Bar> bars)
    {
        if (bars.IsEmpty) return;
        const string action = "Storing bars";
        lock (_writeLock)
        {
            sqlite3 db = WriterOrThrow(action);
            sqlite3_stmt upsert = _upsertBar!;
            Span<byte> text = stackalloc byte[MaxDecimalTextLength];
            Begin(db, action);
            try
            {
                Symbol symbol = default;
                long symbolId = 0;
                for (int i = 0; i < bars.Length; i++)
                {
                    ref readonly Bar bar = ref bars[i];
                    if (!bar.Symbol.Equals(symbol))
                    {
                        if (bar.Symbol.IsEmpty) throw new ArgumentException($"The bar at index {i} is empty (default): it has no symbol.", nameof(bars));
                        symbol = bar.Symbol;
                        symbolId = SymbolId(db, symbol, action);
                    }
                    raw.sqlite3_bind_int64(upsert, 1, symbolId);
                    raw.sqlite3_bind_int64(upsert, 2, bar.Interval.Milliseconds);
                    raw.sqlite3_bind_int64(upsert, 3, bar.OpenTimeMs);
                    raw.sqlite3_bind_int64(upsert, 4, bar.Open.Raw);
                    raw.sqlite3_bind_int64(upsert, 5, bar.High.Raw);
                    raw.sqlite3_bind_int64(upsert, 6, bar.Low.Raw);
                    raw.sqlite3_bind_int64(upsert, 7, bar.Close.Raw);
                    BindDecimal(upsert, 8, bar.Volume, text);
                    BindDecimal(upsert, 9, bar.QuoteVolume, text);
                    BindDecimal(upsert, 10, bar.TakerBuyVolume, text);
                    BindDecimal(upsert, 11, bar.TakerBuyQuoteVolume, text);
                    raw.sqlite3_bind_int64(upsert, 12, bar.TradeCount);
                    Step(db, upsert, action);
                }
                Commit(db, action);
            }
            catch
            {
                Rollback(db);
                throw;
            }
        }
    }

    private void BindTrade(sqlite3 db, sqlite3_stmt insert, int offset, ReadOnlySpan<Trade> trades, int index,
        ref Symbol symbol, ref long symbolId, string action)
    {
        ref readonly Trade trade = ref trades[index];
        // Batches are usually one symbol: compare with the last one (a reference check for interned names).
        if (!trade.Symbol.Equals(symbol))
        {
            if (trade.Symbol.IsEmpty) throw new ArgumentException($"The trade at index {index} is empty (default): it has no symbol.", nameof(trades));
            symbol = trade.Symbol;
            symbolId = SymbolId(db, symbol, action);
        }
        raw.sqlite3_bind_int64(insert, offset + 1, symbolId);
        raw.sqlite3_bind_int64(insert, offset + 2, trade.Id);
        raw.sqlite3_bind_int64(insert, offset + 3, trade.TimestampMs);
        raw.sqlite3_bind_int64(insert, offset + 4, trade.Price.Raw);
        raw.sqlite3_bind_int64(insert, offset + 5, trade.Quantity.Raw);
        raw.sqlite3_bind_int64(insert, offset + 6, (long)trade.AggressorSide);
        raw.sqlite3_bind_int64(insert, offset + 7, trade.TradeCount);
    }

    private static void BindDecimal(sqlite3_stmt statement, int index, decimal value, Span<byte> buffer)
    {
        // "G" keeps every digit and the scale: the text parses back to the same decimal.
        if (!value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"Decimal {value} did not fit {buffer.Length} bytes."); // cannot happen: 29 digits at most
        raw.sqlite3_bind_text(statement, index, buffer[..written]);
    }

    /// <summary>Returns the id of <paramref name="symbol"/>, adding it inside the current transaction when new.</summary>
    private long SymbolId(sqlite3 db, Symbol symbol, string action)
    {
        if (_symbolIds.TryGetValue(symbol, out long id)) return id;
        sqlite3_stmt find = _findSymbol!;
        raw.sqlite3_bind_text(find, 1, symbol.Value);
        int rc = raw.sqlite3_step(find);
        if (rc == SqliteFaults.Row)
        {
            id = raw.sqlite3_column_int64(find, 0);
            raw.sqlite3_reset(find);
        }
        else
        {
            StoreException? fault = rc == SqliteFaults.Done ? null : Fault(db, action, rc);
            raw.sqlite3_reset(find);
            if (fault is not null) throw fault;
            raw.sqlite3_bind_text(_insertSymbol!, 1, symbol.Value);
            Step(db, _insertSymbol!, action);
            id = raw.sqlite3_last_insert_rowid(db);
        }
        _symbolIds[symbol] = id;
        return id;
    }

    private void Step(sqlite3 db, sqlite3_stmt statement, string action)
    {
        int rc = raw.sqlite3_step(statement);
        if (rc == SqliteFaults.Done)
        {
            raw.sqlite3_reset(statement);
            return;
        }
        StoreException fault = Fault(db, action, rc); // read the message before reset replaces it
        raw.sqlite3_reset(statement);
        throw fault;
    }

    private void Begin(sqlite3 db, string action) => Step(db, _begin!, action);

    private void Commit(sqlite3 db, string action) => Step(db, _commit!, action);

    private void Rollback(sqlite3 db)
    {
        // A symbol added in this transaction is gone after the rollback, so its cached id is stale.
        _symbolIds.Clear();
        // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); ROLLBACK would then fail.
        if (raw.sqlite3_get_autocommit(db) != 0) return;
        raw.sqlite3_step(_rollback!);
        raw.sqlite3_reset(_rollback!);
    }
}
