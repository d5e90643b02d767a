using System.Text;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Client;

public class AggTradeRestParserTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    // Binance's documented example answer of GET /api/v3/aggTrades.
    private const string Documented = "[{\"a\":26129,\"p\":\"0.01633102\",\"q\":\"4.70443515\",\"f\":27781,\"l\":27781,\"T\":1498793709153,\"m\":true,\"M\":true}]";

    [Fact]
    public void TryParse_DocumentedExample_GivesTheTrade()
    {
        var trades = new List<Trade>();

        AggTradeRestParser.TryParse(Encoding.UTF8.GetBytes(Documented), Btc, trades, out string error).ShouldBeTrue(error);

        trades.Count.ShouldBe(1);
        Trade sut = trades[0];
        sut.Symbol.ShouldBe(Btc);
        sut.Id.ShouldBe(26129);
        sut.Price.ShouldBe(Price.Parse("0.01633102"));
        sut.Quantity.ShouldBe(Quantity.Parse("4.70443515"));
        sut.TimestampMs.ShouldBe(1498793709153);
        sut.AggressorSide.ShouldBe(AggressorSide.Seller);
        sut.TradeCount.ShouldBe(1);
    }

    [Fact]
    public void TryParse_SeveralTradesUnknownKeysAndMicroseconds_KeepsOrderAndCounts()
    {
        string json = "[{\"a\":1,\"p\":\"10.5\",\"q\":\"1\",\"f\":10,\"l\":14,\"T\":1723075200000,\"m\":false,\"M\":true,\"x\":{\"y\":[1,2]}},"
            + "{\"M\":false,\"m\":true,\"T\":1723075200001000,\"l\":15,\"f\":15,\"q\":\"2\",\"p\":\"10.6\",\"a\":2}]";
        var trades = new List<Trade>();

        AggTradeRestParser.TryParse(Encoding.UTF8.GetBytes(json), Btc, trades, out string error).ShouldBeTrue(error);

        trades.Select(t => t.Id).ShouldBe([1L, 2L]);
        trades[0].TradeCount.ShouldBe(5);
        trades[0].AggressorSide.ShouldBe(AggressorSide.Buyer);
        trades[1].TimestampMs.ShouldBe(1723075200001);
    }

    [Fact]
    public void TryParse_EmptyArray_IsTheEndOfTheHistory()
    {
        var trades = new List<Trade>();
        AggTradeRestParser.TryParse("[]"u8, Btc, trades, out _).ShouldBeTrue();
        trades.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "malformed")]
    [InlineData("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", "not a JSON array")]
    [InlineData("[", "malformed")]
    [InlineData("[{\"a\":1,\"p\":\"1\"", "malformed")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("[] []", "malformed")]
    [InlineData("[{\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "missing")]
    [InlineData("[{\"a\":1,\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "missing")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000}]", "missing")]
    [InlineData("[{\"a\":\"1\",\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'a'")]
    [InlineData("[{\"a\":1,\"p\":1.5,\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'p'")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"1e3\",\"T\":1723075200000,\"m\":true}]", "bad 'q'")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":\"yes\"}]", "bad 'm'")]
    [InlineData("[{\"a\":-1,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'a'")]
    [InlineData("[{\"a\":99999999999999999999,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'a'")]
    [InlineData("[{\"a\":1,\"p\":\"-1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'p'")]
    [InlineData("[{\"a\":1,\"p\":\"1.123456789\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'p'")]
    [InlineData("[{\"a\":1,\"p\":\"99999999999999999999\",\"q\":\"1\",\"T\":1723075200000,\"m\":true}]", "bad 'p'")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"0\",\"T\":1723075200000,\"m\":true}]", "zero quantity")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":42,\"m\":true}]", "bad timestamp")]
    [InlineData("[{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true,\"f\":0,\"l\":9000000000}]", "absurd trade count")]
    public void TryParse_BadAnswer_RefusesItAllWithAReason(string json, string reason)
    {
        var trades = new List<Trade> { new(Btc, 7, Price.Parse("1"), Quantity.Parse("1"), 1723075200000, AggressorSide.Buyer) };
        string good = "{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1723075200000,\"m\":true},";
        // A bad element after a good one: the good one must not be kept either.
        string withGoodFirst = json.StartsWith("[{", StringComparison.Ordinal) ? "[" + good + json[1..] : json;

        AggTradeRestParser.TryParse(Encoding.UTF8.GetBytes(withGoodFirst), Btc, trades, out string error).ShouldBeFalse();

        error.ShouldContain(reason);
        trades.Count.ShouldBe(1);
    }

    [Fact]
    public void TryParse_HugeAnswer_ParsesEveryElement()
    {
        var json = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"a\":").Append(i).Append(",\"p\":\"60000.01\",\"q\":\"0.001\",\"f\":1,\"l\":1,\"T\":1723075200000,\"m\":false,\"M\":true}");
        }
        json.Append(']');
        var trades = new List<Trade>();

        AggTradeRestParser.TryParse(Encoding.UTF8.GetBytes(json.ToString()), Btc, trades, out string error).ShouldBeTrue(error);

        trades.Count.ShouldBe(100_000);
        trades[^1].Id.ShouldBe(99_999);
    }

    [Fact]
    public void TryParse_RandomBytesAndMutations_NeverThrow()
    {
        var random = new Random(42);
        byte[] valid = Encoding.UTF8.GetBytes(Documented);
        var trades = new List<Trade>();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] input = i % 2 == 0 ? RandomBytes(random) : Mutated(valid, random);
            trades.Clear();
            Should.NotThrow(() => AggTradeRestParser.TryParse(input, Btc, trades, out _));
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutated(byte[] valid, Random random)
    {
        byte[] bytes = (byte[])valid.Clone();
        for (int k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes[..random.Next(1, bytes.Length + 1)];
    }
}
