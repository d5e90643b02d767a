using System.Diagnostics;
using Npgsql;
using Tickwise.Storage.Postgres;

namespace Tickwise.Storage.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run: the one TICKWISE_TEST_POSTGRES names, or a throwaway cluster that
/// scripts/postgres.sh starts for the run (installing PostgreSQL if missing) and removes afterwards.
/// </summary>
/// <remarks>Each test gets its own schema (<see cref="NewSchema"/>), dropped when the run ends, so tests never see each other's rows.</remarks>
public sealed class PostgresServer : IDisposable
{
    public const string UrlVariable = "TICKWISE_TEST_POSTGRES";

    private readonly string? _clusterDirectory;
    private readonly List<string> _schemas = [];
    private readonly Lock _lock = new();

    public PostgresServer()
    {
        string? url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            _clusterDirectory = Path.Combine(Path.GetTempPath(), "tickwise-pg-tests-" + Guid.NewGuid().ToString("N")[..12]);
            url = RunScript("start", _clusterDirectory).Trim();
        }
        Url = url;
        PostgresUrl parsed = PostgresUrl.Parse(url);
        Password = parsed.Password ?? "";
        Username = parsed.Username;
        Port = parsed.Port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host,
            Port = parsed.Port,
            Username = parsed.Username,
            Password = parsed.Password,
            Database = parsed.Database,
            ApplicationName = "tickwise-tests",
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>The server's URL, with password and without schema.</summary>
    public string Url { get; }

    public string Username { get; }

    public string Password { get; }

    public int Port { get; }

    /// <summary>An Npgsql connection string to the test database, for checks and sabotage beside the store.</summary>
    public string ConnectionString { get; }

    /// <summary>Returns a schema name nobody used yet; it is dropped when the run ends.</summary>
    public string NewSchema()
    {
        string schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        lock (_lock) _schemas.Add(schema);
        return schema;
    }

    /// <summary>Returns the URL with <c>?schema=</c> set.</summary>
    public string UrlFor(string schema) => $"{Url}{(Url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}schema={schema}";

    /// <summary>Runs SQL on a connection of its own and returns the first column of the first row.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (_clusterDirectory is not null)
        {
            RunScript("stop", _clusterDirectory);
            return;
        }
        // A shared server outlives the run: leave it as it was.
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        foreach (string schema in _schemas)
        {
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            command.ExecuteNonQuery();
        }
    }

    private static string RunScript(string verb, string directory)
    {
        string script = Path.Combine(Tickwise.Testing.RepositoryPaths.Root, "scripts", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("bash did not start");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        // Installing PostgreSQL on a clean machine takes a minute or two.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) process.Kill(entireProcessTree: true);
        if (!process.HasExited || process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh {verb} failed: {error.Result}");
        return output;
    }
}

/// <summary>Tests that share the run's PostgreSQL server; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
