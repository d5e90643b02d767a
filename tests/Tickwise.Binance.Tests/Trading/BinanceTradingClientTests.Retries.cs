using System.Diagnostics;
using Tickwise.Binance.Trading;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>Clock sync and -1021, signatures and keys, 429 and 418: what the server refuses and what is retried.</summary>
public sealed partial class BinanceTradingClientTests
{
    [Fact]
    public async Task SyncClockAsync_ServerAhead_MeasuresTheOffsetAndSignsOnTheServersClock()
    {
        _server.ClockOffsetMs = 30_000;
        var sut = Client();

        long offset = await sut.SyncClockAsync(None);
        IReadOnlyList<BinanceBalance> balances = await sut.GetBalancesAsync(None);

        offset.ShouldBeInRange(29_000, 31_000);
        sut.ClockOffsetMs.ShouldBe(offset);
        balances.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task FirstSignedRequest_ServerClockFarAhead_SyncsBeforeSending()
    {
        _server.ClockOffsetMs = -3_600_000;
        var sut = Client();

        await sut.GetBalancesAsync(None);

        _server.RequestsTo("GET /api/v3/time").ShouldBe(1);
        _server.RequestsTo("GET /api/v3/account").ShouldBe(1);
    }

    [Fact]
    public async Task SignedRequest_ServerClockJumpsAfterSync_ResyncsOnMinus1021AndRetriesOnce()
    {
        var sut = Client();
        await sut.SyncClockAsync(None);
        _server.ClockOffsetMs = 20_000; // the client's offset is now 20 s stale: its timestamps fall outside recvWindow

        BinanceOrder order = await sut.PlaceOrderAsync(Limit(), None);

        order.Status.ShouldBe(BinanceOrderStatus.New);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(2);
        _server.RequestsTo("GET /api/v3/time").ShouldBe(2);
        _server.OpenOrderCount.ShouldBe(1);
        sut.ClockOffsetMs.ShouldBeInRange(19_000, 21_000);
        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.TimestampRejected);
    }

    [Fact]
    public async Task SignedRequest_Minus1021Twice_ThrowsAfterOneRetry()
    {
        var sut = Client();
        await sut.SyncClockAsync(None);
        _server.FailNext("GET /api/v3/account", 400, -1021, "Timestamp for this request is outside of the recvWindow.", times: 2);

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetBalancesAsync(None));

        e.Code.ShouldBe(BinanceApiException.TimestampOutsideRecvWindow);
        e.Message.ShouldContain("-1021 \"Timestamp for this request is outside of the recvWindow.\"");
        _server.RequestsTo("GET /api/v3/account").ShouldBe(2);
    }

    [Fact]
    public async Task SignedRequest_WrongSecret_ServerRejectsWithMinus1022()
    {
        var sut = Client(secret: "notTheSecret0123456789");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.PlaceOrderAsync(Limit(), None));

        e.Code.ShouldBe(BinanceApiException.InvalidSignature);
        e.BinanceMessage.ShouldBe("Signature for this request is not valid.");
        _server.OpenOrderCount.ShouldBe(0);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(1);
    }

    [Fact]
    public async Task SignedRequest_WrongApiKey_ThrowsMinus2015()
    {
        var sut = Client(key: "someOtherKey");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetBalancesAsync(None));

        e.Code.ShouldBe(-2015);
        e.HttpStatus.ShouldBe(401);
    }

    [Fact]
    public async Task Request_429WithRetryAfter_WaitsAsToldThenSucceeds()
    {
        var sut = Client();
        await sut.SyncClockAsync(None);
        _server.FailNext("GET /api/v3/openOrders", 429, -1003, "Too many requests; current limit is 6000 request weight per 1 MINUTE.", retryAfter: "1");
        var clock = Stopwatch.StartNew();

        IReadOnlyList<BinanceOrder> open = await sut.GetOpenOrdersAsync(Btc, None);

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(950));
        open.ShouldBeEmpty();
        sut.RateLimitWaits.ShouldBe(1);
        _server.RequestsTo("GET /api/v3/openOrders").ShouldBe(2);
        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.RateLimited && n.Wait == TimeSpan.FromSeconds(1) && n.Message.Contains("429 (-1003"));
    }

    [Fact]
    public async Task Request_418WithRetryAfter_WaitsAsToldThenSucceeds()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 418, -1003, "Way too many requests; IP banned until 1700000000000.", retryAfter: "0");

        long serverTime = await sut.GetServerTimeAsync(None);

        serverTime.ShouldBeGreaterThan(1_700_000_000_000);
        sut.RateLimitWaits.ShouldBe(1);
        _server.RequestsTo("GET /api/v3/time").ShouldBe(2);
    }

    [Fact]
    public async Task Request_418BanLongerThanTheLimit_ThrowsWithTheWait()
    {
        var sut = Client();
        _server.FailNext("GET /api/v3/time", 418, -1003, "Way too many requests; IP banned.", retryAfter: "7200");

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetServerTimeAsync(None));

        e.IsRateLimited.ShouldBeTrue();
        e.HttpStatus.ShouldBe(418);
        e.RetryAfter.ShouldBe(TimeSpan.FromHours(2));
        e.Message.ShouldContain("retry after 7200 s");
        _server.RequestsTo("GET /api/v3/time").ShouldBe(1);
    }

    [Fact]
    public async Task Request_429MoreTimesThanAllowed_GivesUp()
    {
        var sut = Client(new BinanceTradingOptions { MaxRateLimitWaits = 2 });
        _server.FailNext("GET /api/v3/time", 429, null, retryAfter: "0", times: 3);

        var e = await Should.ThrowAsync<BinanceApiException>(() => sut.GetServerTimeAsync(None));

        e.HttpStatus.ShouldBe(429);
        sut.RateLimitWaits.ShouldBe(2);
        _server.RequestsTo("GET /api/v3/time").ShouldBe(3);
    }

    [Fact]
    public async Task Request_429WithoutRetryAfter_WaitsTheDefault()
    {
        var sut = Client(new BinanceTradingOptions { DefaultRetryAfter = TimeSpan.FromMilliseconds(300) });
        _server.FailNext("GET /api/v3/time", 429, null);

        await sut.GetServerTimeAsync(None);

        _notices.ShouldContain(n => n.Kind == BinanceTradingNoticeKind.RateLimited && n.Wait == TimeSpan.FromMilliseconds(300));
    }
}
