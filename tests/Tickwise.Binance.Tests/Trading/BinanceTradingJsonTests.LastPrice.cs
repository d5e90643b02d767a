using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;

namespace Tickwise.Binance.Tests.Trading;

public partial class BinanceTradingJsonTests
{
    private static decimal LastPrice(string json) => Read(json, BinanceTradingJson.ParseLastPrice);

    [Fact]
    public void ParseLastPrice_DocumentedAnswer_ReadsThePrice()
    {
        // Binance's documented answer to GET /api/v3/ticker/price?symbol=LTCBTC.
        LastPrice("""{"symbol":"LTCBTC","price":"4.00000200"}""").ShouldBe(4.000002m);
    }

    [Theory]
    [InlineData("""{"symbol":"LTCBTC"}""")]
    [InlineData("""{"symbol":"LTCBTC","price":4.000002}""")]
    [InlineData("""{"symbol":"LTCBTC","price":"-4"}""")]
    [InlineData("""{"symbol":"LTCBTC","price":"0.00000000"}""")]
    [InlineData("""{"symbol":"LTCBTC","price":"1e400"}""")]
    [InlineData("""[{"symbol":"LTCBTC","price":"4.00000200"}]""")]
    [InlineData("null")]
    public void ParseLastPrice_NoPositivePrice_ThrowsNamingTheField(string json) =>
        Should.Throw<BinanceRestException>(() => LastPrice(json)).Message.ShouldContain("price");
}
