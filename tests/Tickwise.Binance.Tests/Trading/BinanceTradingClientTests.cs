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
    public async Task GetLastPriceAsync_ListedSymbol_ReadsItsPriceUnsigned()
    {
        var sut = Client();
        _server.LastPrices["BNBUSDT"] = "612.34000000";

        (await sut.GetLastPriceAsync(new Symbol("BNBUSDT"), None)).ShouldBe(612.34m);
        _server.Received.ShouldContain(r => r.Contains("/api/v3/ticker/price?symbol=BNBUSDT", StringComparison.Ordinal) && !r.Contains("signature=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetLastPriceAsync_UnlistedSymbol_ThrowsBinancesInvalidSymbol()
    {
        var sut = Client();

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetLastPriceAsync(new Symbol("NOPEUSDT"), None));

        e.Code.ShouldBe(-1121);
        e.Message.ShouldContain("Invalid symbol");
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
