namespace Tickwise.Storage.Postgres;

/// <summary>How <see cref="PostgresTickStore"/> connects and retries.</summary>
/// <remarks>The defaults suit a server that several ingest processes and dashboards share; tests shorten the retries.</remarks>
public sealed record PostgresTickStoreOptions
{
    /// <summary>The default options.</summary>
    public static PostgresTickStoreOptions Default { get; } = new();

    /// <summary>The PostgreSQL schema that holds the store's tables, created on first use; <c>tickwise</c> by default.</summary>
    /// <remarks>Lower-case letters, digits and '_', starting with a letter or '_', at most 63 characters. Several stores may share one database under different schemas.</remarks>
    public string Schema { get; init; } = "tickwise";

    /// <summary>How many times opening tries to reach the server before giving up; 6 by default.</summary>
    /// <remarks>Only an unreachable or starting server is retried; a refused login or a missing database fails at once.</remarks>
    public int ConnectAttempts { get; init; } = 6;

    /// <summary>The wait after the first failed attempt to connect, doubled after each further one; 0.5 s by default (0.5 + 1 + 2 + 4 + 8 s in all).</summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt to connect may take; 10 s by default.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a write is retried after its connection broke or it lost a deadlock; 3 by default.</summary>
    /// <remarks>
    /// Safe because writes are idempotent: a retried batch stores each trade once. When the connection broke while the
    /// server was committing, the first attempt may have stored the batch; the retry then counts those trades as not new.
    /// </remarks>
    public int WriteRetries { get; init; } = 3;

    /// <summary>How long one statement may run before the server cancels it; 5 minutes by default.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest number of pooled connections to the server (the writer and concurrent reads); 20 by default.</summary>
    public int MaxPoolSize { get; init; } = 20;
}
