using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Web.Api;

namespace Tickwise.Web;

/// <summary>The ASP.NET Core host of the API, the <c>/ws</c> live feed, the OpenAPI document and the dashboard's static files.</summary>
/// <remarks>
/// <para>Kestrel listens on <c>urls</c> as ASP.NET Core reads them (<c>http://127.0.0.1:5080</c>, several separated by
/// ';'); port 0 takes a free port, and <see cref="Addresses"/> tells which. The dashboard is served from the
/// <c>wwwroot</c> folder beside the executable when it exists (index.html at /).</para>
/// <para>Framework logs go to stderr (warnings and up), so commands that print results on stdout stay clean.</para>
/// </remarks>
internal sealed class TickwiseWebHost : IAsyncDisposable
{
    /// <summary>Where <c>run</c> and <c>serve</c> listen unless told otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The largest request body accepted (1 MiB); bigger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 1 << 20;

    private readonly WebApplication _app;

    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;

    private TickwiseWebHost(WebApplication app, WebContext context, IReadOnlyList<string> addresses)
    {
        _app = app;
        Context = context;
        Addresses = addresses;
    }

    /// <summary>What the host serves.</summary>
    public WebContext Context { get; }

    /// <summary>The addresses Kestrel listens on, with the real port when 0 was asked for.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Builds and starts the host.</summary>
    /// <exception cref="IOException">An address is in use or cannot be bound.</exception>
    /// <exception cref="FormatException">An address is malformed.</exception>
    public static async Task<TickwiseWebHost> StartAsync(string urls, WebContext context, CancellationToken cancellationToken = default)
    {
        CheckUrls(urls);
        string webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        bool hasDashboard = Directory.Exists(webRoot);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = hasDashboard ? webRoot : null,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start is reported once, by the caller, from the exception.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton(context);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiErrorHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddOutputCache();

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFeedBatching();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseOutputCache();
        if (hasDashboard)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }
        else app.MapGet("/", () => TypedResults.Text(NoDashboardPage, "text/html")).ExcludeFromDescription();
        // The document describes the endpoints mapped here and never changes while the host runs, but generating it
        // takes 0.3-1.5 s of a loaded machine, and the dashboard waits for it before its first request: it is made
        // once (see WarmOpenApiAsync) and served from the cache afterwards.
        app.MapOpenApi().CacheOutput(policy => policy.Expire(TimeSpan.FromDays(365)));
        app.MapMarketEndpoints();
        app.MapSeriesEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapPairsEndpoints();
        app.MapAlertEndpoints();
        app.MapTradingEndpoints();
        app.MapFeedEndpoint();

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        IServerAddressesFeature? feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        IReadOnlyList<string> addresses = feature is null ? [urls] : [.. feature.Addresses];
        var host = new TickwiseWebHost(app, context, addresses);
        host._warmUp = Task.Run(() => WarmOpenApiAsync(addresses[0], host._stopping.Token));
        return host;
    }

    /// <summary>Requests the OpenAPI document once, in the background, so that it is generated and cached before the
    /// first dashboard asks for it.</summary>
    private static async Task WarmOpenApiAsync(string address, CancellationToken cancellationToken)
    {
        // A wildcard listener (0.0.0.0, [::], *, +) is reached on loopback.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        uri.Path = "/openapi/v1.json";
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using HttpResponseMessage response = await http.GetAsync(uri.Uri, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Only a warm-up: the first real request generates the document instead, and reports any error itself.
        }
    }

    /// <summary>Throws a <see cref="FormatException"/> naming the first address that is not <c>http://HOST:PORT</c>
    /// (host a name, an IP, * or +; port 0 to 65535): Kestrel's own errors for these are obscure.</summary>
    private static void CheckUrls(string urls)
    {
        string[] parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new FormatException("No address given: use http://HOST:PORT, such as http://127.0.0.1:5080.");
        foreach (string part in parts)
        {
            // Kestrel's wildcard hosts are not URI hosts; check the rest with a stand-in.
            string candidate = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0
                || !candidate.Contains(':', StringComparison.Ordinal) || uri.Port is < 0 or > 65535)
                throw new FormatException($"'{part}' is not an address to listen on: use http://HOST:PORT, such as http://127.0.0.1:5080 (port 0: a free port).");
        }
    }

    /// <summary>Stops the live feed (closing every WebSocket) and then the host.</summary>
    public async ValueTask DisposeAsync()
    {
        // _stopping holds no timer, so it is left to the GC: DisposeAsync may be called more than once.
        await _stopping.CancelAsync();
        await _warmUp;
        await Context.Hub.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // the host gave up waiting for requests still running
        }
        await _app.DisposeAsync();
    }

    private const string NoDashboardPage = """
        <!doctype html><meta charset="utf-8"><title>Tickwise</title>
        <p>Tickwise is running. The dashboard is not built into this copy (no wwwroot beside the executable).</p>
        <p>API: <a href="/api/symbols">/api/symbols</a>, <a href="/api/health">/api/health</a>, <a href="/openapi/v1.json">OpenAPI document</a>; live feed: WebSocket /ws (docs/websocket.md).</p>
        """;
}
