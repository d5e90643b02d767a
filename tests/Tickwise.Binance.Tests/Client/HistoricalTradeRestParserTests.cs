using System.Text;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Client;

public class HistoricalTradeRestParserTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    // Binance's documented example answer of GET /api/v3/historicalTrades.
    private const string Documented = "[{\"id\":28457,\"price\":\"4.00000100\",\"qty\":\"12.00000000\",\"quoteQty\":\"48.000012\",\"time\":1499865549590,\"isBuyerMaker\":true,\"isBestMatch\":true}]";

    [Fact]
    public void TryParse_DocumentedExample_GivesTheTrade()
    {
        var trades = new List<Trade>();

        HistoricalTradeRestParser.TryParse(Encoding.UTF8.GetBytes(Documented), Btc, trades, out string error).ShouldBeTrue(error);

        trades.Count.ShouldBe(1);
        Trade sut = trades[0];
        sut.Symbol.ShouldBe(Btc);
        sut.Id.ShouldBe(28457);
        sut.Price.ShouldBe(Price.Parse("4.00000100"));
        sut.Quantity.ShouldBe(Quantity.Parse("12.00000000"));
        sut.TimestampMs.ShouldBe(1499865549590);
        sut.AggressorSide.ShouldBe(AggressorSide.Seller);
        sut.TradeCount.ShouldBe(1);
    }

    [Fact]
    public void TryParse_SeveralTradesUnknownKeysAndMicroseconds_KeepsOrder()
    {
        string json = "[{\"id\":1,\"price\":\"10.5\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":false,\"x\":{\"y\":[1,2]}},"
            + "{\"isBestMatch\":false,\"isBuyerMaker\":true,\"time\":1723075200001000,\"qty\":\"2\",\"price\":\"10.6\",\"id\":2}]";
        var trades = new List<Trade>();

        HistoricalTradeRestParser.TryParse(Encoding.UTF8.GetBytes(json), Btc, trades, out string error).ShouldBeTrue(error);

        trades.Select(t => t.Id).ShouldBe([1L, 2L]);
        trades[0].AggressorSide.ShouldBe(AggressorSide.Buyer);
        trades[1].AggressorSide.ShouldBe(AggressorSide.Seller);
        trades[1].TimestampMs.ShouldBe(1723075200001);
    }

    [Fact]
    public void TryParse_EmptyArray_IsTheEndOfTheHistory()
    {
        var trades = new List<Trade>();
        HistoricalTradeRestParser.TryParse("[]"u8, Btc, trades, out _).ShouldBeTrue();
        trades.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "malformed")]
    [InlineData("{\"code\":-2014,\"msg\":\"API-key format invalid.\"}", "not a JSON array")]
    [InlineData("[", "malformed")]
    [InlineData("[{\"id\":1,\"price\":\"1\"", "malformed")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("[] []", "malformed")]
    [InlineData("[{\"price\":\"1\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "missing")]
    [InlineData("[{\"id\":1,\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "missing")]
    [InlineData("[{\"id\":1,\"price\":\"1\",\"qty\":\"1\",\"time\":1723075200000}]", "missing")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "missing")] // an aggTrades answer
    [InlineData("[{\"id\":\"1\",\"price\":\"1\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "bad 'id'")]
    [InlineData("[{\"id\":-1,\"price\":\"1\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "bad 'id'")]
    [InlineData("[{\"id\":1,\"price\":1.5,\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "bad 'price'")]
    [InlineData("[{\"id\":1,\"price\":\"1.123456789\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "bad 'price'")]
    [InlineData("[{\"id\":1,\"price\":\"1\",\"qty\":\"1e3\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "bad 'qty'")]
    [InlineData("[{\"id\":1,\"price\":\"1\",\"qty\":\"1\",\"time\":\"now\",\"isBuyerMaker\":true}]", "bad 'time'")]
    [InlineData("[{\"id\":1,\"price\":\"1\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":1}]", "bad 'isBuyerMaker'")]
    [InlineData("[{\"id\":1,\"price\":\"1\",\"qty\":\"0\",\"time\":1723075200000,\"isBuyerMaker\":true}]", "zero quantity")]
    [InlineData("[{\"id\":1,\"price\":\"1\",\"qty\":\"1\",\"time\":42,\"isBuyerMaker\":true}]", "bad timestamp")]
    public void TryParse_BadAnswer_RefusesItAllWithAReason(string json, string reason)
    {
        var trades = new List<Trade> { new(Btc, 7, Price.Parse("1"), Quantity.Parse("1"), 1723075200000, AggressorSide.Buyer) };
        string good = "{\"id\":1,\"price\":\"1\",\"qty\":\"1\",\"time\":1723075200000,\"isBuyerMaker\":true},";
        // A bad element after a good one: the good one must not be kept either.
        string withGoodFirst = json.StartsWith("[{", StringComparison.Ordinal) ? "[" + good + json[1..] : json;

        HistoricalTradeRestParser.TryParse(Encoding.UTF8.GetBytes(withGoodFirst), Btc, trades, out string error).ShouldBeFalse();

        error.ShouldContain(reason);
        trades.Count.ShouldBe(1);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(20240808);
        var trades = new List<Trade>();
        byte[] valid = Encoding.UTF8.GetBytes(Documented);
        for (int i = 0; i < 5000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            for (int j = 0; j < 1 + random.Next(4); j++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            Should.NotThrow(() => HistoricalTradeRestParser.TryParse(bytes, Btc, trades, out _));
        }
    }
}
