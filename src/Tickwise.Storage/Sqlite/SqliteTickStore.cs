using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode, created and migrated on first use.</summary>
/// <remarks>
/// <para>Threading: one thread writes at a time (writes are also serialised by a lock, so misuse is slow, not
/// corrupting). Reads run on their own connections, beside the writer and each other, and each read sees the data
/// committed when its query started (WAL snapshot). A read still being enumerated when the store is disposed runs to
/// its end; its connection closes when it does. SQLite runs in multi-thread mode (see <see cref="SqliteThreading"/>).</para>
/// <para>Durability: <c>synchronous=NORMAL</c> in WAL mode keeps every committed write across a process crash; a power
/// loss may undo the last commits but never corrupts the file.</para>
/// <para>The bulk paths (<see cref="AppendTrades"/>, <see cref="UpsertBars"/>, <see cref="ReadTrades"/>,
/// <see cref="ReadBars"/>) drive prepared statements through SQLitePCLRaw directly, because Microsoft.Data.Sqlite's
/// parameters box every value: they allocate nothing per row.</para>
/// <para>Every SQLite failure surfaces as a <see cref="StoreException"/> naming the file and what to do; a failed
/// write leaves the file as it was before the call.</para>
/// </remarks>
public sealed partial class SqliteTickStore : ITickStore
{
    private const uint PreparePersistent = 1; // SQLITE_PREPARE_PERSISTENT: the statements live as long as the store

    // Trades per multi-row INSERT: 64 × 7 = 448 parameters, well under SQLite's limit of 32766.
    private const int TradesPerInsert = 64;
    private const int TradeColumns = 7;
    private const string InsertTradesSql = "INSERT OR IGNORE INTO trades(symbol_id, id, time_ms, price, quantity, aggressor, trade_count) VALUES";

    private readonly SqliteTickStoreOptions _options;
    private readonly string _readerConnectionString;
    private readonly SqliteConnection? _writer;
    private readonly sqlite3? _db;
    private readonly Lock _writeLock = new();
    private readonly Dictionary<Symbol, long> _symbolIds = [];
    private readonly Lock _readersLock = new();
    private readonly Stack<SqliteReader> _idleReaders = new();
    private readonly List<sqlite3_stmt> _writerStatements = [];
    private readonly sqlite3_stmt? _begin, _commit, _rollback, _insertTrade, _insertTrades, _upsertBar, _findSymbol, _insertSymbol, _setMetadata;
    private volatile bool _disposed;

    static SqliteTickStore() => SqliteThreading.Ensure();

    private SqliteTickStore(string path, SqliteTickStoreOptions options, string readerConnectionString, SqliteConnection? writer)
    {
        Path = path;
        _options = options;
        _readerConnectionString = readerConnectionString;
        _writer = writer;
        if (writer is null) return;
        _db = writer.Handle!;
        try
        {
            _begin = Prepare("BEGIN IMMEDIATE");
            _commit = Prepare("COMMIT");
            _rollback = Prepare("ROLLBACK");
            _insertTrade = Prepare(InsertTradesSql + "(?,?,?,?,?,?,?)");
            _insertTrades = Prepare(InsertTradesSql + string.Join(',', Enumerable.Repeat("(?,?,?,?,?,?,?)", TradesPerInsert)));
            _upsertBar = Prepare("""
                INSERT OR REPLACE INTO bars(symbol_id, interval_ms, open_time_ms, open, high, low, close,
                    volume, quote_volume, taker_buy_volume, taker_buy_quote_volume, trade_count)
                VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                """);
            _findSymbol = Prepare("SELECT id FROM symbols WHERE name = ?1");
            _insertSymbol = Prepare("INSERT INTO symbols(name) VALUES(?1)");
            _setMetadata = Prepare("INSERT OR REPLACE INTO metadata(key, value) VALUES(?1, ?2)");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The database file, as given to <see cref="Open(string)"/>.</summary>
    public string Path { get; }

    /// <summary>Opens the store at <paramref name="path"/> with the default options, creating the directory and file on first use.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="StoreException">The file cannot be opened, is not a Tickwise store, is newer than this build, or is locked.</exception>
    public static SqliteTickStore Open(string path) => Open(path, SqliteTickStoreOptions.Default);

    /// <summary>Opens the store at <paramref name="path"/>, creating the directory and file on first use unless read-only.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or an option is out of range.</exception>
    /// <exception cref="StoreException">The file cannot be opened, is not a Tickwise store, is newer than this build, or is locked.</exception>
    public static SqliteTickStore Open(string path, SqliteTickStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "The busy timeout must be between zero and 24 days.");
        if (options.MaxSizeBytes is <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxSizeBytes, "The size limit must be positive.");
        if (options.CacheSizeKib < 0) throw new ArgumentOutOfRangeException(nameof(options), options.CacheSizeKib, "The cache size must not be negative.");
        if (options.WalAutoCheckpointPages <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.WalAutoCheckpointPages, "The checkpoint interval must be positive.");

        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
            string? directory = System.IO.Path.GetDirectoryName(fullPath);
            if (!options.ReadOnly && directory is not null) Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new StoreException($"Opening failed for '{path}': its directory cannot be created ({e.Message}); check the path and permissions, or use another path.", e);
        }

        string Build(SqliteOpenMode mode) => new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            Pooling = false, // the store keeps its own connections; a pool would hold the file open after Dispose
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        string readerConnectionString = Build(options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        if (options.ReadOnly)
        {
            var store = new SqliteTickStore(path, options, readerConnectionString, writer: null);
            try
            {
                // Opening one reader checks that the file exists and is a current Tickwise store.
                store.ReturnReader(store.RentReader("Opening"));
                return store;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        var writer = new SqliteConnection(Build(SqliteOpenMode.ReadWriteCreate));
        try
        {
            writer.Open();
            Execute(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}"));
            // Takes effect only on a new, empty file. 16 KiB pages make trade inserts ~10% cheaper than the default 4 KiB.
            Execute(writer, "PRAGMA page_size = 16384");
            // Check before switching to WAL: another program's file or a newer store is refused untouched.
            SqliteSchema.Check(writer, null, path);
            // SQLite silently falls back to reading a file it may not write; fail now rather than at the first write.
            if (raw.sqlite3_db_readonly(writer.Handle, "main") == 1)
                throw SqliteFaults.From(path, "Opening", SqliteFaults.ReadOnly, null, options.BusyTimeout);
            string journalMode = Convert.ToString(ExecuteScalar(writer, "PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture) ?? "";
            if (!journalMode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                throw new StoreException($"Opening failed for '{path}': SQLite cannot use WAL mode there (it stayed '{journalMode}'); the file system may not support shared memory, or the file is read-only.");
            Execute(writer, "PRAGMA synchronous = NORMAL");
            Execute(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {options.WalAutoCheckpointPages}"));
            Execute(writer, "PRAGMA temp_store = MEMORY");
            Execute(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {-(long)options.CacheSizeKib}"));
            SqliteSchema.Migrate(writer, path, readOnly: false);
            if (options.MaxSizeBytes is long maxBytes)
            {
                long pageSize = Convert.ToInt64(ExecuteScalar(writer, "PRAGMA page_size"), CultureInfo.InvariantCulture);
                Execute(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {Math.Max(1, maxBytes / pageSize)}"));
            }
            return new SqliteTickStore(path, options, readerConnectionString, writer);
        }
        catch (SqliteException e)
        {
            writer.Dispose();
            throw SqliteFaults.From(path, "Opening", e, options.BusyTimeout);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Returns the metadata value of <paramref name="key"/>, or null.</summary>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return QueryScalar("Reading metadata", "SELECT value FROM metadata WHERE key = $key", "$key", key) as string;
    }

    /// <summary>Sets a metadata value (its own transaction).</summary>
    /// <exception cref="StoreException">The database cannot be written.</exception>
    public void SetMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_writeLock)
        {
            sqlite3 db = WriterOrThrow("Setting metadata");
            raw.sqlite3_bind_text(_setMetadata, 1, key);
            raw.sqlite3_bind_text(_setMetadata, 2, value);
            int rc = raw.sqlite3_step(_setMetadata);
            if (rc != SqliteFaults.Done)
            {
                StoreException fault = Fault(db, "Setting metadata", rc);
                raw.sqlite3_reset(_setMetadata);
                throw fault;
            }
            raw.sqlite3_reset(_setMetadata);
        }
    }

    /// <summary>Closes the file; the connection of a read still being enumerated closes when that read ends.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        lock (_writeLock)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (sqlite3_stmt statement in _writerStatements) statement.Dispose();
            if (_writer is not null)
            {
                try { Execute(_writer, "PRAGMA optimize"); }
                catch (SqliteException) { } // a hint for the planner only; closing must not fail because of it
                _writer.Dispose();
            }
        }
        lock (_readersLock)
        {
            // A reader still rented is closed when its read returns it (ReturnReader): in SQLite's multi-thread mode a
            // connection must not be closed while another thread steps one of its statements.
            while (_idleReaders.TryPop(out SqliteReader? idle)) idle.Dispose();
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        int rc = raw.sqlite3_prepare_v3(_db, sql, PreparePersistent, out sqlite3_stmt statement);
        if (rc != SqliteFaults.Ok)
        {
            statement?.Dispose();
            throw Fault(_db!, "Opening", rc);
        }
        _writerStatements.Add(statement);
        return statement;
    }

    private sqlite3 WriterOrThrow(string action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _db ?? throw SqliteFaults.From(Path, action, SqliteFaults.ReadOnly, null, _options.BusyTimeout);
    }

    private StoreException Fault(sqlite3 db, string action, int resultCode) =>
        SqliteFaults.From(Path, action, raw.sqlite3_extended_errcode(db) is int extended && (extended & 0xFF) == (resultCode & 0xFF) ? extended : resultCode,
            raw.sqlite3_errmsg(db).utf8_to_string(), _options.BusyTimeout);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
