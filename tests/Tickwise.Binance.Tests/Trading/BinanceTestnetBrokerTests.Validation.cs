using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Binance.Tests.Trading;

public sealed partial class BinanceTestnetBrokerTests
{
    [Theory]
    [InlineData("0.000015", "50000", "step size")] // LOT_SIZE step 0.00001
    [InlineData("0.000001", "50000", "below the minimum")] // LOT_SIZE minQty 0.00001
    [InlineData("0.001", "50000.005", "tick size")] // PRICE_FILTER tick 0.01
    [InlineData("0.00005", "50000", "notional")] // 2.5 USDT < NOTIONAL 5
    public void Place_BreaksTheExchangesFilters_RejectedBeforeAnyRequest(string quantity, string price, string reason)
    {
        var sut = Connect();
        int before = _server.Requests;

        Order order = sut.Place(Limit("bad-1", quantity, price));

        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain(reason);
        order.RejectReason!.ShouldContain("nothing was sent");
        sut.IsIdle.ShouldBeTrue();
        Thread.Sleep(200); // a request sent by mistake would be on the wire by now
        _server.Requests.ShouldBe(before);
    }

    [Fact]
    public void Place_MarketOrderBelowMinNotionalAtTheLastPrice_RejectedBeforeAnyRequest()
    {
        var sut = Connect();
        sut.OnLastPrice(Btc, 60000m, 1_723_075_200_000);
        int before = _server.Requests;

        Order order = sut.Place(Market("tiny-1", "0.00005")); // 3 USDT

        order.Status.ShouldBe(OrderStatus.Rejected);
        order.RejectReason!.ShouldContain("notional");
        order.TimeMs.ShouldBe(1_723_075_200_000); // stamped with the market's time, like the paper broker
        _server.Requests.ShouldBe(before);
    }

    [Fact]
    public void Place_MalformedOrUnknown_RejectedWithThePaperBrokersReasons()
    {
        var sut = Connect();
        var paper = new PaperBroker([new SymbolFilters(Btc), new SymbolFilters(Eth)], new FeeModel(0, 0), new SlippageModel(0));
        OrderRequest[] requests =
        [
            new("zero-1", Btc, OrderSide.Buy, OrderType.Market, default),
            new("nolimit-1", Btc, OrderSide.Buy, OrderType.Limit, Quantity.Parse("0.001")),
            Market("unknown-1", "1", symbol: new Symbol("DOGEUSDT")),
            new("", Btc, OrderSide.Buy, OrderType.Market, Quantity.Parse("0.001")),
        ];
        int before = _server.Requests;

        foreach (OrderRequest request in requests)
        {
            Order order = sut.Place(request);
            order.Status.ShouldBe(OrderStatus.Rejected);
            order.RejectReason.ShouldBe(paper.Place(request).RejectReason);
        }
        _server.Requests.ShouldBe(before);
    }

    [Fact]
    public void Place_DuplicateClientOrderId_RejectedLocally()
    {
        var sut = Connect();
        Order first = sut.Place(Market("dup-1", "0.01"));
        PumpUntil(sut, () => !first.IsOpen);

        Order second = sut.Place(Market("dup-1", "0.01"));

        second.Status.ShouldBe(OrderStatus.Rejected);
        second.RejectReason.ShouldBe("duplicate client order id dup-1");
        _server.RequestsTo("POST /api/v3/order").ShouldBe(1);
    }

    [Fact]
    public void GetFilters_ListedSymbol_GivesTheExchangesStepTickAndNotional()
    {
        var sut = Connect();

        SymbolFilters btc = sut.GetFilters(Btc).ShouldNotBeNull();
        SymbolFilters eth = sut.GetFilters(Eth).ShouldNotBeNull();

        btc.StepSize.ShouldBe(0.00001m);
        btc.TickSize.ShouldBe(0.01m);
        btc.MinNotional.ShouldBe(5m);
        btc.RoundQuantity(0.16666666m).ShouldBe(0.16666m);
        eth.StepSize.ShouldBe(0.0001m);
        eth.MinNotional.ShouldBe(10m); // the older MIN_NOTIONAL filter
        sut.GetFilters(new Symbol("DOGEUSDT")).ShouldBeNull();
    }

    [Fact]
    public void ConnectAsync_WrongKey_FailsAtStartWithoutTheKey()
    {
        const string wrongKey = "wrongKeyWRONGkey0123456789abcdefABCDEF0123456789zz";

        var e = Should.Throw<BinanceApiException>(() => Connect(key: wrongKey));

        e.Code.ShouldBe(-2015);
        e.Message.ShouldNotContain(wrongKey);
        e.Message.ShouldNotContain(FakeBinanceTradingServer.Secret);
    }

    [Fact]
    public void ConnectAsync_NothingListens_FailsAtStart()
    {
        var client = new BinanceTradingClient(_http, new BinanceCredentials(FakeBinanceTradingServer.ApiKey, FakeBinanceTradingServer.Secret),
            new BinanceTradingOptions { Endpoints = BinanceEndpoints.Of(BinanceMarket.Testnet).With(null, new Uri("http://127.0.0.1:9/")) });

        Should.Throw<BinanceRestException>(() => BinanceTestnetBroker.ConnectAsync(client, [Btc]).GetAwaiter().GetResult());
    }

    [Fact]
    public void Constructor_SymbolTheExchangeDoesNotList_Throws()
    {
        var client = new BinanceTradingClient(_http, new BinanceCredentials(FakeBinanceTradingServer.ApiKey, FakeBinanceTradingServer.Secret));
        var info = new BinanceExchangeInfo(0, [new BinanceSymbolFilters { Symbol = Btc }]);

        Should.Throw<ArgumentException>(() => new BinanceTestnetBroker(client, info, [Eth])).Message.ShouldContain("does not list ETHUSDT");
    }

    [Fact]
    public void Place_EverythingThatCanFail_NoSecretInAnyReasonOrWarning()
    {
        var sut = Connect();
        _server.FailNext("POST /api/v3/order", 400, -2010, "Account has insufficient balance for requested action.");
        _server.FailNext("POST /api/v3/order", 500, -1000, "An unknown error occurred while processing the request.");
        _server.FailNext("DELETE /api/v3/order", 400, -2011, "Unknown order sent.");
        Order refused = sut.Place(Market("s-1", "0.01"));
        Order unknown = sut.Place(Limit("s-2", "0.001", "50000"));
        Order resting = sut.Place(Limit("s-3", "0.001", "50000"));
        Order local = sut.Place(Limit("s-4", "0.000015", "50000"));
        PumpUntil(sut, () => !refused.IsOpen && !unknown.IsOpen && !sut.IsAwaitingExchange(resting.Id));
        sut.Cancel(resting.Id).ShouldBeTrue();
        PumpUntil(sut, () => sut.IsIdle && _warnings.Any(w => w.Contains("cancel failed")));

        string[] texts = [.. _warnings, refused.RejectReason!, unknown.RejectReason!, local.RejectReason!, sut.ToString()!];
        foreach (string text in texts)
        {
            text.ShouldNotContain(FakeBinanceTradingServer.Secret);
            text.ShouldNotContain(FakeBinanceTradingServer.ApiKey);
            text.ShouldNotContain("signature=");
        }
        _server.Received.ShouldNotContain(r => r.Contains(FakeBinanceTradingServer.Secret));
    }
}
