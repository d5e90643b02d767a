using System.Net.Http.Headers;
using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web;

/// <summary>The real web host on 127.0.0.1 and a free port, over a store the real <c>tickwise simulate</c> filled with three
/// hours of BTCUSDT and ETHUSDT (seed 7, from 2024-08-08T00:00:00Z); shared by the web tests.</summary>
public sealed class WebTestServer : IAsyncLifetime
{
    /// <summary>The simulated span's start.</summary>
    public const long StartMs = 1_723_075_200_000;

    private readonly TempDirectory _temp = new();
    private TickwiseWebHost? _host;

    /// <summary>The store the server reads.</summary>
    public ITickStore Store { get; private set; } = null!;

    /// <summary>The live feed.</summary>
    internal LiveFeedHub Hub => _host!.Context.Hub;

    /// <summary>The live market state behind /api/quotes/latest.</summary>
    internal LiveMarket Market { get; } = new(TimeProvider.System);

    /// <summary>The books /api/book serves.</summary>
    internal PublishedBooks Books { get; } = new();

    /// <summary>The server's address, such as http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client of the server.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        string db = _temp.File("web.db");
        var simulate = TickwiseProcess.Run(_temp.Path, "simulate", "--symbols", "BTCUSDT,ETHUSDT", "--duration", "3h", "--seed", "7", "--start", "2024-08-08T00:00:00Z", "--db", db);
        simulate.ExitCode.ShouldBe(0, simulate.Stderr);
        Store = TickStores.OpenSqlite(db);
        var hub = new LiveFeedHub(Interval.Standard, Store, new FeedOptions { BarUpdateInterval = TimeSpan.FromMilliseconds(100), HealthInterval = TimeSpan.FromMilliseconds(200) });
        var health = new LiveHealthSource("simulator", db, Market, hub, TimeProvider.System);
        hub.HealthSource = health;
        _host = await TickwiseWebHost.StartAsync("http://127.0.0.1:0", new WebContext(Store, health, hub, Market, Books));
        BaseAddress = new Uri(_host.Addresses[0]);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        Store.Dispose();
        _temp.Dispose();
    }

    /// <summary>GETs <paramref name="path"/>, requires 200, and returns the parsed JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using HttpResponseMessage response = await Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, $"{path}: {body}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GETs <paramref name="path"/> asking for CSV; returns the body and the download file name.</summary>
    public async Task<(string Body, string? FileName)> GetCsvAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using HttpResponseMessage response = await Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, $"{path}: {body}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        return (body, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    /// <summary>GETs <paramref name="path"/>, requires <paramref name="status"/> with a ProblemDetails body, and returns its detail.</summary>
    public async Task<string> GetProblemAsync(string path, int status)
    {
        using HttpResponseMessage response = await Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, $"{path}: {body}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", body);
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        return problem.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() ?? "" : "";
    }
}

/// <summary>The web tests share one server (three hours of simulated data take a few seconds to make).</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebTestServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "web";
}
