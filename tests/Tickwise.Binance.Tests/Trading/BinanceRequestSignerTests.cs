using Tickwise.Binance.Trading;

namespace Tickwise.Binance.Tests.Trading;

public class BinanceRequestSignerTests
{
    // Binance's published HMAC example (spot REST API, "SIGNED Endpoint Examples for POST /api/v3/order").
    private const string DocsApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private const string DocsSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string DocsParams = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string DocsSignature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    private static BinanceRequestSigner Sut() => new(new BinanceCredentials(DocsApiKey, DocsSecret));

    [Fact]
    public void Sign_DocumentedQueryStringExample_ReproducesBinancesSignature()
    {
        var sut = Sut();

        sut.Sign(DocsParams).ShouldBe(DocsSignature);
    }

    [Fact]
    public void Sign_DocumentedRequestBodyExample_GivesTheSameSignature()
    {
        var sut = Sut();

        sut.Sign("", DocsParams).ShouldBe(DocsSignature);
    }

    [Fact]
    public void Sign_DocumentedMixedExample_ConcatenatesQueryAndBodyWithoutAmpersand()
    {
        var sut = Sut();

        // Binance's third example: query "symbol=...&timeInForce=GTC", body "quantity=1&...": no '&' between them.
        string signature = sut.Sign("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC", "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");

        signature.ShouldBe("0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
    }

    [Fact]
    public void SignParameters_DocumentedOrder_AppendsRecvWindowTimestampAndSignatureLast()
    {
        var sut = Sut();

        string signed = sut.SignParameters("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1", 1499827319559, 5000);

        signed.ShouldBe(DocsParams + "&signature=" + DocsSignature);
    }

    [Fact]
    public void SignParameters_NoOwnParameters_StartsWithRecvWindow()
    {
        var sut = Sut();

        string signed = sut.SignParameters("", 1499827319559, 5000);

        signed.ShouldStartWith("recvWindow=5000&timestamp=1499827319559&signature=");
        signed.Split("&signature=")[1].ShouldBe(sut.Sign("recvWindow=5000&timestamp=1499827319559"));
    }

    [Fact]
    public void Sign_AnotherSecret_GivesAnotherSignature()
    {
        var sut = new BinanceRequestSigner(new BinanceCredentials(DocsApiKey, DocsSecret[..^1] + "k"));

        sut.Sign(DocsParams).ShouldNotBe(DocsSignature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(60_001)]
    public void SignParameters_RecvWindowOutOfRange_Throws(int recvWindow)
    {
        var sut = Sut();

        Should.Throw<ArgumentOutOfRangeException>(() => sut.SignParameters("symbol=X", 1499827319559, recvWindow));
    }

    [Fact]
    public void SignParameters_NonPositiveTimestamp_Throws()
    {
        var sut = Sut();

        Should.Throw<ArgumentOutOfRangeException>(() => sut.SignParameters("symbol=X", 0, 5000));
    }

    [Fact]
    public void ToString_Always_HoldsNoCredential()
    {
        var sut = Sut();

        string text = sut.ToString();

        text.ShouldNotContain(DocsSecret);
        text.ShouldNotContain(DocsApiKey);
    }
}
