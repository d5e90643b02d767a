using System.Text;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

public class BinanceExchangeInfoTests
{
    // Shaped after the documented /api/v3/exchangeInfo answer: strings for numbers, filters the client ignores.
    private const string Documented = """
        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],"exchangeFilters":[],
         "symbols":[{"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","baseAssetPrecision":8,"quoteAsset":"BTC","quotePrecision":8,
          "orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS","STOP_LOSS_LIMIT","TAKE_PROFIT","TAKE_PROFIT_LIMIT"],
          "icebergAllowed":true,"ocoAllowed":true,"isSpotTradingAllowed":true,"isMarginTradingAllowed":true,
          "filters":[
           {"filterType":"PRICE_FILTER","minPrice":"0.00000100","maxPrice":"100000.00000000","tickSize":"0.00000100"},
           {"filterType":"PERCENT_PRICE","multiplierUp":"5","multiplierDown":"0.2","avgPriceMins":5},
           {"filterType":"LOT_SIZE","minQty":"0.00100000","maxQty":"100000.00000000","stepSize":"0.00100000"},
           {"filterType":"NOTIONAL","minNotional":"0.00010000","applyMinToMarket":false,"maxNotional":"9000000.00000000","applyMaxToMarket":true,"avgPriceMins":5},
           {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"1000.00000000","stepSize":"0.00000000"},
           {"filterType":"ICEBERG_PARTS","limit":10},
           {"filterType":"MAX_NUM_ORDERS","maxNumOrders":25}],
          "permissions":["SPOT","MARGIN"]}]}
        """;

    private static bool Parse(string json, out BinanceExchangeInfo? info, out string error) =>
        BinanceExchangeInfo.TryParse(Encoding.UTF8.GetBytes(json), out info, out error);

    [Fact]
    public void TryParse_DocumentedAnswer_ReadsEveryFilterExactly()
    {
        Parse(Documented, out BinanceExchangeInfo? sut, out string error).ShouldBeTrue(error);

        sut!.ServerTimeMs.ShouldBe(1565246363776);
        sut.TryGet(new Symbol("ETHBTC"), out BinanceSymbolFilters f).ShouldBeTrue();
        f.Status.ShouldBe("TRADING");
        f.BaseAsset.ShouldBe("ETH");
        f.QuoteAsset.ShouldBe("BTC");
        f.MarketAllowed.ShouldBeTrue();
        f.LimitAllowed.ShouldBeTrue();
        f.TickSize.ShouldBe(Price.Parse("0.000001"));
        f.MinPrice.ShouldBe(Price.Parse("0.000001"));
        f.MaxPrice.ShouldBe(Price.Parse("100000"));
        f.StepSize.ShouldBe(Quantity.Parse("0.001"));
        f.MinQuantity.ShouldBe(Quantity.Parse("0.001"));
        f.MaxQuantity.ShouldBe(Quantity.Parse("100000"));
        f.MarketMaxQuantity.ShouldBe(Quantity.Parse("1000"));
        f.MarketStepSize.Raw.ShouldBe(0);
        f.MinNotional.ShouldBe(0.0001m);
        f.ApplyMinNotionalToMarket.ShouldBeFalse();
        f.MaxNotional.ShouldBe(9_000_000m);
        f.ApplyMaxNotionalToMarket.ShouldBeTrue();
    }

    [Fact]
    public void TryParse_OlderMinNotionalFilter_GivesTheMinimum()
    {
        string json = """{"symbols":[{"symbol":"BNBBTC","status":"TRADING","orderTypes":["LIMIT"],"filters":[{"filterType":"MIN_NOTIONAL","minNotional":"0.00100000","applyToMarket":false,"avgPriceMins":5}]}]}""";

        Parse(json, out BinanceExchangeInfo? sut, out string error).ShouldBeTrue(error);

        BinanceSymbolFilters f = sut!.Symbols[new Symbol("BNBBTC")];
        f.MinNotional.ShouldBe(0.001m);
        f.ApplyMinNotionalToMarket.ShouldBeFalse();
        f.MarketAllowed.ShouldBeFalse();
        f.LimitAllowed.ShouldBeTrue();
    }

    [Fact]
    public void TryParse_UnknownSymbol_IsNotFound()
    {
        Parse(Documented, out BinanceExchangeInfo? sut, out _).ShouldBeTrue();

        sut!.TryGet(new Symbol("DOGEUSDT"), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("{", "not JSON")]
    [InlineData("[]", "no \"symbols\" array")]
    [InlineData("{\"symbols\":{}}", "no \"symbols\" array")]
    [InlineData("{\"symbols\":[1]}", "not an object")]
    [InlineData("{\"symbols\":[{\"status\":\"TRADING\"}]}", "no valid \"symbol\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"BTC-USDT\"}]}", "no valid \"symbol\"")]
    [InlineData("{\"symbols\":[{\"symbol\":42}]}", "no valid \"symbol\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\"},{\"symbol\":\"A\"}]}", "A appears twice")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.1\",\"maxPrice\":\"1\"}]}]}", "A PRICE_FILTER: \"tickSize\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.1\",\"maxPrice\":\"1\",\"tickSize\":\"0.000000001\"}]}]}", "\"tickSize\" is not an exact")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"LOT_SIZE\",\"minQty\":0.1,\"maxQty\":\"1\",\"stepSize\":\"0.1\"}]}]}", "\"minQty\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"LOT_SIZE\",\"minQty\":\"-1\",\"maxQty\":\"1\",\"stepSize\":\"0.1\"}]}]}", "\"minQty\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"LOT_SIZE\",\"minQty\":\"1\",\"maxQty\":\"999999999999999999999\",\"stepSize\":\"0.1\"}]}]}", "\"maxQty\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"NOTIONAL\",\"minNotional\":\"1e5\"}]}]}", "\"minNotional\"")]
    [InlineData("{\"symbols\":[{\"symbol\":\"A\",\"filters\":[{\"filterType\":\"NOTIONAL\",\"minNotional\":\"1\",\"maxNotional\":null}]}]}", "\"maxNotional\"")]
    public void TryParse_BadInput_FailsWithAReason(string json, string expected)
    {
        Parse(json, out BinanceExchangeInfo? sut, out string error).ShouldBeFalse();

        sut.ShouldBeNull();
        error.ShouldContain(expected);
    }

    [Fact]
    public void TryParse_DeeplyNested_FailsWithoutThrowing()
    {
        string json = "{\"symbols\":[{\"symbol\":\"A\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}]}";

        Parse(json, out _, out string error).ShouldBeFalse();
        error.ShouldContain("not JSON");
    }

    [Fact]
    public void TryParse_ManySymbols_ReadsThemAll()
    {
        var json = new StringBuilder("{\"symbols\":[");
        for (int i = 0; i < 5000; i++)
            json.Append(i == 0 ? "" : ",").Append("{\"symbol\":\"S").Append(i).Append("USDT\",\"status\":\"TRADING\",\"filters\":[{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"100\",\"stepSize\":\"0.001\"}]}");
        json.Append("]}");

        Parse(json.ToString(), out BinanceExchangeInfo? sut, out string error).ShouldBeTrue(error);

        sut!.Symbols.Count.ShouldBe(5000);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(5);
        byte[] valid = Encoding.UTF8.GetBytes(Documented);
        for (int i = 0; i < 2000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            for (int k = 0; k < 1 + i % 8; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            Should.NotThrow(() => BinanceExchangeInfo.TryParse(bytes, out _, out _));
        }
    }

    [Fact]
    public void Constructor_DuplicateSymbol_Throws()
    {
        var filters = new BinanceSymbolFilters { Symbol = new Symbol("BTCUSDT") };

        Should.Throw<ArgumentException>(() => new BinanceExchangeInfo(0, [filters, filters]));
    }
}
