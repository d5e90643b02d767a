using System.Text;
using Npgsql;
using NpgsqlTypes;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

/// <summary>The shared store: tables in one schema of a PostgreSQL database, created and migrated on first use.</summary>
/// <remarks>
/// <para>Several processes may write and read the same store at once: writes are idempotent on natural keys and
/// each is one transaction, so concurrent writers of the same symbols neither lose nor duplicate a trade.</para>
/// <para>Threading: one thread writes at a time per instance (writes are serialised by a lock). Reads run on pooled
/// connections beside the writer and each other; each read is one statement and sees what was committed when it
/// started. Dispose the store only when no read is being enumerated.</para>
/// <para>Bulk writes use binary COPY: straight into the tables when a batch only appends each symbol's next trades,
/// otherwise into a session-local staging table from which one <c>INSERT ... SELECT</c> moves the new rows (see
/// <see cref="AppendTrades"/>). Trades and bars are partitioned by month, created on demand. A write whose connection breaks, or which loses a deadlock,
/// is retried on a fresh connection (<see cref="PostgresTickStoreOptions.WriteRetries"/>); the server rolls back the
/// broken attempt, so nothing is lost or stored twice.</para>
/// <para>Every failure surfaces as a <see cref="StoreException"/> naming the server without its password.</para>
/// </remarks>
public sealed partial class PostgresTickStore : ITickStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresTickStoreOptions _options;
    private readonly string _username, _database;
    private readonly Lock _writeLock = new();
    private readonly Dictionary<Symbol, int> _symbolIds = [];
    private readonly Dictionary<Symbol, long> _lastIds = [], _firstIds = [];
    private readonly TradeIdRuns _addedRuns = new();
    private readonly List<int> _batchSymbolIds = [], _runSymbolIds = [];
    private readonly List<long> _runFirstIds = [], _runLastIds = [];
    private readonly List<(int SymbolId, long Id)> _movedIds = [];
    private readonly int _lockSpace;
    private readonly PostgresPartitions _tradePartitions, _barPartitions;
    private NpgsqlConnection? _writer;
    private volatile bool _disposed;

    private PostgresTickStore(NpgsqlDataSource dataSource, PostgresUrl url, PostgresTickStoreOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _username = url.Username;
        _database = url.Database;
        Server = url.Display;
        _tradePartitions = new PostgresPartitions(options.Schema, "trades");
        _barPartitions = new PostgresPartitions(options.Schema, "bars");
        _lockSpace = PostgresSchema.LockSpace(options.Schema);
    }

    /// <summary>The server and database, as <c>postgres://user@host:port/database</c>: the URL without its password.</summary>
    public string Server { get; }

    /// <summary>The PostgreSQL schema holding the store's tables.</summary>
    public string Schema => _options.Schema;

    /// <summary>The server process of the writing connection, or null when none is open (for tests that break it).</summary>
    internal int? WriterProcessId => _writer?.ProcessID;

    /// <summary>Opens the store at <paramref name="url"/> with the default options.</summary>
    /// <inheritdoc cref="Open(string, PostgresTickStoreOptions)"/>
    public static PostgresTickStore Open(string url) => Open(url, PostgresTickStoreOptions.Default);

    /// <summary>Connects to <paramref name="url"/> (<c>postgres://user:password@host:port/database?schema=name</c>), creating and migrating the store's schema on first use.</summary>
    /// <remarks>
    /// <para>A <c>schema</c> parameter in the URL overrides <see cref="PostgresTickStoreOptions.Schema"/>.</para>
    /// <para>An unreachable or starting server is retried <see cref="PostgresTickStoreOptions.ConnectAttempts"/> times,
    /// waiting <see cref="PostgresTickStoreOptions.ConnectRetryDelay"/> and then twice as long each time. A refused
    /// login or a missing database fails at once.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The URL is malformed (the message omits its password), or an option is out of range.</exception>
    /// <exception cref="StoreException">The server cannot be reached, refuses the login, lacks the database, or holds a schema this build cannot use.</exception>
    public static PostgresTickStore Open(string url, PostgresTickStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentNullException.ThrowIfNull(options);
        PostgresUrl parsed = PostgresUrl.Parse(url);
        if (parsed.Schema is not null) options = options with { Schema = parsed.Schema };
        Validate(options);

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host,
            Port = parsed.Port,
            Username = parsed.Username,
            Password = parsed.Password,
            Database = parsed.Database,
            SearchPath = options.Schema,
            ApplicationName = "tickwise",
            Timeout = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds)),
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
            MaxPoolSize = options.MaxPoolSize,
            // Reads repeat a handful of statements: preparing them once per connection saves planning each time.
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,
            // The default 4 MB of work_mem sends the sorts of a 100k-row batch, and of a large ReadTrades (ordered by id,
            // while the index is by time), to disk; 64 MB keeps them in memory. A session setting, for this store only.
            Options = "-c work_mem=64MB",
        };
        if (parsed.SslMode is { } sslMode) builder.SslMode = sslMode;
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var store = new PostgresTickStore(dataSource, parsed, options);
        try
        {
            store.ConnectAndMigrate();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Returns the metadata value of <paramref name="key"/>, or null.</summary>
    /// <exception cref="StoreException">The database cannot be read.</exception>
    public string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[]? value = null;
        Query("Reading metadata", "SELECT value FROM metadata WHERE key = $1", command =>
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Encoding.UTF8.GetBytes(key), NpgsqlDbType = NpgsqlDbType.Bytea }),
            row => value = row.GetFieldValue<byte[]>(0));
        return value is null ? null : Encoding.UTF8.GetString(value);
    }

    /// <summary>Sets a metadata value (its own transaction).</summary>
    /// <remarks>Keys and values are stored as UTF-8 bytes, so any string (NUL characters too) round-trips.</remarks>
    /// <exception cref="StoreException">The database cannot be written.</exception>
    public void SetMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        byte[] keyBytes = Encoding.UTF8.GetBytes(key), valueBytes = Encoding.UTF8.GetBytes(value);
        Write("Setting metadata", connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO metadata(key, value) VALUES($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", connection);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = keyBytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = valueBytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Closes the store's connections. Reads still being enumerated must have finished.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        lock (_writeLock)
        {
            if (_disposed) return;
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            _dataSource.Dispose();
        }
    }

    private static void Validate(PostgresTickStoreOptions options)
    {
        if (!PostgresSchema.IsValidName(options.Schema))
            throw new ArgumentException($"'{options.Schema}' is not a usable schema name: 1 to 63 of a-z, 0-9 and '_', not starting with a digit or 'pg_'.", nameof(options));
        if (options.ConnectAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), options.ConnectAttempts, "At least one attempt to connect is needed.");
        if (options.ConnectRetryDelay < TimeSpan.Zero || options.ConnectRetryDelay > TimeSpan.FromMinutes(10))
            throw new ArgumentOutOfRangeException(nameof(options), options.ConnectRetryDelay, "The retry delay must be between zero and 10 minutes.");
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout.TotalSeconds > 1024)
            throw new ArgumentOutOfRangeException(nameof(options), options.ConnectTimeout, "The connect timeout must be between 1 and 1024 seconds.");
        if (options.CommandTimeout < TimeSpan.Zero || options.CommandTimeout.TotalSeconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(options), options.CommandTimeout, "The command timeout must not be negative.");
        if (options.WriteRetries < 0) throw new ArgumentOutOfRangeException(nameof(options), options.WriteRetries, "The write retries must not be negative.");
        if (options.MaxPoolSize < 2) throw new ArgumentOutOfRangeException(nameof(options), options.MaxPoolSize, "The pool needs room for the writer and a reader.");
    }

    /// <summary>Opens the first connection, retrying while the server is unreachable or starting, and migrates the schema.</summary>
    private void ConnectAndMigrate()
    {
        const string action = "Opening";
        TimeSpan delay = _options.ConnectRetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using NpgsqlConnection connection = _dataSource.OpenConnection();
                PostgresSchema.Migrate(connection, _options.Schema, Server);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                if (PostgresFaults.IsLoginRefused(e) || !PostgresFaults.IsTransient(e)) throw Fault(action, e);
                if (attempt >= _options.ConnectAttempts)
                {
                    StoreException last = Fault(action, e);
                    throw new StoreException($"{last.Message.TrimEnd('.')} (gave up after {attempt} attempts).", e);
                }
                Thread.Sleep(delay);
                delay += delay;
            }
        }
    }

    private StoreException Fault(string action, Exception exception) =>
        PostgresFaults.From(Server, action, exception, _username, _database);

    /// <summary>Runs one write on the writer connection under the write lock, retrying a broken connection or a lost deadlock.</summary>
    private T Write<T>(string action, Func<NpgsqlConnection, T> write)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return write(Writer());
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
                {
                    if (!RecoverWriter(e, attempt)) throw Fault(action, e);
                }
            }
        }
    }

    /// <summary>Returns the open writer connection, opening it (with its staging tables) when there is none.</summary>
    private NpgsqlConnection Writer()
    {
        if (_writer is { State: System.Data.ConnectionState.Open } open) return open;
        _writer?.Dispose();
        _writer = null;
        NpgsqlConnection connection = _dataSource.OpenConnection();
        try
        {
            // Session-local and emptied at each commit: concurrent writers never see each other's batches.
            using var command = new NpgsqlCommand($"""
                CREATE TEMP TABLE IF NOT EXISTS {StagingTrades}(
                    ord integer, symbol_id integer, id bigint, time_ms bigint, price bigint, quantity bigint, aggressor smallint, trade_count integer)
                    ON COMMIT DELETE ROWS;
                CREATE TEMP TABLE IF NOT EXISTS {StagingBars}(
                    ord integer, symbol_id integer, interval_ms bigint, open_time_ms bigint, open bigint, high bigint, low bigint, close bigint,
                    volume numeric, quote_volume numeric, taker_buy_volume numeric, taker_buy_quote_volume numeric, trade_count bigint)
                    ON COMMIT DELETE ROWS;
                """, connection);
            command.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _writer = connection;
        return connection;
    }
}
