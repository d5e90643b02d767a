using Tickwise.Binance.Client;

namespace Tickwise.Binance.Tests.Client;

public class BinanceEndpointsTests
{
    [Theory]
    [InlineData(BinanceMarket.Spot, "wss://stream.binance.com:9443/stream?streams=btcusdt@aggTrade", "https://api.binance.com/api/v3/aggTrades?symbol=BTCUSDT")]
    [InlineData(BinanceMarket.Futures, "wss://fstream.binance.com/stream?streams=btcusdt@aggTrade", "https://fapi.binance.com/fapi/v1/aggTrades?symbol=BTCUSDT")]
    [InlineData(BinanceMarket.Testnet, "wss://stream.testnet.binance.vision/stream?streams=btcusdt@aggTrade", "https://testnet.binance.vision/api/v3/aggTrades?symbol=BTCUSDT")]
    public void Of_EachMarket_GivesBinancesAddresses(BinanceMarket market, string stream, string rest)
    {
        var sut = BinanceEndpoints.Of(market);

        sut.CombinedStreamUri(["btcusdt@aggTrade"]).ToString().ShouldBe(stream);
        sut.RestUri("aggTrades", "symbol=BTCUSDT").ToString().ShouldBe(rest);
    }

    [Fact]
    public void With_LocalBases_KeepsTheVenuesRestPrefix()
    {
        var sut = BinanceEndpoints.Of(BinanceMarket.Futures).With(new Uri("ws://127.0.0.1:5000"), new Uri("http://127.0.0.1:5001"));

        sut.CombinedStreamUri(["btcusdt@aggTrade", "ethusdt@aggTrade"]).ToString().ShouldBe("ws://127.0.0.1:5000/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade");
        sut.RestUri("aggTrades", "symbol=X&fromId=1&limit=1000").ToString().ShouldBe("http://127.0.0.1:5001/fapi/v1/aggTrades?symbol=X&fromId=1&limit=1000");
    }

    [Fact]
    public void With_Nulls_KeepsTheDefaults()
    {
        var sut = BinanceEndpoints.Of(BinanceMarket.Spot);

        sut.With(null, null).ShouldBe(sut);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1", null)]
    [InlineData(null, "ws://127.0.0.1:1")]
    [InlineData("ftp://x", null)]
    public void With_WrongScheme_Throws(string? stream, string? rest)
    {
        Should.Throw<ArgumentException>(() => BinanceEndpoints.Of(BinanceMarket.Spot).With(stream is null ? null : new Uri(stream), rest is null ? null : new Uri(rest)));
    }

    [Fact]
    public void CombinedStreamUri_NoneOrTooMany_Throws()
    {
        var sut = BinanceEndpoints.Of(BinanceMarket.Spot);

        Should.Throw<ArgumentException>(() => sut.CombinedStreamUri([]));
        Should.Throw<ArgumentException>(() => sut.CombinedStreamUri(Enumerable.Repeat("btcusdt@trade", 1025).ToList()));
    }

    [Fact]
    public void Of_UndefinedMarket_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BinanceEndpoints.Of((BinanceMarket)9));
    }
}
