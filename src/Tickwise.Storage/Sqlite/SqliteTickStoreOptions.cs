namespace Tickwise.Storage.Sqlite;

/// <summary>How <see cref="SqliteTickStore"/> opens its file.</summary>
/// <remarks>The defaults suit the CLI and the server; tests and tools shorten the busy timeout or cap the size.</remarks>
public sealed record SqliteTickStoreOptions
{
    /// <summary>The default options.</summary>
    public static SqliteTickStoreOptions Default { get; } = new();

    /// <summary>How long a write waits for another connection's lock before failing; 5 seconds by default.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Opens the file for reading only: every write fails with a <see cref="StoreException"/>.</summary>
    /// <remarks>A read-only store neither creates nor migrates the file, so the file must exist at the current schema version.</remarks>
    public bool ReadOnly { get; init; }

    /// <summary>Largest size the database file may grow to, in bytes, or null for no limit.</summary>
    /// <remarks>A write that would pass it fails whole, as on a full disk (SQLite's <c>max_page_count</c>).</remarks>
    public long? MaxSizeBytes { get; init; }

    /// <summary>Page cache of the writing connection, in KiB; 32 MiB by default, which keeps bulk ingest off the disk between commits.</summary>
    public int CacheSizeKib { get; init; } = 32 * 1024;

    /// <summary>Pages the write-ahead log may grow to before SQLite copies it into the database file; 16,384 (256 MiB at 16 KiB pages) by default.</summary>
    /// <remarks>
    /// SQLite's default of 1,000 pages checkpoints (and syncs) every 16 MiB, which costs bulk ingest about a fifth of its
    /// speed. A longer log changes nothing for a killed process: committed transactions are in the log and replayed on
    /// open. It does leave more recent commits to an operating-system crash or power loss, as synchronous=NORMAL
    /// always does for whatever is not yet checkpointed.
    /// </remarks>
    public int WalAutoCheckpointPages { get; init; } = 16_384;
}
