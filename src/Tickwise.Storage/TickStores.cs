using Tickwise.Storage.Postgres;
using Tickwise.Storage.Sqlite;

namespace Tickwise.Storage;

/// <summary>Opens the store the configuration names.</summary>
public static class TickStores
{
    /// <summary>The SQLite file used when none is named: <c>./data/tickwise.db</c>, relative to the working directory.</summary>
    public const string DefaultSqlitePath = "data/tickwise.db";

    /// <summary>Opens the store that <paramref name="storeSpec"/> names: a PostgreSQL URL or a SQLite path.</summary>
    /// <param name="storeSpec">
    /// <c>postgres://user:password@host:port/database</c> (or <c>postgresql://</c>, optionally <c>?schema=name</c>) for the
    /// shared PostgreSQL store; anything else is a SQLite file path; null or blank means <see cref="DefaultSqlitePath"/>.
    /// </param>
    /// <exception cref="ArgumentException">The URL is malformed; the message quotes it without its password.</exception>
    /// <exception cref="StoreException">The store cannot be opened (see <see cref="OpenSqlite"/> and <see cref="OpenPostgres"/>).</exception>
    public static ITickStore Open(string? storeSpec) =>
        storeSpec is not null && PostgresUrl.IsUrl(storeSpec.Trim()) ? OpenPostgres(storeSpec.Trim()) : OpenSqlite(storeSpec);

    /// <summary>Opens (creating on first use) the SQLite store at <paramref name="path"/>, or at <see cref="DefaultSqlitePath"/>.</summary>
    /// <exception cref="StoreException">The file cannot be opened, is not a Tickwise store, or is newer than this build.</exception>
    public static ITickStore OpenSqlite(string? path = null, SqliteTickStoreOptions? options = null) =>
        SqliteTickStore.Open(string.IsNullOrWhiteSpace(path) ? DefaultSqlitePath : path, options ?? SqliteTickStoreOptions.Default);

    /// <summary>Connects to the PostgreSQL store at <paramref name="url"/>, creating its schema on first use.</summary>
    /// <exception cref="ArgumentException">The URL is malformed; the message quotes it without its password.</exception>
    /// <exception cref="StoreException">The server cannot be reached (after retries), refuses the login, lacks the database, or holds a schema this build cannot use.</exception>
    public static ITickStore OpenPostgres(string url, PostgresTickStoreOptions? options = null) =>
        PostgresTickStore.Open(url, options ?? PostgresTickStoreOptions.Default);
}
