using System.Text.Json;
using Tickwise.Binance.Client;
using Tickwise.Binance.Tests.Trading;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using Tickwise.Trading;

namespace Tickwise.Tests.Trading;

/// <summary>The desk with the testnet broker: manual orders (the API's path) wait for the exchange's answer, and every
/// state the exchange reports is stored and published.</summary>
public sealed class TradingDeskTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");

    private readonly FakeBinanceTradingServer _server = FakeBinanceTradingServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly TempDirectory _temp = new();
    private readonly ITickStore _store;
    private readonly BinanceTestnetBroker _broker;
    private readonly List<TradingEvent> _events = [];
    private readonly List<string> _errors = [];
    private readonly TradingDesk _sut;

    public TradingDeskTests()
    {
        _store = TickStores.OpenSqlite(_temp.File("t.db"));
        var client = new BinanceTradingClient(_http, new BinanceCredentials(FakeBinanceTradingServer.ApiKey, FakeBinanceTradingServer.Secret),
            new BinanceTradingOptions { Endpoints = BinanceEndpoints.Of(BinanceMarket.Testnet).With(null, _server.BaseUri) });
        _broker = BinanceTestnetBroker.ConnectAsync(client, [Btc, Eth], new BinanceTestnetBrokerOptions { PollInterval = TimeSpan.FromMilliseconds(100) })
            .GetAwaiter().GetResult();
        _sut = new TradingDesk(_store, [Btc, Eth], [], new FeeModel(10, 10), new SlippageModel(0), "t", _events.Add, _errors.Add, _broker);
    }

    public void Dispose()
    {
        _broker.Dispose();
        _store.Dispose();
        _http.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Place_MarketOrder_ReturnsItFilledByTheExchangeAndStoresTheFinalState()
    {
        Order order = _sut.Place(Btc, OrderSide.Buy, OrderType.Market, Quantity.Parse("0.01"), null);

        order.Status.ShouldBe(OrderStatus.Filled);
        order.Broker.ShouldBe("testnet");
        order.AveragePrice.ShouldBe(60000m);
        _sut.BrokerName.ShouldBe("testnet");
        JsonElement stored = Record("order", order.Request.ClientOrderId);
        stored.GetProperty("status").GetString().ShouldBe("filled");
        stored.GetProperty("fee").GetDecimal().ShouldBe(0.6m);
        Record("fill", $"{order.Request.ClientOrderId}:0.01").GetProperty("price").GetDecimal().ShouldBe(60000m);
        _events.Select(e => e.Kind).ShouldBe([TradingEventKind.Order, TradingEventKind.Fill, TradingEventKind.Order]);
        _server.Orders.ShouldHaveSingleItem().ClientOrderId.ShouldBe(order.Request.ClientOrderId);
    }

    [Fact]
    public void Place_ExchangeRefuses_ReturnsItRejectedWithBinancesReason()
    {
        _server.FailNext("POST /api/v3/order", 400, -2010, "Account has insufficient balance for requested action.");

        Order order = _sut.Place(Btc, OrderSide.Buy, OrderType.Market, Quantity.Parse("0.01"), null);

        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("-2010");
        JsonElement stored = Record("order", order.Request.ClientOrderId);
        stored.GetProperty("status").GetString().ShouldBe("rejected");
        stored.GetProperty("reject_reason").GetString()!.ShouldContain("insufficient balance");
    }

    [Fact]
    public void Place_BreaksTheExchangesFilters_RejectedWithoutARequest()
    {
        int before = _server.Requests;

        Order order = _sut.Place(Eth, OrderSide.Buy, OrderType.Limit, Quantity.Parse("0.001"), Price.Parse("3000"));

        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("below the minimum"); // ETHUSDT minQty 0.0001 passes; 3 USDT < MIN_NOTIONAL 10
        _server.Requests.ShouldBe(before);
    }

    [Fact]
    public void Cancel_RestingLimitOrder_ReturnsItCanceledOnceTheExchangeConfirms()
    {
        Order order = _sut.Place(Btc, OrderSide.Buy, OrderType.Limit, Quantity.Parse("0.001"), Price.Parse("50000"));
        order.Status.ShouldBe(OrderStatus.New);

        Order canceled = _sut.Cancel(order.Id)!;

        canceled.Status.ShouldBe(OrderStatus.Canceled);
        _server.RequestsTo("DELETE /api/v3/order").ShouldBe(1);
        Record("order", order.Request.ClientOrderId).GetProperty("status").GetString().ShouldBe("canceled");
        _sut.Cancel(12345).ShouldBeNull();
    }

    [Fact]
    public void OnTrade_AfterTheExchangeFilledARestingOrder_AppliesTheFillOnThePipelinesThread()
    {
        Order order = _sut.Place(Btc, OrderSide.Sell, OrderType.Limit, Quantity.Parse("0.001"), Price.Parse("70000"));
        _server.FillResting(order.Request.ClientOrderId);

        long deadline = Environment.TickCount64 + 20_000;
        while (order.IsOpen && Environment.TickCount64 < deadline)
        {
            _sut.OnTrade(new Trade(Btc, 1, Price.Parse("70000"), Quantity.Parse("1"), 1_723_075_200_000, AggressorSide.Buyer));
            Thread.Sleep(20);
        }

        order.Status.ShouldBe(OrderStatus.Filled);
        _sut.Flush();
        Record("order", order.Request.ClientOrderId).GetProperty("status").GetString().ShouldBe("filled");
        _events.ShouldContain(e => e.Kind == TradingEventKind.Fill && e.Fill.IsMaker && e.Fill.Price == 70000m);
    }

    [Fact]
    public void Constructor_StrategyOnASymbolTheBrokerDoesNotTrade_Throws()
    {
        var doge = new Symbol("DOGEUSDT");
        StrategySetup setup = new(StrategyCatalog.Create("crossover", [], out _), [doge], Interval.OneMinute);

        Should.Throw<ArgumentException>(() => new TradingDesk(_store, [Btc, doge], [setup], new FeeModel(0, 0), new SlippageModel(0), "x", testnet: _broker))
            .Message.ShouldContain("the testnet broker does not trade");
    }

    private JsonElement Record(string kind, string key)
    {
        StoredRecord record = _store.GetRecord(kind, key) ?? throw new ShouldAssertException($"no {kind} record {key}");
        return JsonDocument.Parse(record.Json).RootElement;
    }
}
