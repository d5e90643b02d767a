using System.Text.Json;
using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Trading.TradingTestData;

namespace Tickwise.Core.Tests.Trading;

public class SymbolFiltersTests
{
    // Shaped as Binance's GET /api/v3/exchangeInfo documents a symbol (filters as strings).
    private const string ExchangeInfoSymbol = """
        {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT","filters":[
          {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
          {"filterType":"LOT_SIZE","minQty":"0.00001000","maxQty":"9000.00000000","stepSize":"0.00001000"},
          {"filterType":"ICEBERG_PARTS","limit":10},
          {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,"maxNotional":"9000000.00000000"}]}
        """;

    private static SymbolFilters Sut() => SymbolFilters.FromExchangeInfo(JsonDocument.Parse(ExchangeInfoSymbol).RootElement);

    [Fact]
    public void FromExchangeInfo_BinanceShape_ReadsPriceLotAndNotionalFilters()
    {
        var sut = Sut();
        sut.Symbol.ShouldBe(Btc);
        sut.TickSize.ShouldBe(0.01m);
        sut.MinPrice.ShouldBe(0.01m);
        sut.MaxPrice.ShouldBe(1_000_000m);
        sut.StepSize.ShouldBe(0.00001m);
        sut.MinQuantity.ShouldBe(0.00001m);
        sut.MaxQuantity.ShouldBe(9000m);
        sut.MinNotional.ShouldBe(5m);
    }

    [Fact]
    public void FromExchangeInfo_OldMinNotionalFilter_IsRead()
    {
        var json = """{"symbol":"ETHBTC","filters":[{"filterType":"MIN_NOTIONAL","minNotional":"0.00010000"}]}""";
        SymbolFilters.FromExchangeInfo(JsonDocument.Parse(json).RootElement).MinNotional.ShouldBe(0.0001m);
    }

    [Theory]
    [InlineData("""{"filters":[]}""")]
    [InlineData("""{"symbol":12}""")]
    [InlineData("""{"symbol":"bad-name"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"symbol":"BTCUSDT","filters":[{"filterType":"LOT_SIZE","minQty":"abc"}]}""")]
    [InlineData("""{"symbol":"BTCUSDT","filters":[{"filterType":"LOT_SIZE","minQty":"-1"}]}""")]
    [InlineData("""{"symbol":"BTCUSDT","filters":[{"filterType":"LOT_SIZE","minQty":true}]}""")]
    public void FromExchangeInfo_Malformed_ThrowsFormatException(string json) =>
        Should.Throw<FormatException>(() => SymbolFilters.FromExchangeInfo(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("0.000001", "quantity 0.000001 is below the minimum 0.00001 (LOT_SIZE)")]
    [InlineData("9001", "quantity 9001 is above the maximum 9000 (LOT_SIZE)")]
    [InlineData("0.000015", "not a multiple of the step size 0.00001 (LOT_SIZE)")]
    public void Validate_MarketOrderBreakingLotSize_SaysWhy(string quantity, string expected) =>
        Sut().Validate(MarketOrder("c1", OrderSide.Buy, quantity), referencePrice: 60_000m).ShouldNotBeNull().ShouldContain(expected);

    [Fact]
    public void Validate_NotionalBelowMinimum_SaysWhy() =>
        Sut().Validate(MarketOrder("c1", OrderSide.Buy, "0.00008"), 60_000m).ShouldNotBeNull().ShouldContain("notional 4.8 is below the minimum 5");

    [Theory]
    [InlineData("60000.005", "not a multiple of the tick size 0.01")]
    [InlineData("0.001", "below the minimum 0.01")]
    [InlineData("2000000", "above the maximum 1000000")]
    public void Validate_LimitPriceBreakingPriceFilter_SaysWhy(string price, string expected) =>
        Sut().Validate(LimitOrder("c1", OrderSide.Sell, "1", price), 0m).ShouldNotBeNull().ShouldContain(expected);

    [Fact]
    public void Validate_WellFormedOrder_ReturnsNull() =>
        Sut().Validate(LimitOrder("c1", OrderSide.Buy, "0.5", "60000.01"), 0m).ShouldBeNull();

    [Fact]
    public void Validate_ZeroQuantityOrOtherSymbol_SaysWhy()
    {
        Sut().Validate(MarketOrder("c1", OrderSide.Buy, "0"), 1m).ShouldNotBeNull().ShouldContain("not positive");
        Sut().Validate(MarketOrder("c1", OrderSide.Buy, "1", Eth), 1m).ShouldNotBeNull().ShouldContain("ETHUSDT");
        Sut().Validate(MarketOrder(" ", OrderSide.Buy, "1"), 1m).ShouldNotBeNull().ShouldContain("client order id");
    }

    [Fact]
    public void RoundQuantity_RoundsDownToTheStep() => Sut().RoundQuantity(0.123456789m).ShouldBe(0.12345m);
}
