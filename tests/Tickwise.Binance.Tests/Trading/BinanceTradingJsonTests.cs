using System.Text;
using System.Text.Json;
using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

public partial class BinanceTradingJsonTests
{
    // Binance's documented FULL answer to POST /api/v3/order (spot REST API, "New order (TRADE)").
    private const string DocumentedFull = """
        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,
         "price":"0.00000000","origQty":"10.00000000","executedQty":"10.00000000","origQuoteOrderQty":"0.000000",
         "cummulativeQuoteQty":"10.00000000","status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL",
         "workingTime":1507725176595,"selfTradePreventionMode":"NONE",
         "fills":[
          {"price":"4000.00000000","qty":"1.00000000","commission":"4.00000000","commissionAsset":"USDT","tradeId":56},
          {"price":"3999.00000000","qty":"5.00000000","commission":"19.99500000","commissionAsset":"USDT","tradeId":57},
          {"price":"3998.00000000","qty":"2.00000000","commission":"7.99600000","commissionAsset":"USDT","tradeId":58},
          {"price":"3997.00000000","qty":"1.00000000","commission":"3.99700000","commissionAsset":"USDT","tradeId":59},
          {"price":"3995.00000000","qty":"1.00000000","commission":"3.99500000","commissionAsset":"USDT","tradeId":60}]}
        """;

    /// <summary>Runs one of <see cref="BinanceTradingJson"/>'s readers on the root of <paramref name="json"/>.</summary>
    private static T Read<T>(string json, Func<JsonElement, string, T> reader)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return reader(document.RootElement, "test");
    }

    private static BinanceOrder Parse(string json) => Read(json, BinanceTradingJson.ParseOrder);

    [Fact]
    public void ParseOrder_DocumentedFullAnswer_ReadsEveryField()
    {
        BinanceOrder sut = Parse(DocumentedFull);

        sut.Symbol.ShouldBe(new Symbol("BTCUSDT"));
        sut.OrderId.ShouldBe(28);
        sut.ClientOrderId.ShouldBe("6gCrw2kRUAF9CvJDGP16IP");
        sut.TimeMs.ShouldBe(1507725176595);
        sut.UpdateTimeMs.ShouldBe(1507725176595);
        sut.Price.Raw.ShouldBe(0);
        sut.OriginalQuantity.ShouldBe(Quantity.Parse("10"));
        sut.ExecutedQuantity.ShouldBe(Quantity.Parse("10"));
        sut.CumulativeQuoteQuantity.ShouldBe(10m);
        sut.Status.ShouldBe(BinanceOrderStatus.Filled);
        sut.Type.ShouldBe(BinanceOrderType.Market);
        sut.Side.ShouldBe(BinanceOrderSide.Sell);
        sut.Fills.Count.ShouldBe(5);
        sut.Fills[1].ShouldBe(new BinanceFill(57, Price.Parse("3999"), Quantity.Parse("5"), 19.995m, "USDT"));
        sut.CommissionByAsset()["USDT"].ShouldBe(39.983m);
    }

    [Theory]
    [InlineData("NEW", BinanceOrderStatus.New)]
    [InlineData("PARTIALLY_FILLED", BinanceOrderStatus.PartiallyFilled)]
    [InlineData("CANCELED", BinanceOrderStatus.Canceled)]
    [InlineData("REJECTED", BinanceOrderStatus.Rejected)]
    [InlineData("EXPIRED", BinanceOrderStatus.Expired)]
    [InlineData("EXPIRED_IN_MATCH", BinanceOrderStatus.ExpiredInMatch)]
    [InlineData("PENDING_NEW", BinanceOrderStatus.PendingNew)]
    public void ParseOrder_EachStatus_IsRecognised(string status, BinanceOrderStatus expected)
    {
        Parse(DocumentedFull.Replace("\"FILLED\"", $"\"{status}\"", StringComparison.Ordinal)).Status.ShouldBe(expected);
    }

    [Fact]
    public void ParseOrder_QueryAnswer_TakesTimeAndUpdateTime()
    {
        string json = DocumentedFull.Replace("\"transactTime\":1507725176595", "\"time\":1000,\"updateTime\":2000", StringComparison.Ordinal);

        BinanceOrder sut = Parse(json);

        sut.TimeMs.ShouldBe(1000);
        sut.UpdateTimeMs.ShouldBe(2000);
    }

    [Theory]
    [InlineData("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"BTC USDT\"", "symbol")]
    [InlineData("\"orderId\":28", "\"orderId\":\"28\"", "orderId")]
    [InlineData("\"orderId\":28,", "", "orderId")]
    [InlineData("\"side\":\"SELL\"", "\"side\":\"SHORT\"", "side")]
    [InlineData("\"type\":\"MARKET\"", "\"type\":\"OCO\"", "type")]
    [InlineData("\"status\":\"FILLED\"", "\"status\":3", "status")]
    [InlineData("\"origQty\":\"10.00000000\"", "\"origQty\":\"-10\"", "origQty")]
    [InlineData("\"executedQty\":\"10.00000000\"", "\"executedQty\":\"10.000000001\"", "executedQty")]
    [InlineData("\"cummulativeQuoteQty\":\"10.00000000\"", "\"cummulativeQuoteQty\":\"1e1\"", "cummulativeQuoteQty")]
    [InlineData("\"price\":\"0.00000000\"", "\"price\":\"99999999999999999999\"", "price")]
    [InlineData("\"commissionAsset\":\"USDT\",\"tradeId\":56", "\"tradeId\":56", "commissionAsset")]
    [InlineData("\"fills\":[", "\"fills\":[1,", "fills")]
    public void ParseOrder_BrokenField_ThrowsNamingIt(string from, string to, string field)
    {
        string json = DocumentedFull.Replace(from, to, StringComparison.Ordinal);
        json.ShouldNotBe(DocumentedFull);

        var e = Should.Throw<BinanceRestException>(() => Parse(json));

        e.Message.ShouldContain($"\"{field}\"");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"order\"")]
    public void ParseOrder_NotAnObject_Throws(string json)
    {
        Should.Throw<BinanceRestException>(() => Parse(json));
    }

    [Fact]
    public void ParseOrder_RandomMutations_ThrowOnlyRestExceptions()
    {
        var random = new Random(11);
        byte[] valid = Encoding.UTF8.GetBytes(DocumentedFull);
        int parsed = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            for (int k = 0; k < 1 + i % 4; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(32, 127);
            try
            {
                using JsonDocument document = BinanceTradingJson.Parse(bytes, "test");
                BinanceTradingJson.ParseOrder(document.RootElement, "test");
                parsed++;
            }
            catch (BinanceRestException)
            {
                // the expected way to refuse
            }
        }
        parsed.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}", true, -1021)]
    [InlineData("{\"code\":-1003}", true, -1003)]
    [InlineData("{\"code\":\"-1021\",\"msg\":\"x\"}", false, 0)]
    [InlineData("{\"msg\":\"x\"}", false, 0)]
    [InlineData("<html>", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("[1]", false, 0)]
    public void TryParseError_Bodies_ReadBinancesShapeOnly(string body, bool ok, int code)
    {
        BinanceTradingJson.TryParseError(Encoding.UTF8.GetBytes(body), out int parsedCode, out _).ShouldBe(ok);

        parsedCode.ShouldBe(code);
    }

    [Theory]
    [InlineData("{\"balances\":{}}")]
    [InlineData("{\"balances\":[{\"asset\":\"BTC\",\"free\":1,\"locked\":\"0\"}]}")]
    [InlineData("{\"balances\":[{\"asset\":\"BTC\",\"free\":\"1\"}]}")]
    [InlineData("[]")]
    public void ParseBalances_Malformed_Throws(string json)
    {
        Should.Throw<BinanceRestException>(() => Read(json, BinanceTradingJson.ParseBalances));
    }
}
