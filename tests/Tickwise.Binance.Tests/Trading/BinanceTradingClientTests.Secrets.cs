using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>The key and secret appear in no notice, exception or description, whatever fails; the secret never leaves
/// the process.</summary>
public sealed partial class BinanceTradingClientTests
{
    private const string SecretUnderTest = FakeBinanceTradingServer.Secret;
    private const string KeyUnderTest = FakeBinanceTradingServer.ApiKey;

    [Fact]
    public async Task FailureScenarios_NoticesAndExceptions_HoldNeitherKeyNorSecret()
    {
        var sut = Client(new BinanceTradingOptions { MaxRateLimitWaits = 1 });
        var failures = new List<Exception>();
        async Task Capture(Func<Task> call)
        {
            try { await call(); }
            catch (Exception e) { failures.Add(e); }
        }

        await Capture(() => sut.PlaceOrderAsync(Limit("0.000001"), None));                  // filter refusal
        await Capture(() => sut.PlaceOrderAsync(BinanceNewOrder.Market(new Symbol("NOPEUSDT"), BinanceOrderSide.Buy, Quantity.Parse("1")), None));
        _server.FailNext(null, 400, -1021, "Timestamp for this request is outside of the recvWindow.", times: 2);
        await Capture(() => sut.GetBalancesAsync(None));                                        // -1021 twice
        _server.FailNext(null, 429, -1003, "Too many requests.", retryAfter: "0", times: 2);
        await Capture(() => sut.GetOpenOrdersAsync(null, None));                                // 429 beyond the limit
        _server.FailNext(null, 418, -1003, "IP banned.", retryAfter: "86400");
        await Capture(() => sut.GetOrderAsync(Btc, 1, None));                                    // 418 ban
        _server.FailNext(null, 500, null, rawBody: "<html>oops</html>");
        await Capture(() => sut.CancelOrderAsync(Btc, 1, None));                                 // 500 without JSON
        _server.FailNext(null, 200, null, rawBody: "{\"symbol\":");
        await Capture(() => sut.GetOrderAsync(Btc, "x", None));                                  // malformed answer
        await Capture(() => sut.GetOrderAsync(Btc, 999, None));                                  // -2013
        await Capture(() => Client(secret: "wrong-" + SecretUnderTest[..10]).GetBalancesAsync(None)); // -1022
        _server.Dispose();
        await Capture(() => sut.PlaceOrderAsync(Limit(), None));                                 // unreachable

        failures.Count.ShouldBe(10);
        failures.Select(e => e.GetType().Name).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        _notices.Count(n => n.Kind == BinanceTradingNoticeKind.RequestFailed).ShouldBeGreaterThanOrEqualTo(7);
        var texts = failures.Select(e => e.ToString()).Concat(_notices.Select(n => n.ToString())).Append(sut.ToString()).ToList();
        foreach (string text in texts)
        {
            text.ShouldNotContain(SecretUnderTest);
            text.ShouldNotContain(KeyUnderTest);
        }
    }

    [Fact]
    public async Task EveryRequest_OnTheWire_CarriesTheKeyButNeverTheSecret()
    {
        var sut = Client();
        BinanceOrder order = await sut.PlaceOrderAsync(Limit(), None);
        await sut.GetOrderAsync(Btc, order.OrderId, None);
        await sut.CancelOrderAsync(Btc, order.OrderId, None);
        await sut.GetBalancesAsync(None);

        _server.Received.Count.ShouldBe(6); // exchangeInfo, time, and four signed calls
        _server.Received.ShouldAllBe(r => !r.Contains(SecretUnderTest));
        _server.Received.Count(r => r.Contains("X-MBX-APIKEY: " + KeyUnderTest)).ShouldBe(4);
        _server.Received.Where(r => r.Contains("signature=")).ShouldAllBe(r => r.Contains("X-MBX-APIKEY"));
    }

    [Fact]
    public void ToString_Client_RedactsCredentials()
    {
        var sut = Client();

        string text = sut.ToString();

        text.ShouldContain("redacted");
        text.ShouldNotContain(SecretUnderTest);
        text.ShouldNotContain(KeyUnderTest);
    }
}
