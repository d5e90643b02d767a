using Microsoft.Data.Sqlite;

namespace Tickwise.Storage.Sqlite;

/// <summary>Turns SQLite result codes into <see cref="StoreException"/>s that say what happened and what to do.</summary>
internal static class SqliteFaults
{
    // Primary result codes (the low byte of an extended code), from sqlite3.h.
    internal const int Ok = 0, Error = 1, Perm = 3, Busy = 5, Locked = 6, NoMem = 7, ReadOnly = 8, IoErr = 10,
        Corrupt = 11, Full = 13, CantOpen = 14, Constraint = 19, NotADb = 26, Row = 100, Done = 101;

    /// <summary>Returns the exception for a failed SQLite call.</summary>
    /// <param name="path">The database file, as the user named it.</param>
    /// <param name="action">What was being done, as in <c>Appending trades</c>.</param>
    /// <param name="resultCode">SQLite's (extended) result code.</param>
    /// <param name="detail">SQLite's own message, kept as a last resort for codes without advice.</param>
    /// <param name="busyTimeout">The busy timeout, quoted when the file was locked.</param>
    /// <param name="inner">The original exception, if any.</param>
    internal static StoreException From(string path, string action, int resultCode, string? detail, TimeSpan busyTimeout, Exception? inner = null)
    {
        string problem = (resultCode & 0xFF) switch
        {
            Busy or Locked => $"the database is locked by another process or connection (waited {busyTimeout.TotalSeconds:0.###} s); close the other program using it and retry",
            ReadOnly => "the database is read-only; check the file and directory permissions (and the read-only option), or use another path",
            Perm => "access was denied; check the file and directory permissions, or use another path",
            Full => "the disk or the database size limit is full; free space (or raise the limit) and retry, this write was not stored",
            NotADb or Corrupt => "the file is not a SQLite database or is corrupt; move it away to start a new one, or restore a backup",
            CantOpen => "the file cannot be opened; check that its directory exists and is writable, or use another path",
            IoErr => "a disk I/O error occurred; check the disk and its free space, then retry",
            NoMem => "SQLite ran out of memory; free memory and retry",
            _ => $"SQLite error {resultCode}: {OneLine(detail)}",
        };
        return new StoreException($"{action} failed for '{path}': {problem}.", inner);
    }

    /// <summary>Returns the exception for a <see cref="SqliteException"/> thrown by Microsoft.Data.Sqlite.</summary>
    internal static StoreException From(string path, string action, SqliteException exception, TimeSpan busyTimeout) =>
        From(path, action, exception.SqliteExtendedErrorCode != 0 ? exception.SqliteExtendedErrorCode : exception.SqliteErrorCode,
            exception.Message, busyTimeout, exception);

    private static string OneLine(string? text) =>
        string.IsNullOrEmpty(text) ? "no message" : text.ReplaceLineEndings(" ").Trim();
}
