using System.Text;
using System.Text.Json;

namespace Tickwise.Tests.Web;

[Collection(WebCollection.Name)]
public class TickwiseWebHostTests(WebTestServer server)
{
    /// <summary>Every market-data endpoint with the query parameters it reads.</summary>
    private static readonly (string Path, string[] Parameters)[] Endpoints =
    [
        ("/api/health", []),
        ("/api/symbols", ["format"]),
        ("/api/bars", ["symbol", "interval", "from", "to", "limit", "format"]),
        ("/api/trades", ["symbol", "from", "to", "limit", "format"]),
        ("/api/quotes/latest", ["format"]),
        ("/api/book", ["symbol", "depth"]),
        ("/api/stats", ["symbol", "intervals", "window", "format"]),
        ("/api/pairs/analytics", ["a", "b", "interval", "window", "hedge"]),
        ("/api/pairs/series", ["a", "b", "interval", "from", "to", "window", "hedge", "limit", "format"]),
        ("/api/correlation", ["symbols", "interval", "window", "format"]),
        ("/api/indicators", ["symbol", "interval", "sma", "ema", "limit", "format"]),
    ];

    private static readonly Dictionary<string, string> Good = new()
    {
        ["symbol"] = "BTCUSDT", ["a"] = "BTCUSDT", ["b"] = "ETHUSDT", ["symbols"] = "BTCUSDT,ETHUSDT", ["interval"] = "5m", ["intervals"] = "1m,5m",
        ["from"] = "2024-08-08T01:00:00Z", ["to"] = "2024-08-08T02:00:00Z", ["limit"] = "50", ["window"] = "20", ["hedge"] = "ols", ["depth"] = "5",
        ["sma"] = "5,20", ["ema"] = "12", ["format"] = "json",
    };

    private static readonly string[] BadValues =
    [
        "", " ", "x", "-1", "0", "1.5", "1e308", "NaN", "-Infinity", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "%00", "%FF%FE", "2024-13-45T99:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", ",,,", "BTCUSDT,", "🙂", "'; DROP TABLE trades; --",
        "<script>", "1s,1m,5m,15m,30m,1h,2h,4h,6h,8h,12h,1d,1s,1m,5m,15m,30m", new string('A', 5000), "BTCUSDT:ETHUSDT", "1d", "1s",
    ];

    [Fact]
    public async Task OpenApi_Document_ListsEveryEndpoint()
    {
        JsonElement sut = await server.GetJsonAsync("/openapi/v1.json");

        JsonElement paths = sut.GetProperty("paths");
        foreach (var (path, parameters) in Endpoints)
        {
            paths.TryGetProperty(path, out JsonElement operations).ShouldBeTrue(path);
            string[] documented = [.. operations.GetProperty("get").TryGetProperty("parameters", out JsonElement list) ? list.EnumerateArray().Select(p => p.GetProperty("name").GetString()!) : []];
            foreach (string parameter in parameters.Where(p => p != "format")) documented.ShouldContain(parameter, path);
            operations.GetProperty("get").GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue(path);
        }
    }

    [Fact]
    public async Task OpenApi_AfterStart_IsServedFromTheCacheTheHostWarmed()
    {
        // The host requests the document itself once started; the cache then answers with an Age header.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage sut;
        while (true)
        {
            sut = await server.Http.GetAsync("/openapi/v1.json");
            if (sut.Headers.Age is not null || clock.Elapsed > TimeSpan.FromSeconds(30)) break;
            sut.Dispose();
            await Task.Delay(100);
        }
        using HttpResponseMessage cached = sut;
        using HttpResponseMessage again = await server.Http.GetAsync("/openapi/v1.json");

        cached.Headers.Age.ShouldNotBeNull("the document comes from the output cache");
        (await again.Content.ReadAsStringAsync()).ShouldBe(await cached.Content.ReadAsStringAsync());
        JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("paths").EnumerateObject().Count().ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Endpoints_GoodInput_Answer200()
    {
        foreach (var (path, parameters) in Endpoints)
        {
            if (path == "/api/book") continue; // no book is kept by this server: 404, tested elsewhere
            string query = string.Join('&', parameters.Select(p => $"{p}={Uri.EscapeDataString(Good[p])}"));
            using HttpResponseMessage response = await server.Http.GetAsync($"{path}?{query}");
            ((int)response.StatusCode).ShouldBe(200, $"{path}?{query}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Endpoints_BadInputSweep_NeverAnswer5xxAndAnswerProblems()
    {
        var failures = new StringBuilder();
        int requests = 0;
        foreach (var (path, parameters) in Endpoints)
        {
            foreach (string parameter in parameters)
            {
                foreach (string bad in BadValues)
                {
                    var query = parameters.Select(p => $"{p}={Uri.EscapeDataString(p == parameter ? bad : Good[p])}");
                    string url = $"{path}?{string.Join('&', query)}".Replace("%25", "%", StringComparison.Ordinal);
                    using HttpResponseMessage response = await server.Http.GetAsync(url);
                    requests++;
                    int status = (int)response.StatusCode;
                    string? type = response.Content.Headers.ContentType?.MediaType;
                    if (status >= 500) failures.AppendLine($"{status} {url[..Math.Min(200, url.Length)]}: {await response.Content.ReadAsStringAsync()}");
                    else if (status >= 400 && type != "application/problem+json") failures.AppendLine($"{status} without ProblemDetails ({type}): {url[..Math.Min(200, url.Length)]}");
                }
            }
        }
        requests.ShouldBeGreaterThan(1000);
        failures.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task Endpoints_DuplicatedParameter_IsAProblemNot500()
    {
        string detail = await server.GetProblemAsync("/api/bars?symbol=BTCUSDT&limit=1&limit=2", 400);

        detail.ShouldContain("limit");
    }

    [Fact]
    public async Task UnknownRoute_IsA404Problem()
    {
        await server.GetProblemAsync("/api/nothing-here", 404);
    }

    [Fact]
    public async Task WrongMethod_IsA405Problem()
    {
        using HttpResponseMessage response = await server.Http.PostAsync("/api/bars?symbol=BTCUSDT", new StringContent("{\"x\":1}", Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).ShouldBe(405);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task OversizedBody_IsRejectedNot500()
    {
        using var content = new ByteArrayContent(new byte[Tickwise.Web.TickwiseWebHost.MaxRequestBodyBytes + 1024]);
        using HttpResponseMessage response = await server.Http.PostAsync("/api/bars", content);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
    }

    [Fact]
    public async Task Ws_PlainHttpRequest_IsA400Problem()
    {
        string detail = await server.GetProblemAsync("/ws", 400);

        detail.ShouldContain("WebSocket");
    }

    [Fact]
    public async Task Root_ServesTheDashboardOrAPointerToTheApi()
    {
        using HttpResponseMessage response = await server.Http.GetAsync("/");

        ((int)response.StatusCode).ShouldBe(200);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        string wwwroot = Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html");
        string expected = File.Exists(wwwroot) ? File.ReadAllText(wwwroot) : "/api/symbols";
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
    }
}
