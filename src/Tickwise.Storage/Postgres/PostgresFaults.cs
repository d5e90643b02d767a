using System.Net.Sockets;
using Npgsql;

namespace Tickwise.Storage.Postgres;

/// <summary>Turns Npgsql and PostgreSQL failures into <see cref="StoreException"/>s that say what happened and what to do.</summary>
/// <remarks>
/// Messages name the server by its URL without the password (<see cref="PostgresUrl.Display"/>) and never quote a
/// connection string. Npgsql's own messages carry no password either, so keeping them as inner exceptions is safe.
/// </remarks>
internal static class PostgresFaults
{
    // SQLSTATE codes, from PostgreSQL's errcodes.txt.
    internal const string InvalidPassword = "28P01", InvalidAuthorization = "28000", InvalidCatalogName = "3D000",
        InsufficientPrivilege = "42501", DiskFull = "53100", OutOfMemory = "53200", TooManyConnections = "53300",
        AdminShutdown = "57P01", CrashShutdown = "57P02", CannotConnectNow = "57P03", ReadOnlyTransaction = "25006",
        DeadlockDetected = "40P01", SerializationFailure = "40001", QueryCanceled = "57014", NoPartitionForRow = "23514",
        UniqueViolation = "23505";

    /// <summary>True when trying again may succeed: the connection broke, the server is starting or restarting, or a deadlock was lost.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState is DeadlockDetected or SerializationFailure or AdminShutdown or CrashShutdown or CannotConnectNow or TooManyConnections,
        NpgsqlException n => n.IsTransient,
        TimeoutException or IOException or SocketException => true,
        _ => false,
    };

    /// <summary>True when the failure says nothing about the server's reachability: retrying cannot help (a wrong password, a missing database).</summary>
    internal static bool IsLoginRefused(Exception exception) =>
        exception is PostgresException { SqlState: InvalidPassword or InvalidAuthorization or InvalidCatalogName or InsufficientPrivilege };

    /// <summary>Returns the exception for a failed call to the server.</summary>
    /// <param name="server">The server, as <see cref="PostgresUrl.Display"/>.</param>
    /// <param name="action">What was being done, as in <c>Appending trades</c>.</param>
    /// <param name="exception">What Npgsql threw.</param>
    /// <param name="username">The user of the URL, quoted when the login was refused.</param>
    /// <param name="database">The database of the URL, quoted when it does not exist.</param>
    internal static StoreException From(string server, string action, Exception exception, string username, string database)
    {
        string problem = exception switch
        {
            PostgresException { SqlState: InvalidPassword } =>
                $"the server refused the password of user '{username}'; check the user and password in the URL (or the server's pg_hba.conf)",
            PostgresException { SqlState: InvalidAuthorization } =>
                $"the server refused user '{username}' (no such role, or pg_hba.conf does not allow it from here); check the URL and the server's access rules",
            PostgresException { SqlState: InvalidCatalogName } =>
                $"the database '{database}' does not exist; create it (createdb -O {username} {database}) or fix the URL",
            PostgresException { SqlState: InsufficientPrivilege } p =>
                $"user '{username}' lacks a privilege ({OneLine(p.MessageText)}); make the user own the database or grant it CREATE, or use another user",
            PostgresException { SqlState: DiskFull } => "the server's disk is full; free space and retry, this write was not stored",
            PostgresException { SqlState: OutOfMemory } => "the server ran out of memory; retry with smaller batches or give the server more memory",
            PostgresException { SqlState: TooManyConnections } => "the server has no free connection slots; close other clients or raise max_connections",
            PostgresException { SqlState: AdminShutdown } =>
                "the server ended the session (shutting down, or an administrator terminated it); nothing of this call was stored unless the server had already committed it, so retry (writes are idempotent)",
            PostgresException { SqlState: CrashShutdown or CannotConnectNow } =>
                "the server is restarting or starting; retry when it is up, nothing of this call was stored",
            PostgresException { SqlState: ReadOnlyTransaction } => "the server is read-only (a standby or default_transaction_read_only); point the URL at the primary",
            PostgresException { SqlState: QueryCanceled } => "the statement was cancelled or ran past the command timeout; retry, or raise the timeout",
            PostgresException p => $"PostgreSQL error {p.SqlState}: {OneLine(p.MessageText)}",
            _ when Find<SocketException>(exception) is { } s => s.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "the server refused the connection (nothing listens on that port); check that PostgreSQL is running and the host and port are right",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve; check the host in the URL",
                SocketError.TimedOut => "connecting timed out; check the host, the port and the network",
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected => LostConnection,
                _ => $"the network failed ({s.SocketErrorCode}); check that PostgreSQL is running and reachable",
            },
            _ when Find<TimeoutException>(exception) is not null => "the server did not answer in time; check that it is running and reachable, or raise the timeout",
            NpgsqlException when Find<IOException>(exception) is not null => LostConnection,
            NpgsqlException n => $"Npgsql failed: {OneLine(n.Message)}",
            _ => OneLine(exception.Message),
        };
        return new StoreException($"{action} failed for '{server}': {problem}.", exception);
    }

    private const string LostConnection =
        "the connection to the server was lost; nothing of this call was stored unless the server had already committed it, so retry (writes are idempotent)";

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is T match) return match;
        return null;
    }

    private static string OneLine(string? text) =>
        string.IsNullOrEmpty(text) ? "no message" : text.ReplaceLineEndings(" ").Trim();
}
