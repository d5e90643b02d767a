using Npgsql;

namespace Tickwise.Storage.Postgres;

/// <summary>The store's tables in its PostgreSQL schema and the ordered migrations that build them.</summary>
/// <remarks>
/// <para>The version is the one row of <c>tickwise_schema_version</c>: version N means migrations 1..N have run. A
/// schema written by a newer Tickwise is refused rather than guessed at, and so is a schema holding other tables.</para>
/// <para>Migrations are append-only: never edit a shipped step, add the next one. They run in one transaction under an
/// advisory lock, so processes opening a new database at once migrate it once.</para>
/// <para>Prices and quantities are BIGINT fixed-point raw values; bar volumes exact NUMERIC. Trades and bars are
/// partitioned by month of their time (<see cref="PostgresPartitions"/>). Because a partitioned table's unique keys
/// must contain the partition column, the natural key of a trade, (symbol, id), is kept unique by a protocol: writers
/// of a symbol take its advisory lock (<see cref="LockSpace"/>) for the transaction and consult <c>trade_runs</c>,
/// the ledger of stored ids as runs of consecutive ids (one row per gap, not per trade), before storing a trade.</para>
/// </remarks>
internal static class PostgresSchema
{
    internal const string VersionTable = "tickwise_schema_version";

    /// <summary>The migrations in order; step i (0-based) brings the schema to version i + 1. Run with search_path set to the store's schema.</summary>
    internal static readonly string[] Migrations =
    [
        // 1: the first schema. symbols.name sorts in C collation so ListSymbols is ordinal, as in SQLite.
        """
        CREATE TABLE symbols(
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text COLLATE "C" NOT NULL UNIQUE);
        CREATE TABLE trade_ids(
            symbol_id integer NOT NULL,
            id bigint NOT NULL,
            PRIMARY KEY(symbol_id, id));
        CREATE TABLE trades(
            symbol_id integer NOT NULL,
            id bigint NOT NULL,
            time_ms bigint NOT NULL,
            price bigint NOT NULL,
            quantity bigint NOT NULL,
            aggressor smallint NOT NULL,
            trade_count integer NOT NULL,
            PRIMARY KEY(symbol_id, time_ms, id)) PARTITION BY RANGE (time_ms);
        CREATE TABLE bars(
            symbol_id integer NOT NULL,
            interval_ms bigint NOT NULL,
            open_time_ms bigint NOT NULL,
            open bigint NOT NULL,
            high bigint NOT NULL,
            low bigint NOT NULL,
            close bigint NOT NULL,
            volume numeric NOT NULL,
            quote_volume numeric NOT NULL,
            taker_buy_volume numeric NOT NULL,
            taker_buy_quote_volume numeric NOT NULL,
            trade_count bigint NOT NULL,
            PRIMARY KEY(symbol_id, interval_ms, open_time_ms)) PARTITION BY RANGE (open_time_ms);
        CREATE TABLE metadata(
            key bytea PRIMARY KEY,
            value bytea NOT NULL);
        """,
        // 2: application records (alerts, signals, orders, positions, backtests, pair snapshots), see IRecordStore.
        // Text, not jsonb: the document must round-trip exactly as written.
        """
        CREATE TABLE records(
            kind text COLLATE "C" NOT NULL,
            key text COLLATE "C" NOT NULL,
            time_ms bigint NOT NULL,
            json text NOT NULL,
            PRIMARY KEY(kind, key));
        CREATE INDEX records_by_time ON records(kind, time_ms);
        """,
        // 3: the stored ids as runs instead of one key row per trade (that table cost as much to write as the trades).
        // The runs are the maximal runs of consecutive ids of trade_ids, which goes.
        """
        CREATE TABLE trade_runs(
            symbol_id integer NOT NULL,
            first_id bigint NOT NULL,
            last_id bigint NOT NULL,
            PRIMARY KEY(symbol_id, first_id),
            CHECK (first_id <= last_id));
        CREATE UNIQUE INDEX trade_runs_by_last ON trade_runs(symbol_id, last_id);
        INSERT INTO trade_runs(symbol_id, first_id, last_id)
        SELECT symbol_id, min(id), max(id)
        FROM (SELECT symbol_id, id, id - row_number() OVER (PARTITION BY symbol_id ORDER BY id) AS run FROM trade_ids) AS keys
        GROUP BY symbol_id, run;
        DROP TABLE trade_ids;
        """,
    ];

    /// <summary>The first key of the store's per-symbol advisory locks: a stable hash of the schema name (FNV-1a).</summary>
    /// <remarks>Stores in different schemas of one database then lock different keys (a collision only makes them take turns).</remarks>
    internal static int LockSpace(string schema)
    {
        uint hash = 2166136261;
        foreach (char c in schema) hash = (hash ^ c) * 16777619;
        return unchecked((int)hash);
    }

    /// <summary>The version this build writes and reads.</summary>
    internal static int CurrentVersion => Migrations.Length;

    /// <summary>Creates the schema if needed, checks that this build may use it and runs the migrations it lacks.</summary>
    /// <exception cref="StoreException">The schema is newer than this build or holds tables that are not a Tickwise store.</exception>
    /// <exception cref="NpgsqlException">The server failed; the caller translates it.</exception>
    internal static void Migrate(NpgsqlConnection connection, string schema, string server) =>
        Migrate(connection, schema, server, Migrations);

    /// <summary>Runs <paramref name="migrations"/> (the real list, or a test's) that the schema lacks, all in one transaction.</summary>
    internal static void Migrate(NpgsqlConnection connection, string schema, string server, IReadOnlyList<string> migrations)
    {
        string quoted = Quote(schema);
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        // Serialises opening processes; CREATE SCHEMA IF NOT EXISTS alone still races on the catalog's unique index.
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('tickwise.migrate.' || $1))", schema);
        // CREATE SCHEMA checks the CREATE privilege on the database even when the schema exists: ask first, so a user
        // that may only use an existing store can open it.
        if (Scalar(connection, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)", schema) is not true)
            Execute(connection, $"CREATE SCHEMA {quoted}");
        int version;
        if (Scalar(connection, $"SELECT to_regclass('{quoted}.{VersionTable}') IS NOT NULL", null) is true)
        {
            version = Convert.ToInt32(Scalar(connection, $"SELECT version FROM {quoted}.{VersionTable}", null), System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            long tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", schema),
                System.Globalization.CultureInfo.InvariantCulture);
            if (tables != 0)
                throw new StoreException($"Opening failed for '{server}': schema '{schema}' holds {tables} tables but no Tickwise schema version; it is not a Tickwise store, use another schema (?schema=...).");
            Execute(connection, $"CREATE TABLE {quoted}.{VersionTable}(version integer NOT NULL)");
            Execute(connection, $"INSERT INTO {quoted}.{VersionTable}(version) VALUES(0)");
            version = 0;
        }
        if (version > migrations.Count)
            throw new StoreException($"Opening failed for '{server}': schema '{schema}' is at version {version}, newer than this Tickwise knows ({migrations.Count}); upgrade Tickwise or use another schema.");
        if (version == migrations.Count)
        {
            transaction.Commit();
            return;
        }
        Execute(connection, $"SET LOCAL search_path TO {quoted}");
        for (int step = version; step < migrations.Count; step++) Execute(connection, migrations[step]);
        Execute(connection, $"UPDATE {quoted}.{VersionTable} SET version = {migrations.Count}");
        transaction.Commit();
    }

    /// <summary>True for a name that needs no escaping: lower-case letters, digits and '_', not starting with a digit, at most 63 bytes.</summary>
    internal static bool IsValidName(string name)
    {
        if (name.Length is 0 or > 63 || name[0] is >= '0' and <= '9') return false;
        foreach (char c in name)
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')) return false;
        return !name.StartsWith("pg_", StringComparison.Ordinal);
    }

    /// <summary>Returns the quoted identifier of a name that passed <see cref="IsValidName"/>.</summary>
    internal static string Quote(string name) => $"\"{name}\"";

    private static void Execute(NpgsqlConnection connection, string sql, string? parameter = null)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql, string? parameter)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return command.ExecuteScalar();
    }
}
