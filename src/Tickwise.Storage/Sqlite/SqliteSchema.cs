using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Tickwise.Storage.Sqlite;

/// <summary>The store's tables and the ordered migrations that build them.</summary>
/// <remarks>
/// <para>The schema version is SQLite's <c>PRAGMA user_version</c>: version N means migrations 1..N have run. A file
/// written by a newer Tickwise (a higher version) is refused rather than guessed at. <c>PRAGMA application_id</c>
/// marks the file as Tickwise's, so another program's SQLite file is refused instead of being written into.</para>
/// <para>Migrations are append-only: never edit a shipped step, add the next one.</para>
/// <para>Prices and quantities are stored as their fixed-point raw integers; bar volumes as exact invariant decimal
/// text, because they outgrow 64 bits. Both keep values exact without a conversion through <c>double</c>.</para>
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>"TWK1": the <c>application_id</c> of a Tickwise store.</summary>
    internal const int ApplicationId = 0x54574B31;

    /// <summary>The migrations in order; step i (0-based) brings the schema to version i + 1.</summary>
    internal static readonly string[] Migrations =
    [
        // 1: the first schema. The time index serves ReadTrades and TradeTimeSpan; it costs insert speed (see the benchmarks).
        """
        CREATE TABLE symbols(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE);
        CREATE TABLE trades(
            symbol_id INTEGER NOT NULL,
            id INTEGER NOT NULL,
            time_ms INTEGER NOT NULL,
            price INTEGER NOT NULL,
            quantity INTEGER NOT NULL,
            aggressor INTEGER NOT NULL,
            trade_count INTEGER NOT NULL,
            PRIMARY KEY(symbol_id, id)) WITHOUT ROWID;
        CREATE INDEX trades_by_time ON trades(symbol_id, time_ms);
        CREATE TABLE bars(
            symbol_id INTEGER NOT NULL,
            interval_ms INTEGER NOT NULL,
            open_time_ms INTEGER NOT NULL,
            open INTEGER NOT NULL,
            high INTEGER NOT NULL,
            low INTEGER NOT NULL,
            close INTEGER NOT NULL,
            volume TEXT NOT NULL,
            quote_volume TEXT NOT NULL,
            taker_buy_volume TEXT NOT NULL,
            taker_buy_quote_volume TEXT NOT NULL,
            trade_count INTEGER NOT NULL,
            PRIMARY KEY(symbol_id, interval_ms, open_time_ms)) WITHOUT ROWID;
        CREATE TABLE metadata(
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID;
        """,
        // 2: application records (alerts, signals, orders, positions, backtests, pair snapshots), see IRecordStore.
        """
        CREATE TABLE records(
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY(kind, key)) WITHOUT ROWID;
        CREATE INDEX records_by_time ON records(kind, time_ms);
        """,
    ];

    /// <summary>The version this build writes and reads.</summary>
    internal static int CurrentVersion => Migrations.Length;

    /// <summary>Checks the file is a Tickwise store this build understands and runs the migrations it lacks.</summary>
    /// <exception cref="StoreException">The file is newer, belongs to another program, or needs migrating but is read-only.</exception>
    /// <exception cref="SqliteException">SQLite failed; the caller translates it.</exception>
    internal static void Migrate(SqliteConnection connection, string path, bool readOnly) => Migrate(connection, path, readOnly, Migrations);

    /// <summary>Runs <paramref name="migrations"/> (the real list, or a test's) that the file lacks, all in one transaction.</summary>
    internal static void Migrate(SqliteConnection connection, string path, bool readOnly, IReadOnlyList<string> migrations)
    {
        int version = Check(connection, null, path, migrations.Count);
        if (version == migrations.Count) return;
        if (readOnly)
            throw new StoreException($"Opening failed for '{path}': its schema version {version} is older than {migrations.Count}; open it once for writing to upgrade it.");

        // IMMEDIATE takes the write lock first, so two processes opening a new file do not both migrate it.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        version = Check(connection, transaction, path, migrations.Count);
        for (int step = version; step < migrations.Count; step++)
        {
            Execute(connection, transaction, migrations[step]);
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {step + 1}"));
        }
        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}"));
        transaction.Commit();
    }

    /// <summary>Returns the file's schema version after checking that this build may open it.</summary>
    /// <exception cref="StoreException">The file is newer than this build or is not a Tickwise store.</exception>
    internal static int Check(SqliteConnection connection, SqliteTransaction? transaction, string path) =>
        Check(connection, transaction, path, CurrentVersion);

    private static int Check(SqliteConnection connection, SqliteTransaction? transaction, string path, int knownVersion)
    {
        int version = (int)Scalar(connection, transaction, "PRAGMA user_version");
        long applicationId = Scalar(connection, transaction, "PRAGMA application_id");
        if (version > knownVersion)
            throw new StoreException($"Opening failed for '{path}': its schema version {version} is newer than this Tickwise knows ({knownVersion}); upgrade Tickwise or use another file.");
        if (applicationId != 0 && applicationId != ApplicationId)
            throw new StoreException($"Opening failed for '{path}': it is another program's SQLite database (application id {applicationId}), not a Tickwise store; use another path.");
        if (version == 0 && Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema") != 0)
            throw new StoreException($"Opening failed for '{path}': it is a SQLite database with tables but no Tickwise schema version; use another path.");
        return version;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
