using System.CommandLine;
using Tickwise.Configuration;
using Tickwise.Storage;
using Tickwise.Web;

namespace Tickwise.Cli;

/// <summary><c>tickwise serve</c>: the API, dashboard and /ws over a store, read-only, with no source, until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>The <c>--urls</c> option of the commands that host the web server.</summary>
    public static Option<string?> Urls(string? defaultUrls, string description) => new("--urls")
    {
        Description = description,
        DefaultValueFactory = _ => defaultUrls,
    };

    public static Command Create(TickwiseSettings settings)
    {
        var db = CommonOptions.Db(settings);
        var urls = Urls(TickwiseWebHost.DefaultUrls, "Where to listen, as ASP.NET Core reads it: http://HOST:PORT (port 0: a free port, printed).");
        var command = new Command("serve", "Serve the API, the dashboard and the live feed over a store, read-only, until Ctrl+C.") { db, urls };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string spec = result.GetValue(db)!;
            using ITickStore store = OpenReadOnly(spec);
            await using LiveWeb web = await StartAsync(result.GetValue(urls)!, "serve", store, spec, [], live: false, books: null, cancellationToken);
            await WaitForCancellation(cancellationToken);
            Console.Error.WriteLine("tickwise: stopped serving");
            return 0;
        }));
        return command;
    }

    /// <summary>Starts the web host for a command, turning a bad or busy address into a <see cref="CliException"/>.</summary>
    internal static async Task<LiveWeb> StartAsync(string urls, string source, ITickStore store, string storeSpec, IReadOnlyList<Core.Market.Interval> intervals, bool live,
        Web.Live.IBookSource? books, CancellationToken cancellationToken, Health.IHealthSource? health = null)
    {
        try
        {
            return await LiveWeb.StartAsync(urls, source, store, CliValues.Redact(storeSpec), intervals, live, books, health, cancellationToken);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new CliException($"--urls {urls}: cannot listen there: {e.Message}", e);
        }
    }

    /// <summary>Starts the web host beside a pipeline: on <paramref name="urls"/> when given (it must work), off for "none", and
    /// otherwise on <see cref="TickwiseWebHost.DefaultUrls"/> when that address is free (when it is not, a warning, and the
    /// pipeline runs without it).</summary>
    /// <remarks><paramref name="health"/> is what /api/health serves (the live feed's own health service); null builds one
    /// from the pipeline's counters, as for the simulator and replay.</remarks>
    internal static async Task<LiveWeb?> StartForPipelineAsync(string? urls, string source, ITickStore store, string storeSpec, IReadOnlyList<Core.Market.Interval> intervals,
        Web.Live.IBookSource? books, CancellationToken cancellationToken, Health.IHealthSource? health = null)
    {
        if (string.Equals(urls?.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return null;
        if (urls is not null) return await StartAsync(urls, source, store, storeSpec, intervals, live: true, books, cancellationToken, health);
        try
        {
            return await StartAsync(TickwiseWebHost.DefaultUrls, source, store, storeSpec, intervals, live: true, books, cancellationToken, health);
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"tickwise: warning: no web server: {e.Message} (pass --urls http://127.0.0.1:0 for a free port, or --urls none)");
            return null;
        }
    }

    /// <summary>Waits until Ctrl+C (the token) and returns normally.</summary>
    internal static async Task WaitForCancellation(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to stop serving
        }
    }

    private static ITickStore OpenReadOnly(string spec)
    {
        if (spec.Contains("://", StringComparison.Ordinal)) return TickStores.Open(spec);
        if (!File.Exists(spec)) throw new CliException($"No database at {spec}: import, simulate or run first, or pass --db.");
        return TickStores.OpenSqlite(spec, Storage.Sqlite.SqliteTickStoreOptions.Default with { ReadOnly = true });
    }
}
