using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tickwise.Storage.Sqlite;

/// <summary>One reading connection of a <see cref="SqliteTickStore"/> and the statements prepared on it.</summary>
/// <remarks>Used by one read at a time; the store keeps idle readers for reuse, so statements are prepared once per connection.</remarks>
internal sealed class SqliteReader : IDisposable
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    internal SqliteReader(SqliteConnection connection)
    {
        Connection = connection;
        Db = connection.Handle!;
    }

    internal SqliteConnection Connection { get; }

    internal sqlite3 Db { get; }

    /// <summary>Returns the prepared statement for <paramref name="sql"/>, preparing it on first use.</summary>
    /// <returns>The SQLite result code; <paramref name="statement"/> is set when it is OK.</returns>
    internal int Statement(string sql, out sqlite3_stmt statement)
    {
        if (_statements.TryGetValue(sql, out statement!)) return 0;
        int rc = raw.sqlite3_prepare_v3(Db, sql, 1 /* SQLITE_PREPARE_PERSISTENT */, out statement);
        if (rc == 0) _statements.Add(sql, statement);
        else statement?.Dispose();
        return rc;
    }

    public void Dispose()
    {
        foreach (sqlite3_stmt statement in _statements.Values) statement.Dispose();
        _statements.Clear();
        Connection.Dispose();
    }
}
