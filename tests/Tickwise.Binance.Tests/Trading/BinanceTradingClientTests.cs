using System.Diagnostics;
using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

public sealed partial class BinanceTradingClientTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeBinanceTradingServer _server = FakeBinanceTradingServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly List<BinanceTradingNotice> _notices = [];

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private BinanceTradingClient Client(BinanceTradingOptions? options = null, string secret = FakeBinanceTradingServer.Secret, string key = FakeBinanceTradingServer.ApiKey) =>
        new(_http, new BinanceCredentials(key, secret),
            (options ?? new BinanceTradingOptions()) with { Endpoints = BinanceEndpoints.Of(BinanceMarket.Testnet).With(null, _server.BaseUri) },
            TimeProvider.System, n => { lock (_notices) _notices.Add(n); });

    private static BinanceNewOrder Limit(string qty = "0.001", string price = "50000", string? id = null) =>
        BinanceNewOrder.Limit(Btc, BinanceOrderSide.Buy, Quantity.Parse(qty), Price.Parse(price), id);

    [Fact]
    public void Options_Default_PointAtTheSpotTestnet()
    {
        var sut = new BinanceTradingOptions();

        sut.Endpoints.RestBase.ShouldBe(new Uri("https://testnet.binance.vision"));
        sut.Endpoints.RestPathPrefix.ShouldBe("/api/v3");
        sut.RecvWindowMs.ShouldBe(5000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60_001)]
    public void Constructor_RecvWindowOutOfRange_Throws(int recvWindow)
    {
        Should.Throw<ArgumentException>(() => Client(new BinanceTradingOptions { RecvWindowMs = recvWindow })).Message.ShouldContain("RecvWindowMs");
    }

    [Fact]
    public async Task PlaceOrderAsync_Market_IsSignedAcceptedAndFilled()
    {
        var sut = Client();

        BinanceOrder order = await sut.PlaceOrderAsync(BinanceNewOrder.Market(Btc, BinanceOrderSide.Buy, Quantity.Parse("0.01"), "mkt-1"), None);

        order.Symbol.ShouldBe(Btc);
        order.ClientOrderId.ShouldBe("mkt-1");
        order.Type.ShouldBe(BinanceOrderType.Market);
        order.Side.ShouldBe(BinanceOrderSide.Buy);
        order.Status.ShouldBe(BinanceOrderStatus.Filled);
        order.ExecutedQuantity.ShouldBe(Quantity.Parse("0.01"));
        order.CumulativeQuoteQuantity.ShouldBe(600m);
        order.AveragePrice.ShouldBe(60000m);
        order.Fills.Count.ShouldBe(1);
        order.Fills[0].Price.ShouldBe(Price.Parse("60000"));
        order.Fills[0].Commission.ShouldBe(0.6m);
        order.CommissionByAsset()["USDT"].ShouldBe(0.6m);
        order.TimeMs.ShouldBeGreaterThan(1_700_000_000_000);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(1);
        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.OrderPlaced && n.Message.Contains("MARKET BUY 0.01 BTCUSDT"));
    }

    [Fact]
    public async Task PlaceOrderAsync_Limit_SendsParametersInASignedBody()
    {
        var sut = Client();

        BinanceOrder order = await sut.PlaceOrderAsync(Limit(id: "lim/1:a"), None);

        order.Status.ShouldBe(BinanceOrderStatus.New);
        order.Type.ShouldBe(BinanceOrderType.Limit);
        order.Price.ShouldBe(Price.Parse("50000"));
        order.OriginalQuantity.ShouldBe(Quantity.Parse("0.001"));
        order.ExecutedQuantity.Raw.ShouldBe(0);
        order.AveragePrice.ShouldBe(0m);
        order.ClientOrderId.ShouldBe("lim/1:a");
        string post = _server.Received.Single(r => r.StartsWith("POST /api/v3/order", StringComparison.Ordinal));
        post.ShouldContain("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=50000&newClientOrderId=lim%2F1%3Aa&newOrderRespType=FULL&recvWindow=5000&timestamp=");
        post.ShouldContain("X-MBX-APIKEY: " + FakeBinanceTradingServer.ApiKey);
    }

    [Fact]
    public async Task GetOrderAsync_ByIdAndByClientId_FindsThePlacedOrder()
    {
        var sut = Client();
        BinanceOrder placed = await sut.PlaceOrderAsync(Limit(id: "find-me"), None);

        BinanceOrder byId = await sut.GetOrderAsync(Btc, placed.OrderId, None);
        BinanceOrder byClientId = await sut.GetOrderAsync(Btc, "find-me", None);

        byId.OrderId.ShouldBe(placed.OrderId);
        byClientId.OrderId.ShouldBe(placed.OrderId);
        byId.Status.ShouldBe(BinanceOrderStatus.New);
        byId.TimeMs.ShouldBe(byId.UpdateTimeMs);
        byId.Fills.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetOrderAsync_NoSuchOrder_ThrowsBinancesCodeAndMessage()
    {
        var sut = Client();

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetOrderAsync(Btc, 424242, None));

        e.Code.ShouldBe(-2013);
        e.HttpStatus.ShouldBe(400);
        e.BinanceMessage.ShouldBe("Order does not exist.");
        e.Message.ShouldBe("GET /api/v3/order: Binance error -2013 \"Order does not exist.\" (HTTP 400)");
    }

    [Fact]
    public async Task CancelOrderAsync_OpenOrder_CancelsItAndLeavesNoOpenOrder()
    {
        var sut = Client();
        BinanceOrder a = await sut.PlaceOrderAsync(Limit(id: "a"), None);
        await sut.PlaceOrderAsync(Limit(id: "b"), None);

        BinanceOrder canceledA = await sut.CancelOrderAsync(Btc, a.OrderId, None);
        BinanceOrder canceledB = await sut.CancelOrderAsync(Btc, "b", None);

        canceledA.Status.ShouldBe(BinanceOrderStatus.Canceled);
        canceledB.Status.ShouldBe(BinanceOrderStatus.Canceled);
        (await sut.GetOpenOrdersAsync(Btc, None)).ShouldBeEmpty();
        _notices.Count(n => n.Kind == BinanceTradingNoticeKind.OrderCanceled).ShouldBe(2);
    }

    [Fact]
    public async Task CancelOrderAsync_AlreadyCanceled_ThrowsUnknownOrder()
    {
        var sut = Client();
        BinanceOrder a = await sut.PlaceOrderAsync(Limit(), None);
        await sut.CancelOrderAsync(Btc, a.OrderId, None);

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.CancelOrderAsync(Btc, a.OrderId, None));

        e.Code.ShouldBe(-2011);
        e.Message.ShouldContain("DELETE /api/v3/order");
    }

    [Fact]
    public async Task GetOpenOrdersAsync_SomeFilledSomeOpen_ListsTheOpenOnes()
    {
        var sut = Client();
        await sut.PlaceOrderAsync(Limit(id: "open-1"), None);
        await sut.PlaceOrderAsync(Limit(id: "open-2", price: "49999.99"), None);
        await sut.PlaceOrderAsync(BinanceNewOrder.Market(Btc, BinanceOrderSide.Sell, Quantity.Parse("0.01")), None);

        IReadOnlyList<BinanceOrder> open = await sut.GetOpenOrdersAsync(null, None);

        open.Select(o => o.ClientOrderId).ShouldBe(["open-1", "open-2"]);
        open[1].Price.ShouldBe(Price.Parse("49999.99"));
    }

    [Fact]
    public async Task GetBalancesAsync_Account_ReturnsNonZeroBalancesExactly()
    {
        var sut = Client();

        IReadOnlyList<BinanceBalance> balances = await sut.GetBalancesAsync(None);

        balances.Select(b => b.Asset).ShouldBe(["BTC", "USDT"]);
        balances[1].Free.ShouldBe(9500.12345678m);
        balances[1].Locked.ShouldBe(499.87654322m);
        balances[1].Total.ShouldBe(10000m);
    }

    [Fact]
    public async Task SyncClockAsync_ServerAhead_MeasuresTheOffsetAndSignsOnTheServersClock()
    {
        _server.ClockOffsetMs = 30_000;
        var sut = Client();

        long offset = await sut.SyncClockAsync(None);
        IReadOnlyList<BinanceBalance> balances = await sut.GetBalancesAsync(None);

        offset.ShouldBeInRange(29_000, 31_000);
        sut.ClockOffsetMs.ShouldBe(offset);
        balances.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task FirstSignedRequest_ServerClockFarAhead_SyncsBeforeSending()
    {
        _server.ClockOffsetMs = -3_600_000;
        var sut = Client();

        await sut.GetBalancesAsync(None);

        _server.RequestsTo("GET /api/v3/time").ShouldBe(1);
        _server.RequestsTo("GET /api/v3/account").ShouldBe(1);
    }

    [Fact]
    public async Task SignedRequest_ServerClockJumpsAfterSync_ResyncsOnMinus1021AndRetriesOnce()
    {
        var sut = Client();
        await sut.SyncClockAsync(None);
        _server.ClockOffsetMs = 20_000; // the client's offset is now 20 s stale: its timestamps fall outside recvWindow

        BinanceOrder order = await sut.PlaceOrderAsync(Limit(), None);

        order.Status.ShouldBe(BinanceOrderStatus.New);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(2);
        _server.RequestsTo("GET /api/v3/time").ShouldBe(2);
        _server.OpenOrderCount.ShouldBe(1);
        sut.ClockOffsetMs.ShouldBeInRange(19_000, 21_000);
        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.TimestampRejected);
    }

    [Fact]
    public async Task SignedRequest_Minus1021Twice_ThrowsAfterOneRetry()
    {
        var sut = Client();
        await sut.SyncClockAsync(None);
        _server.FailNext("GET /api/v3/account", 400, -1021, "Timestamp for this request is outside of the recvWindow.", times: 2);

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetBalancesAsync(None));

        e.Code.ShouldBe(BinanceApiException.TimestampOutsideRecvWindow);
        e.Message.ShouldContain("-1021 \"Timestamp for this request is outside of the recvWindow.\"");
        _server.RequestsTo("GET /api/v3/account").ShouldBe(2);
    }

    [Fact]
    public async Task SignedRequest_WrongSecret_ServerRejectsWithMinus1022()
    {
        var sut = Client(secret: "notTheSecret0123456789");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.PlaceOrderAsync(Limit(), None));

        e.Code.ShouldBe(BinanceApiException.InvalidSignature);
        e.BinanceMessage.ShouldBe("Signature for this request is not valid.");
        _server.OpenOrderCount.ShouldBe(0);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(1);
    }

    [Fact]
    public async Task SignedRequest_WrongApiKey_ThrowsMinus2015()
    {
        var sut = Client(key: "someOtherKey");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetBalancesAsync(None));

        e.Code.ShouldBe(-2015);
        e.HttpStatus.ShouldBe(401);
    }

    [Fact]
    public async Task Request_429WithRetryAfter_WaitsAsToldThenSucceeds()
    {
        var sut = Client();
        await sut.SyncClockAsync(None);
        _server.FailNext("GET /api/v3/openOrders", 429, -1003, "Too many requests; current limit is 6000 request weight per 1 MINUTE.", retryAfter: "1");
        var clock = Stopwatch.StartNew();

        IReadOnlyList<BinanceOrder> open = await sut.GetOpenOrdersAsync(Btc, None);

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(950));
        open.ShouldBeEmpty();
        sut.RateLimitWaits.ShouldBe(1);
        _server.RequestsTo("GET /api/v3/openOrders").ShouldBe(2);
        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.RateLimited && n.Wait == TimeSpan.FromSeconds(1) && n.Message.Contains("429 (-1003"));
    }

    [Fact]
    public async Task Request_418WithRetryAfter_WaitsAsToldThenSucceeds()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 418, -1003, "Way too many requests; IP banned until 1700000000000.", retryAfter: "0");

        long serverTime = await sut.GetServerTimeAsync(None);

        serverTime.ShouldBeGreaterThan(1_700_000_000_000);
        sut.RateLimitWaits.ShouldBe(1);
        _server.RequestsTo("GET /api/v3/time").ShouldBe(2);
    }

    [Fact]
    public async Task Request_418BanLongerThanTheLimit_ThrowsWithTheWait()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 418, -1003, "Way too many requests; IP banned.", retryAfter: "7200");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetServerTimeAsync(None));

        e.IsRateLimited.ShouldBeTrue();
        e.HttpStatus.ShouldBe(418);
        e.RetryAfter.ShouldBe(TimeSpan.FromHours(2));
        e.Message.ShouldContain("retry after 7200 s");
        _server.RequestsTo("GET /api/v3/time").ShouldBe(1);
    }

    [Fact]
    public async Task Request_429MoreTimesThanAllowed_GivesUp()
    {
        var sut = Client(new BinanceTradingOptions { MaxRateLimitWaits = 2 });
        _server.FailNext("GET /api/v3/time", 429, null, retryAfter: "0", times: 3);

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetServerTimeAsync(None));

        e.HttpStatus.ShouldBe(429);
        sut.RateLimitWaits.ShouldBe(2);
        _server.RequestsTo("GET /api/v3/time").ShouldBe(3);
    }

    [Fact]
    public async Task Request_429WithoutRetryAfter_WaitsTheDefault()
    {
        var sut = Client(new BinanceTradingOptions { DefaultRetryAfter = TimeSpan.FromMilliseconds(300) });
        _server.FailNext("GET /api/v3/time", 429, null);

        await sut.GetServerTimeAsync(None);

        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.RateLimited && n.Wait == TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Request_ServerErrorWithoutJson_ThrowsTheStatus()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 502, null, rawBody: "<html>Bad Gateway</html>");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetServerTimeAsync(None));

        e.Code.ShouldBe(0);
        e.HttpStatus.ShouldBe(502);
        e.Message.ShouldBe("GET /api/v3/time: an error without a Binance code (HTTP 502)");
    }

    [Theory]
    [InlineData("{\"serverTime\":\"soon\"}", "serverTime")]
    [InlineData("not json", "not JSON")]
    [InlineData("{}", "serverTime")]
    public async Task GetServerTimeAsync_MalformedAnswer_ThrowsRestException(string body, string expected)
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 200, null, rawBody: body);

        var e = await Should.ThrowAsync<BinanceRestException>(() => sut.GetServerTimeAsync(None));

        e.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task PlaceOrderAsync_MalformedOrderAnswer_ThrowsNamingTheField()
    {
        var sut = Client();
        await sut.LoadExchangeInfoAsync(null, None);
        await sut.SyncClockAsync(None);
        _server.FailNext("POST /api/v3/order", 200, null, rawBody: "{\"symbol\":\"BTCUSDT\",\"orderId\":1,\"clientOrderId\":\"x\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"status\":\"NEW\",\"price\":\"1e3\"}");

        var e = await Should.ThrowAsync<BinanceRestException>(() => sut.PlaceOrderAsync(Limit(), None));

        e.Message.ShouldContain("\"price\"");
    }

    [Fact]
    public async Task PlaceOrderAsync_BinanceRefusesTheOrder_ThrowsItsCodeAndMessage()
    {
        var sut = Client();
        await sut.LoadExchangeInfoAsync(null, None);
        _server.FailNext("POST /api/v3/order", 400, -2010, "Account has insufficient balance for requested action.");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.PlaceOrderAsync(Limit(), None));

        e.Message.ShouldBe("POST /api/v3/order: Binance error -2010 \"Account has insufficient balance for requested action.\" (HTTP 400)");
        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.RequestFailed && n.Message == e.Message);
    }

    [Fact]
    public async Task Request_NothingListening_ThrowsCannotReach()
    {
        var sut = Client();
        _server.Dispose();

        var e = await Should.ThrowAsync<BinanceRestException>(() => sut.GetServerTimeAsync(None));

        e.Message.ShouldContain("GET /api/v3/time: cannot reach http://127.0.0.1:");
    }

    [Fact]
    public async Task Request_Cancelled_ThrowsOperationCanceled()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 429, null, retryAfter: "30");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => sut.GetServerTimeAsync(cancel.Token));
    }
}
