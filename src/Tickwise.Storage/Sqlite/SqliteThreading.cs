using SQLitePCL;

namespace Tickwise.Storage.Sqlite;

/// <summary>Puts SQLite in multi-thread mode for the process, once, before the first connection opens.</summary>
/// <remarks>
/// <para>The bundled SQLite is compiled serialized, and Microsoft.Data.Sqlite opens connections without
/// <c>SQLITE_OPEN_NOMUTEX</c>, so every column read takes and releases the connection's mutex: reading 10,000 bars
/// (ten columns each) spent about a fifth of its time there. A store never needs that mutex: its writer is used under
/// the store's write lock and each reader by the one read that rented it, and ADO.NET connections are not
/// thread-safe anyway.</para>
/// <para>The mode is process-wide and can only be chosen before SQLite initializes. When something else in the
/// process initialized it first, <c>sqlite3_config</c> refuses and SQLite stays serialized: slower, equally
/// correct.</para>
/// </remarks>
internal static class SqliteThreading
{
    private const int ConfigMultiThread = 2; // SQLITE_CONFIG_MULTITHREAD

    /// <summary>Whether SQLite accepted multi-thread mode (false: it stays serialized).</summary>
    public static bool MultiThread { get; } = Configure();

    /// <summary>Runs the one-time configuration (the first access to <see cref="MultiThread"/> does it).</summary>
    public static void Ensure() => _ = MultiThread;

    private static bool Configure()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMultiThread) == raw.SQLITE_OK;
    }
}
