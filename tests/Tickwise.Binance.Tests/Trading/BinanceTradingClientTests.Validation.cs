using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>Orders that break a rule are refused before anything reaches the server.</summary>
public sealed partial class BinanceTradingClientTests
{
    public static TheoryData<string, BinanceNewOrder, BinanceOrderViolation> RefusedOrders => new()
    {
        { "unknown symbol", BinanceNewOrder.Market(new Symbol("DOGEUSDT"), BinanceOrderSide.Buy, Quantity.Parse("1")), BinanceOrderViolation.UnknownSymbol },
        { "zero quantity", BinanceNewOrder.Market(Btc, BinanceOrderSide.Buy, default), BinanceOrderViolation.NonPositiveQuantity },
        { "off tick", Limit("0.001", "50000.005"), BinanceOrderViolation.TickSize },
        { "off step", Limit("0.0010001", "50000"), BinanceOrderViolation.StepSize },
        { "below min qty", Limit("0.000001", "50000"), BinanceOrderViolation.MinQuantity },
        { "above max qty", Limit("9001", "1"), BinanceOrderViolation.MaxQuantity },
        { "below min notional", Limit("0.00001", "50000"), BinanceOrderViolation.MinNotional },
        { "market above market lot", BinanceNewOrder.Market(Btc, BinanceOrderSide.Sell, Quantity.Parse("101")), BinanceOrderViolation.MaxQuantity },
        { "market below notional", BinanceNewOrder.Market(Btc, BinanceOrderSide.Sell, Quantity.Parse("0.00001"), referencePrice: Price.Parse("60000")), BinanceOrderViolation.MinNotional },
        { "symbol halted", BinanceNewOrder.Market(new Symbol("HALTUSDT"), BinanceOrderSide.Buy, Quantity.Parse("1")), BinanceOrderViolation.SymbolNotTrading },
        { "eth old min notional", BinanceNewOrder.Limit(new Symbol("ETHUSDT"), BinanceOrderSide.Buy, Quantity.Parse("0.001"), Price.Parse("3000")), BinanceOrderViolation.MinNotional },
        { "bad client id", Limit(id: "no spaces allowed"), BinanceOrderViolation.ClientOrderId },
    };

    [Theory]
    [MemberData(nameof(RefusedOrders))]
    public async Task PlaceOrderAsync_OrderBreakingARule_ThrowsAndSendsNothing(string why, BinanceNewOrder order, BinanceOrderViolation expected)
    {
        var sut = Client();
        await sut.LoadExchangeInfoAsync(null, None);
        int before = _server.Requests;

        var e = await Should.ThrowAsync<BinanceOrderValidationException>(() => sut.PlaceOrderAsync(order, None), why);

        e.Violation.ShouldBe(expected, why);
        e.Message.ShouldStartWith($"Order {order} refused before sending: ");
        _server.Requests.ShouldBe(before, why);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(0);
    }

    [Fact]
    public async Task PlaceOrderAsync_NoExchangeInfoYet_LoadsItOnceThenValidates()
    {
        var sut = Client();

        await Should.ThrowAsync<BinanceOrderValidationException>(() => sut.PlaceOrderAsync(Limit("0.000001"), None));
        await Should.ThrowAsync<BinanceOrderValidationException>(() => sut.PlaceOrderAsync(Limit("0.000002"), None));

        _server.RequestsTo("GET /api/v3/exchangeInfo").ShouldBe(1);
        _server.Requests.ShouldBe(1);
        sut.ExchangeInfo.ShouldNotBeNull();
    }

    [Fact]
    public async Task LoadExchangeInfoAsync_SomeSymbols_AsksForThemByName()
    {
        var sut = Client();

        BinanceExchangeInfo info = await sut.LoadExchangeInfoAsync([Btc, new Symbol("ETHUSDT")], None);

        info.Symbols[Btc].MinNotional.ShouldBe(5m);
        info.Symbols[Btc].MarketMaxQuantity.ShouldBe(Quantity.Parse("100"));
        info.Symbols[new Symbol("ETHUSDT")].MinNotional.ShouldBe(10m);
        _server.Received.ShouldContain(r => r.StartsWith("GET /api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadExchangeInfoAsync_MalformedAnswer_ThrowsWithTheReason()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/exchangeInfo", 200, null, rawBody: "{\"symbols\":[{\"symbol\":\"BTCUSDT\",\"filters\":[{\"filterType\":\"LOT_SIZE\",\"minQty\":\"x\"}]}]}");

        var e = await Should.ThrowAsync<Tickwise.Binance.Client.BinanceRestException>(() => sut.LoadExchangeInfoAsync(null, None));

        e.Message.ShouldContain("BTCUSDT LOT_SIZE: \"minQty\"");
    }

    [Fact]
    public void ValidateOrder_NothingLoaded_Throws()
    {
        var sut = Client();

        Should.Throw<InvalidOperationException>(() => sut.ValidateOrder(Limit())).Message.ShouldContain("LoadExchangeInfoAsync");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad id")]
    public async Task GetOrderAsync_BadClientOrderId_ThrowsBeforeSending(string id)
    {
        var sut = Client();

        await Should.ThrowAsync<ArgumentException>(() => sut.GetOrderAsync(Btc, id, None));

        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task CancelOrderAsync_EmptySymbol_ThrowsBeforeSending()
    {
        var sut = Client();

        await Should.ThrowAsync<ArgumentException>(() => sut.CancelOrderAsync(default, 1, None));

        _server.Requests.ShouldBe(0);
    }
}
