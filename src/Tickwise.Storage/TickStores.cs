using Tickwise.Storage.Sqlite;

namespace Tickwise.Storage;

/// <summary>Opens the store the configuration names.</summary>
public static class TickStores
{
    /// <summary>The SQLite file used when none is named: <c>./data/tickwise.db</c>, relative to the working directory.</summary>
    public const string DefaultSqlitePath = "data/tickwise.db";

    /// <summary>Opens (creating on first use) the SQLite store at <paramref name="path"/>, or at <see cref="DefaultSqlitePath"/>.</summary>
    /// <exception cref="StoreException">The file cannot be opened, is not a Tickwise store, or is newer than this build.</exception>
    public static ITickStore OpenSqlite(string? path = null, SqliteTickStoreOptions? options = null) =>
        SqliteTickStore.Open(string.IsNullOrWhiteSpace(path) ? DefaultSqlitePath : path, options ?? SqliteTickStoreOptions.Default);
}
