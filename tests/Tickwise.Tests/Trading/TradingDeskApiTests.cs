using System.Net;
using System.Text;
using System.Text.Json;
using Tickwise.Alerts;
using Tickwise.Binance.Client;
using Tickwise.Binance.Tests.Trading;
using Tickwise.Binance.Trading;
using Tickwise.Cli;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using Tickwise.Trading;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Trading;

/// <summary>The API's order endpoints when the pipeline's desk trades on the testnet broker (the fake exchange on
/// loopback): the answers say what the exchange did.</summary>
public sealed class TradingDeskApiTests : IAsyncLifetime
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private readonly TempDirectory _temp = new();
    private readonly FakeBinanceTradingServer _server = FakeBinanceTradingServer.Start();
    private readonly HttpClient _exchangeHttp = new() { Timeout = TimeSpan.FromSeconds(10) };
    private ITickStore _store = null!;
    private BinanceTestnetBroker _broker = null!;
    private TickwiseWebHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        string db = _temp.File("t.db");
        var simulate = TickwiseProcess.Run(_temp.Path, "simulate", "--symbols", "BTCUSDT", "--duration", "10m", "--seed", "3", "--start", "2024-08-08T00:00:00Z", "--db", db);
        simulate.ExitCode.ShouldBe(0, simulate.Stderr);
        _store = TickStores.OpenSqlite(db);
        var client = new BinanceTradingClient(_exchangeHttp, new BinanceCredentials(FakeBinanceTradingServer.ApiKey, FakeBinanceTradingServer.Secret),
            new BinanceTradingOptions { Endpoints = BinanceEndpoints.Of(BinanceMarket.Testnet).With(null, _server.BaseUri) });
        _broker = await BinanceTestnetBroker.ConnectAsync(client, [Btc]);
        var desk = new TradingDesk(_store, [Btc], [], new FeeModel(0, 0), new SlippageModel(0), "api", testnet: _broker);
        var hub = new LiveFeedHub(Interval.Standard, _store);
        var health = new LiveHealthSource("test", db, null, hub, TimeProvider.System);
        var context = new WebContext(_store, health, hub, null, null) { Pipeline = new PipelineServices(null, AlertService.Open(_store), desk) };
        _host = await TickwiseWebHost.StartAsync("http://127.0.0.1:0", context);
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        _broker.Dispose();
        _exchangeHttp.Dispose();
        _server.Dispose();
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task PostOrder_Market_IsCreatedFilledByTheExchange()
    {
        using HttpResponseMessage placed = await Post("""{"symbol":"BTCUSDT","side":"buy","type":"market","quantity":"0.01"}""");
        string body = await placed.Content.ReadAsStringAsync();

        placed.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        JsonElement order = JsonDocument.Parse(body).RootElement;
        order.GetProperty("broker").GetString().ShouldBe("testnet");
        order.GetProperty("status").GetString().ShouldBe("filled");
        order.GetProperty("average_price").GetDecimal().ShouldBe(60000m);
        _server.Orders.ShouldHaveSingleItem().ClientOrderId.ShouldBe(order.GetProperty("client_order_id").GetString());
    }

    [Fact]
    public async Task PostOrder_ExchangeRefuses_Is422WithBinancesReason()
    {
        _server.FailNext("POST /api/v3/order", 400, -2010, "Account has insufficient balance for requested action.");

        using HttpResponseMessage placed = await Post("""{"symbol":"BTCUSDT","side":"buy","type":"market","quantity":"0.01"}""");
        string body = await placed.Content.ReadAsStringAsync();

        placed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        body.ShouldContain("-2010");
        body.ShouldContain("insufficient balance");
    }

    [Fact]
    public async Task PostOrder_BreaksTheStepSize_Is422WithoutARequest()
    {
        int before = _server.RequestsTo("POST /api/v3/order");

        using HttpResponseMessage placed = await Post("""{"symbol":"BTCUSDT","side":"buy","type":"limit","quantity":"0.000015","price":"50000"}""");

        placed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await placed.Content.ReadAsStringAsync()).ShouldContain("step size");
        _server.RequestsTo("POST /api/v3/order").ShouldBe(before);
    }

    [Fact]
    public async Task DeleteOrder_RestingLimit_IsCanceledOnTheExchange_AndAcceptedWhenItAnswersLate()
    {
        JsonElement first = await PlaceLimit();
        JsonElement second = await PlaceLimit();

        using HttpResponseMessage canceled = await _http.DeleteAsync($"/api/orders/{first.GetProperty("id").GetInt64()}");
        _server.AnswerDelay = TradingDesk.AnswerWait + TimeSpan.FromSeconds(1);
        using HttpResponseMessage late = await _http.DeleteAsync($"/api/orders/{second.GetProperty("id").GetInt64()}");

        canceled.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await canceled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("canceled");
        late.StatusCode.ShouldBe(HttpStatusCode.Accepted); // sent, not yet confirmed
        JsonDocument.Parse(await late.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("new");
    }

    private async Task<JsonElement> PlaceLimit()
    {
        using HttpResponseMessage placed = await Post("""{"symbol":"BTCUSDT","side":"buy","type":"limit","quantity":"0.001","price":"50000"}""");
        string body = await placed.Content.ReadAsStringAsync();
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        JsonElement order = JsonDocument.Parse(body).RootElement;
        order.GetProperty("status").GetString().ShouldBe("new");
        return order;
    }

    private Task<HttpResponseMessage> Post(string json) =>
        _http.PostAsync("/api/orders", new StringContent(json, Encoding.UTF8, "application/json"));
}
