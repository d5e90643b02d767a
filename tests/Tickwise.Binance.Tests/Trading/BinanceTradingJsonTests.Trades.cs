using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

public partial class BinanceTradingJsonTests
{
    // Binance's documented answer to GET /api/v3/myTrades (spot REST API, "Account trade list (USER_DATA)").
    private const string DocumentedTrades = """
        [{"symbol":"BNBBTC","id":28457,"orderId":100234,"orderListId":-1,"price":"4.00000100","qty":"12.00000000","quoteQty":"48.000012",
          "commission":"10.10000000","commissionAsset":"BNB","time":1499865549590,"isBuyer":true,"isMaker":false,"isBestMatch":true}]
        """;

    private static List<BinanceTrade> Trades(string json) => Read(json, BinanceTradingJson.ParseTrades);

    [Fact]
    public void ParseTrades_DocumentedAnswer_ReadsEveryField()
    {
        Trades(DocumentedTrades).ShouldHaveSingleItem().ShouldBe(new BinanceTrade(28457, 100234, Price.Parse("4.000001"), Quantity.Parse("12"), 10.1m, "BNB", 1499865549590, IsMaker: false));
    }

    [Theory]
    [InlineData("\"id\":28457", "\"id\":\"28457\"", "id")]
    [InlineData("\"orderId\":100234,", "", "orderId")]
    [InlineData("\"price\":\"4.00000100\"", "\"price\":4.000001", "price")]
    [InlineData("\"qty\":\"12.00000000\"", "\"qty\":\"-12\"", "qty")]
    [InlineData("\"commission\":\"10.10000000\"", "\"commission\":\"ten\"", "commission")]
    [InlineData("\"isMaker\":false", "\"isMaker\":\"no\"", "isMaker")]
    public void ParseTrades_BadField_ThrowsNamingIt(string field, string replacement, string name)
    {
        string json = DocumentedTrades.Replace(field, replacement, StringComparison.Ordinal);

        Should.Throw<BinanceRestException>(() => Trades(json)).Message.ShouldContain(name);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("null")]
    public void ParseTrades_NotAListOfTrades_Throws(string json) => Should.Throw<BinanceRestException>(() => Trades(json));
}
