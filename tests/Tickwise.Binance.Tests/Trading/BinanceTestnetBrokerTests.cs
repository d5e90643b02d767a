using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>The testnet broker against the signature-checking fake exchange on loopback.</summary>
public sealed partial class BinanceTestnetBrokerTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FakeBinanceTradingServer _server = FakeBinanceTradingServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<(Order Order, Fill Fill)> _fills = [];
    private readonly List<string> _warnings = [];
    private readonly List<OrderStatus> _updates = [];
    private BinanceTestnetBroker? _sut;
    private BinanceTradingClient? _client;

    public void Dispose()
    {
        _sut?.Dispose();
        _http.Dispose();
        _server.Dispose();
    }

    private BinanceTestnetBroker Connect(string key = FakeBinanceTradingServer.ApiKey, string secret = FakeBinanceTradingServer.Secret, TimeProvider? time = null)
    {
        _client = new BinanceTradingClient(_http, new BinanceCredentials(key, secret),
            new BinanceTradingOptions { Endpoints = BinanceEndpoints.Of(BinanceMarket.Testnet).With(null, _server.BaseUri) });
        _sut = BinanceTestnetBroker.ConnectAsync(_client, [Btc, Eth], new BinanceTestnetBrokerOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, time)
            .GetAwaiter().GetResult();
        _sut.Filled += (order, fill) => _fills.Add((order, fill));
        _sut.Warning += _warnings.Add;
        _sut.OrderUpdated += order => _updates.Add(order.Status);
        return _sut;
    }

    /// <summary>Pumps until <paramref name="done"/> holds, as the trading desk does on each market event.</summary>
    private static void PumpUntil(BinanceTestnetBroker sut, Func<bool> done)
    {
        long deadline = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
        while (true)
        {
            sut.Pump();
            if (done()) return;
            if (Environment.TickCount64 > deadline) throw new TimeoutException("The broker's answers did not arrive in time.");
            Thread.Sleep(10);
        }
    }

    private static OrderRequest Market(string id, string quantity, OrderSide side = OrderSide.Buy, Symbol? symbol = null) =>
        new(id, symbol ?? Btc, side, OrderType.Market, Quantity.Parse(quantity));

    private static OrderRequest Limit(string id, string quantity, string price, OrderSide side = OrderSide.Buy) =>
        new(id, Btc, side, OrderType.Limit, Quantity.Parse(quantity), Price.Parse(price));

    [Fact]
    public void Place_MarketOrder_IsNewAtOnceThenFilledFromTheFullAnswer()
    {
        var sut = Connect();

        Order order = sut.Place(Market("mkt-1", "0.01"));
        order.Status.ShouldBe(OrderStatus.New);
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Filled);
        order.Broker.ShouldBe("testnet");
        order.FilledQuantity.ShouldBe(Quantity.Parse("0.01"));
        order.AveragePrice.ShouldBe(60000m);
        order.Fee.ShouldBe(0.6m); // the exchange's commission, in USDT
        _fills.Count.ShouldBe(1);
        _fills[0].Fill.Price.ShouldBe(60000m);
        _fills[0].Fill.IsMaker.ShouldBeFalse();
        _fills[0].Fill.TimeMs.ShouldBeGreaterThan(1_700_000_000_000); // the exchange's transactTime
        sut.GetPosition(Btc).Quantity.ShouldBe(0.01m);
        _updates.ShouldBe([OrderStatus.Filled]);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(1);
        _server.Orders.ShouldHaveSingleItem().ShouldBe(("mkt-1", "BTCUSDT", "BUY", "MARKET", 0.01m));
    }

    [Fact]
    public void Place_SlowExchange_ReturnsBeforeTheAnswer()
    {
        var sut = Connect();
        _server.AnswerDelay = TimeSpan.FromSeconds(2);

        Order order = sut.Place(Market("slow-1", "0.01"));

        // Place only queued the request: nothing is answered yet, the caller was not held for the round trip.
        order.Status.ShouldBe(OrderStatus.New);
        sut.IsAwaitingExchange(order.Id).ShouldBeTrue();
        sut.IsIdle.ShouldBeFalse();
        sut.Pump().ShouldBe(0);
        PumpUntil(sut, () => !order.IsOpen);
        order.Status.ShouldBe(OrderStatus.Filled);
        sut.IsAwaitingExchange(order.Id).ShouldBeFalse();
    }

    [Fact]
    public void Place_LimitOrderThatRests_FillsWhenThePollSeesTheExchangeFillIt()
    {
        var sut = Connect();

        Order order = sut.Place(Limit("lim-1", "0.002", "50000"));
        PumpUntil(sut, () => !sut.IsAwaitingExchange(order.Id));
        order.Status.ShouldBe(OrderStatus.New);
        sut.OpenOrders().ShouldHaveSingleItem().ShouldBeSameAs(order);

        _server.FillResting("lim-1", 0.0005m);
        PumpUntil(sut, () => order.Status == OrderStatus.PartiallyFilled);
        _server.FillResting("lim-1");
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Filled);
        _fills.Select(f => f.Fill.Quantity.ToDecimal()).ShouldBe([0.0005m, 0.0015m]);
        _fills.ShouldAllBe(f => f.Fill.Price == 50000m && f.Fill.IsMaker);
        _fills.Select(f => f.Fill.Fee).ShouldBe([0.025m, 0.075m]); // 0.1% in USDT, from myTrades
        order.AveragePrice.ShouldBe(50000m);
        sut.OpenOrders().ShouldBeEmpty();
        sut.GetPosition(Btc).Quantity.ShouldBe(0.002m);
        _server.RequestsTo("GET /api/v3/openOrders").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Place_RestingOrderFilledButItsTradesUnreadable_AppliesTheFillFromTheTotalsAndSaysTheFeeIsMissing()
    {
        var sut = Connect();
        Order order = sut.Place(Limit("lim-4", "0.002", "50000"));
        PumpUntil(sut, () => !sut.IsAwaitingExchange(order.Id));
        _server.FailNext("GET /api/v3/myTrades", 400, -1003, "Too much request weight used.");

        _server.FillResting("lim-4");
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Filled);
        _fills.ShouldHaveSingleItem().Fill.Fee.ShouldBe(0m);
        _warnings.ShouldContain(w => w.Contains("reading its trades failed", StringComparison.Ordinal) && w.Contains("without a fee", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancel_PartlyFilledRestingOrder_AppliesItsTradeWithTheFee()
    {
        var sut = Connect();
        Order order = sut.Place(Limit("lim-5", "0.002", "50000"));
        PumpUntil(sut, () => !sut.IsAwaitingExchange(order.Id));
        _server.FillResting("lim-5", 0.001m);

        sut.Cancel(order.Id).ShouldBeTrue();
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Canceled);
        _fills.ShouldHaveSingleItem().Fill.Fee.ShouldBe(0.05m);
        _server.RequestsTo("GET /api/v3/myTrades").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void Cancel_RestingLimitOrder_SendsDeleteAndTheOrderTurnsCanceled()
    {
        var sut = Connect();
        Order order = sut.Place(Limit("lim-2", "0.001", "50000"));
        PumpUntil(sut, () => !sut.IsAwaitingExchange(order.Id));

        sut.Cancel(order.Id).ShouldBeTrue();
        order.IsOpen.ShouldBeTrue(); // until the exchange confirms
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Canceled);
        _server.RequestsTo("DELETE /api/v3/order").ShouldBe(1);
        _server.OpenOrderCount.ShouldBe(0);
        _updates.ShouldBe([OrderStatus.Canceled]);
        sut.Cancel(order.Id).ShouldBeFalse();
    }

    [Fact]
    public void Cancel_PartlyFilledOrder_KeepsItsFillAndCancelsTheRest()
    {
        var sut = Connect();
        Order order = sut.Place(Limit("lim-3", "0.002", "50000"));
        PumpUntil(sut, () => !sut.IsAwaitingExchange(order.Id));
        _server.FillResting("lim-3", 0.001m);

        sut.Cancel(order.Id).ShouldBeTrue();
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Canceled);
        order.FilledQuantity.ShouldBe(Quantity.Parse("0.001")); // the cancel answer's executedQty
        sut.GetPosition(Btc).Quantity.ShouldBe(0.001m);
    }

    [Fact]
    public void Place_ExchangeRefuses_RejectedWithBinancesCodeAndMessage()
    {
        var sut = Connect();
        _server.FailNext("POST /api/v3/order", 400, -2010, "Account has insufficient balance for requested action.");

        Order order = sut.Place(Market("poor-1", "0.01"));
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("-2010");
        order.RejectReason!.ShouldContain("insufficient balance");
        _fills.ShouldBeEmpty();
        sut.GetPosition(Btc).Quantity.ShouldBe(0m);
        _updates.ShouldBe([OrderStatus.Rejected]);
    }

    [Fact]
    public void Place_RateLimitedOnce_WaitsAsToldThenFills()
    {
        var sut = Connect();
        _server.FailNext("POST /api/v3/order", 429, -1003, "Too many requests.", retryAfter: "0");

        Order order = sut.Place(Market("busy-1", "0.01"));
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Filled);
        _client!.RateLimitWaits.ShouldBe(1);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(2);
    }

    [Fact]
    public void Place_ServerErrorWithoutTheOrder_LooksItUpAndRejectsIt()
    {
        var sut = Connect();
        // A 5xx leaves the outcome unknown (Binance's docs): the broker asks for the order by client id instead of guessing.
        _server.FailNext("POST /api/v3/order", 500, -1000, "An unknown error occurred while processing the request.");

        Order order = sut.Place(Limit("lost-1", "0.001", "50000"));
        PumpUntil(sut, () => !order.IsOpen);

        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("did not reach the exchange");
        _warnings.ShouldContain(w => w.Contains("lost-1") && w.Contains("looking it up"));
        _server.RequestsTo("GET /api/v3/order").ShouldBeGreaterThan(0);
    }
}
