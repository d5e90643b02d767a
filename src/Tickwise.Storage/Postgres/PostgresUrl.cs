using System.Globalization;
using Npgsql;

namespace Tickwise.Storage.Postgres;

/// <summary>A <c>postgres://user:password@host:port/database</c> URL, taken apart for Npgsql.</summary>
/// <remarks>
/// <para>Query parameters: <c>schema</c> (the store's schema, see <see cref="PostgresTickStoreOptions.Schema"/>) and
/// <c>sslmode</c> (<c>disable</c>, <c>prefer</c>, <c>require</c>, ...); others are refused rather than ignored.
/// User and password may be percent-encoded. The port defaults to 5432 and the database to the user name, as libpq does.</para>
/// <para><see cref="Display"/> is the URL without its password: the only form that may reach a message or a log.</para>
/// </remarks>
internal sealed class PostgresUrl
{
    private PostgresUrl(string host, int port, string username, string? password, string database, string? schema, SslMode? sslMode)
    {
        Host = host;
        Port = port;
        Username = username;
        Password = password;
        Database = database;
        Schema = schema;
        SslMode = sslMode;
        string hostText = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        Display = string.Create(CultureInfo.InvariantCulture, $"postgres://{username}@{hostText}:{port}/{database}");
    }

    internal string Host { get; }
    internal int Port { get; }
    internal string Username { get; }
    internal string? Password { get; }
    internal string Database { get; }
    internal string? Schema { get; }
    internal SslMode? SslMode { get; }

    /// <summary>The URL without password and query, for messages.</summary>
    internal string Display { get; }

    /// <summary>True when <paramref name="spec"/> starts with <c>postgres://</c> or <c>postgresql://</c>.</summary>
    internal static bool IsUrl(string spec) =>
        spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the URL.</summary>
    /// <exception cref="ArgumentException">The URL is malformed; the message quotes it without its password.</exception>
    internal static PostgresUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
            throw Bad(url, "expected postgres://user:password@host:port/database");
        string userInfo = uri.UserInfo;
        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        string username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        string? password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        if (username.Length == 0) throw Bad(url, "it names no user");
        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Contains('/', StringComparison.Ordinal)) throw Bad(url, "the path must be a single database name");
        if (database.Length == 0) database = username;
        int port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port;

        string? schema = null;
        SslMode? sslMode = null;
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name)
            {
                case "schema":
                    schema = value;
                    break;
                case "sslmode":
                    if (!Enum.TryParse(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out SslMode mode) || !Enum.IsDefined(mode))
                        throw Bad(url, $"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full");
                    sslMode = mode;
                    break;
                default:
                    throw Bad(url, $"the parameter '{name}' is not known (use schema or sslmode)");
            }
        }
        string host = uri.Host.StartsWith('[') ? uri.Host[1..^1] : uri.Host;
        return new PostgresUrl(host, port, username, password, database, schema, sslMode);
    }

    /// <summary>Returns <paramref name="url"/> with any password replaced by <c>***</c>, for messages about a URL that did not parse.</summary>
    internal static string Redact(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return url;
        int start = scheme + 3;
        int at = url.LastIndexOf('@');
        if (at < start) return url;
        int colon = url.IndexOf(':', start, at - start);
        return colon < 0 ? url : string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at));
    }

    private static ArgumentException Bad(string url, string problem) =>
        new($"'{Redact(url)}' is not a PostgreSQL URL: {problem}.", nameof(url));
}
