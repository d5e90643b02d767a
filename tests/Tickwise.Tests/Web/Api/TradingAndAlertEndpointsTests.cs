using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tickwise.Alerts;
using Tickwise.Cli;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using Tickwise.Trading;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Api;

/// <summary>A web host with a pipeline's services (alerts, paper broker) over a simulated store: the alert, order,
/// position, signal and backtest endpoints with good and bad input.</summary>
public sealed class TradingAndAlertEndpointsTests : IAsyncLifetime
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private readonly TempDirectory _temp = new();
    private ITickStore _store = null!;
    private TickwiseWebHost _host = null!;
    private TradingDesk _desk = null!;
    private AlertService _alerts = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        string db = _temp.File("t.db");
        var simulate = TickwiseProcess.Run(_temp.Path, "simulate", "--symbols", "BTCUSDT,ETHUSDT", "--duration", "2h", "--seed", "3", "--start", "2024-08-08T00:00:00Z", "--db", db);
        simulate.ExitCode.ShouldBe(0, simulate.Stderr);
        _store = TickStores.OpenSqlite(db);
        _desk = new TradingDesk(_store, [Btc, new Symbol("ETHUSDT")], [], new FeeModel(10, 10), new SlippageModel(0), "test");
        _desk.OnQuote(new Quote(Btc, 1, Price.Parse("60000"), Quantity.Parse("5"), Price.Parse("60001"), Quantity.Parse("5"), 1_723_080_000_000));
        var hub = new LiveFeedHub(Interval.Standard, _store);
        var health = new LiveHealthSource("test", db, null, hub, TimeProvider.System);
        _alerts = AlertService.Open(_store);
        var context = new WebContext(_store, health, hub, null, null) { Pipeline = new PipelineServices(null, _alerts, _desk) };
        _host = await TickwiseWebHost.StartAsync("http://127.0.0.1:0", context);
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Alerts_CreateListReplaceDelete_RoundTripThroughTheStore()
    {
        using HttpResponseMessage created = await Post("/api/alerts", """{"type":"price_above","symbol":"BTCUSDT","interval":"1m","threshold":65000,"priority":"high","cooldown_s":60,"hysteresis":5}""");
        string body = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        string id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        JsonElement list = await GetJson("/api/alerts");
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("threshold").GetDouble().ShouldBe(65000);
        list[0].GetProperty("state").GetString().ShouldBe("no_value", "the pipeline has not priced it yet");
        list[0].GetProperty("last_value").ValueKind.ShouldBe(JsonValueKind.Null);
        _alerts.Engine.OnPrice(Btc, 1_723_080_000_000, Price.Parse("66000")); // already above: it waits to come back
        JsonElement priced = (await GetJson("/api/alerts"))[0];
        priced.GetProperty("state").GetString().ShouldBe("passed");
        priced.GetProperty("last_value").GetDouble().ShouldBe(66000);
        priced.GetProperty("last_fire_ms").ValueKind.ShouldBe(JsonValueKind.Null);
        new AlertRepository(_store).Get(id).ShouldNotBeNull(); // stored: the CLI and a restart see it

        using HttpResponseMessage replaced = await Send(HttpMethod.Put, $"/api/alerts/{id}", """{"type":"price_below","symbol":"BTCUSDT","threshold":50000}""");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await GetJson("/api/alerts"))[0].GetProperty("type").GetString().ShouldBe("price_below");
        string csv = await _http.GetStringAsync("/api/alerts?format=csv");
        csv.ShouldStartWith("id,name,type,symbol,pair,interval,threshold");
        csv.Split('\n')[0].TrimEnd('\r').ShouldEndWith(",state,last_value,last_fire_ms");

        using HttpResponseMessage deleted = await Send(HttpMethod.Delete, $"/api/alerts/{id}", null);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await GetJson("/api/alerts")).GetArrayLength().ShouldBe(0);
        (await GetJson("/api/alerts/events")).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"type":"price_above","symbol":"BTCUSDT","threshold":""", 400)]
    [InlineData("""[1,2,3]""", 422)]
    [InlineData("""{"type":"moon","symbol":"BTCUSDT","threshold":1}""", 422)]
    [InlineData("""{"type":"price_above","symbol":"BTCUSDT","threshold":1,"cooldown_s":-5}""", 422)]
    [InlineData("""{"type":"price_above","symbol":"DOGEUSDT","threshold":1}""", 404)]
    [InlineData("""{"type":"price_above","symbol":"BTCUSDT","threshold":"high"}""", 422)]
    [InlineData("""{"type":""", 400)]
    public async Task Alerts_BadRule_ProblemDetailsAndNothingStored(string json, int status)
    {
        using HttpResponseMessage response = await Post("/api/alerts", json);

        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await GetJson("/api/alerts")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Alerts_WrongContentTypeOrUnknownRule_415And404()
    {
        using var text = new StringContent("{}", Encoding.UTF8, "text/plain");
        using HttpResponseMessage wrongType = await _http.PostAsync("/api/alerts", text);
        using HttpResponseMessage missing = await Send(HttpMethod.Delete, "/api/alerts/nope", null);

        wrongType.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Orders_MarketBuy_FillsAtTheAskAndIsListedAndStored()
    {
        using HttpResponseMessage placed = await Post("/api/orders", """{"symbol":"BTCUSDT","side":"buy","type":"market","quantity":"0.5"}""");
        string body = await placed.Content.ReadAsStringAsync();

        placed.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        JsonElement order = JsonDocument.Parse(body).RootElement;
        order.GetProperty("status").GetString().ShouldBe("filled");
        order.GetProperty("average_price").GetDecimal().ShouldBe(60001m);
        order.GetProperty("broker").GetString().ShouldBe("paper");
        JsonElement listed = await GetJson("/api/orders?symbol=BTCUSDT");
        listed.GetArrayLength().ShouldBe(1);
        listed[0].GetProperty("client_order_id").GetString().ShouldBe(order.GetProperty("client_order_id").GetString());
    }

    [Fact]
    public async Task Orders_LimitRestsThenCancels()
    {
        using HttpResponseMessage placed = await Post("/api/orders", """{"symbol":"BTCUSDT","side":"buy","type":"limit","quantity":0.1,"price":59000}""");
        JsonElement order = JsonDocument.Parse(await placed.Content.ReadAsStringAsync()).RootElement;
        order.GetProperty("status").GetString().ShouldBe("new");

        using HttpResponseMessage cancelled = await Send(HttpMethod.Delete, $"/api/orders/{order.GetProperty("id").GetInt64()}", null);
        using HttpResponseMessage again = await Send(HttpMethod.Delete, $"/api/orders/{order.GetProperty("id").GetInt64()}", null);

        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await cancelled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("canceled");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"symbol":"BTCUSDT","side":"buy","quantity":0}""", 422)]
    [InlineData("""{"symbol":"BTCUSDT","side":"buy","quantity":-1}""", 422)]
    [InlineData("""{"symbol":"BTCUSDT","side":"hold","quantity":1}""", 422)]
    [InlineData("""{"symbol":"BTCUSDT","side":"buy","quantity":0.000000001}""", 422)]
    [InlineData("""{"symbol":"BTCUSDT","side":"buy","type":"limit","quantity":1}""", 422)]
    [InlineData("""{"symbol":"DOGEUSDT","side":"buy","quantity":1}""", 404)]
    [InlineData("""{"symbol":"ETHUSDT","side":"buy","quantity":1}""", 422)] // no quote yet: the broker refuses
    [InlineData("""not json""", 400)]
    public async Task Orders_BadOrder_RefusedBeforeAnythingFills(string json, int status)
    {
        using HttpResponseMessage response = await Post("/api/orders", json);

        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
        _desk.Positions().ShouldBeEmpty();
    }

    [Fact]
    public async Task Backtests_RunOnStoredBars_StoredAndListed()
    {
        using HttpResponseMessage ran = await Post("/api/backtests", """{"strategy":"crossover","symbols":["BTCUSDT"],"interval":"1m","params":{"fast":5,"slow":20}}""");
        string body = await ran.Content.ReadAsStringAsync();

        ran.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        JsonElement report = JsonDocument.Parse(body).RootElement;
        report.GetProperty("strategy").GetString().ShouldBe("crossover");
        JsonElement listed = await GetJson("/api/backtests");
        listed.GetArrayLength().ShouldBe(1);
        listed[0].GetProperty("id").GetString().ShouldBe(report.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"strategy":"momentum","symbols":["BTCUSDT"]}""", 422)]
    [InlineData("""{"strategy":"meanrev","symbols":["BTCUSDT"]}""", 422)]
    [InlineData("""{"strategy":"crossover","symbols":["DOGEUSDT"]}""", 404)]
    [InlineData("""{"strategy":"crossover","symbols":["BTCUSDT"],"interval":"7m"}""", 400)]
    [InlineData("""{"strategy":"crossover","symbols":["BTCUSDT"],"params":{"fast":"x"}}""", 422)]
    [InlineData("""{"strategy":"crossover","symbols":["BTCUSDT"],"fees_bps":-1}""", 422)]
    public async Task Backtests_BadRequest_ClearStatus(string json, int status)
    {
        using HttpResponseMessage response = await Post("/api/backtests", json);

        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignalsAndPositions_EmptyWithoutAStrategy_AndCsvHasHeaders()
    {
        (await GetJson("/api/signals")).GetArrayLength().ShouldBe(0);
        (await GetJson("/api/positions")).GetArrayLength().ShouldBe(0);
        (await _http.GetStringAsync("/api/signals?format=csv")).ShouldStartWith("id,time,strategy,variant,symbol,side,strength,price,reason");
        using HttpResponseMessage badLimit = await _http.GetAsync("/api/signals?limit=0");
        badLimit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OpenApi_ListsTheAlertAndTradingPaths()
    {
        string document = await _http.GetStringAsync("/openapi/v1.json");

        foreach (string path in new[] { "/api/alerts", "/api/alerts/{id}", "/api/alerts/events", "/api/signals", "/api/orders", "/api/orders/{id}", "/api/positions", "/api/backtests" })
            document.ShouldContain($"\"{path}\"");
    }

    private async Task<JsonElement> GetJson(string path)
    {
        using HttpResponseMessage response = await _http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<HttpResponseMessage> Post(string path, string json) => Send(HttpMethod.Post, path, json);

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return _http.SendAsync(request);
    }
}
