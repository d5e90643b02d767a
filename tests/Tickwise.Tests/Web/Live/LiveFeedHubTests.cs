using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

[Collection(WebCollection.Name)]
public partial class LiveFeedHubTests(WebTestServer server)
{
    private const long MinuteMs = 1_723_161_600_000; // 2024-08-09T00:00:00Z, after the stored data

    private static Trade TradeOf(string symbol, long id, string price, string quantity, long timeMs, AggressorSide side = AggressorSide.Buyer) =>
        new(new Symbol(symbol), id, Price.Parse(price), Quantity.Parse(quantity), timeMs, side);

    private static Quote QuoteOf(string symbol, string bid, string ask, long timeMs) =>
        new(new Symbol(symbol), 1, Price.Parse(bid), Quantity.Parse("1"), Price.Parse(ask), Quantity.Parse("2"), timeMs);

    private static async Task ExpectSubscribedAsync(FeedSocket socket, params string[] channels)
    {
        foreach (string channel in channels)
        {
            JsonElement reply = await socket.ReceiveAsync();
            reply.GetProperty("type").GetString().ShouldBe("subscribed", reply.GetRawText());
            reply.GetProperty("channel").GetString().ShouldBe(channel);
        }
    }

    [Fact]
    public async Task Subscribe_BarsQuotesAndAlerts_ReceivesThemInPublishedOrder()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("bars:aaausdt:1m", "quotes:AAAUSDT", "alerts");
        await ExpectSubscribedAsync(sut, "bars:AAAUSDT:1m", "quotes:AAAUSDT", "alerts");

        server.Hub.OnTrade(TradeOf("AAAUSDT", 1, "10.5", "3", MinuteMs + 5_000));
        server.Hub.OnQuote(QuoteOf("AAAUSDT", "10.4", "10.6", MinuteMs + 6_000));
        var closed = new Bar(new Symbol("AAAUSDT"), Interval.OneMinute, MinuteMs - 60_000, Price.Parse("9"), Price.Parse("11"), Price.Parse("8.5"), Price.Parse("10"), 5m, 50m, 2, 1m, 10m);
        server.Hub.OnBarClosed(closed);
        server.Hub.Publish("alerts", "alert", new { Id = "e1", RuleId = "r1", Value = 10.5, Message = "AAAUSDT above 10" }).ShouldBeTrue();
        server.Hub.OnQuote(QuoteOf("AAAUSDT", "10.45", "10.55", MinuteMs + 7_000));

        JsonElement update = await sut.ReceiveAsync();
        update.GetProperty("channel").GetString().ShouldBe("bars:AAAUSDT:1m");
        update.GetProperty("type").GetString().ShouldBe("bar_update");
        JsonElement bar = update.GetProperty("data");
        bar.GetProperty("symbol").GetString().ShouldBe("AAAUSDT");
        bar.GetProperty("interval").GetString().ShouldBe("1m");
        bar.GetProperty("open_time").GetInt64().ShouldBe(MinuteMs);
        bar.GetProperty("close").GetRawText().ShouldBe("10.5");
        bar.GetProperty("volume").GetRawText().ShouldBe("3");
        bar.GetProperty("trades").GetInt64().ShouldBe(1);

        JsonElement quote = await sut.ReceiveAsync();
        quote.GetProperty("type").GetString().ShouldBe("quote");
        quote.GetProperty("data").GetProperty("bid").GetRawText().ShouldBe("10.4");
        quote.GetProperty("data").GetProperty("last_price").GetRawText().ShouldBe("10.5");

        JsonElement barClosed = await sut.ReceiveAsync();
        barClosed.GetProperty("type").GetString().ShouldBe("bar_closed");
        barClosed.GetProperty("data").GetProperty("open_time").GetInt64().ShouldBe(MinuteMs - 60_000);
        barClosed.GetProperty("data").GetProperty("high").GetRawText().ShouldBe("11");

        JsonElement alert = await sut.ReceiveAsync();
        alert.GetProperty("channel").GetString().ShouldBe("alerts");
        alert.GetProperty("type").GetString().ShouldBe("alert");
        alert.GetProperty("data").GetProperty("rule_id").GetString().ShouldBe("r1");
        alert.GetProperty("data").GetProperty("value").GetDouble().ShouldBe(10.5);

        (await sut.ReceiveAsync()).GetProperty("data").GetProperty("bid").GetRawText().ShouldBe("10.45");
    }

    [Fact]
    public async Task BarUpdate_ManyTrades_ThrottledAndTheLastCarriesThemAll()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("bars:BBBUSDT:1m");
        await ExpectSubscribedAsync(sut, "bars:BBBUSDT:1m");

        for (int i = 0; i < 2_000; i++) server.Hub.OnTrade(TradeOf("BBBUSDT", i + 1, "100", "0.5", MinuteMs + i * 10));

        var updates = new List<JsonElement>();
        while (true)
        {
            JsonElement message = await sut.ReceiveAsync();
            message.GetProperty("type").GetString().ShouldBe("bar_update");
            updates.Add(message);
            if (message.GetProperty("data").GetProperty("trades").GetInt64() == 2_000) break;
        }
        updates.Count.ShouldBeLessThan(20); // 2,000 trades, at most one update per 100 ms (plus the timer's)
        updates[^1].GetProperty("data").GetProperty("volume").GetRawText().ShouldBe("1000");
    }

    [Fact]
    public async Task BarClosed_IntervalThePipelineDoesNotBuild_IsAnnouncedByTheFeed()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("bars:CCCUSDT:2m");
        await ExpectSubscribedAsync(sut, "bars:CCCUSDT:2m");

        server.Hub.OnTrade(TradeOf("CCCUSDT", 1, "5", "1", MinuteMs + 1_000));
        server.Hub.OnTrade(TradeOf("CCCUSDT", 2, "6", "1", MinuteMs + 100_000));
        server.Hub.OnTrade(TradeOf("CCCUSDT", 3, "7", "1", MinuteMs + 125_000));

        JsonElement closed = await sut.ReceiveTypeAsync("bar_closed");
        closed.GetProperty("data").GetProperty("open_time").GetInt64().ShouldBe(MinuteMs);
        closed.GetProperty("data").GetProperty("high").GetRawText().ShouldBe("6");
        closed.GetProperty("data").GetProperty("trades").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Subscribe_AnotherInterval_LeavesTheBarsInProgressWhole()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("bars:FFFUSDT:1m");
        await ExpectSubscribedAsync(sut, "bars:FFFUSDT:1m");
        server.Hub.OnTrade(TradeOf("FFFUSDT", 1, "2", "1", MinuteMs + 1_000));
        server.Hub.OnTrade(TradeOf("FFFUSDT", 2, "3", "1", MinuteMs + 2_000));
        while ((await sut.ReceiveTypeAsync("bar_update")).GetProperty("data").GetProperty("trades").GetInt64() < 2) { }

        await using FeedSocket other = await FeedSocket.ConnectAsync(server.BaseAddress);
        await other.SubscribeAsync("bars:FFFUSDT:2m");
        await ExpectSubscribedAsync(other, "bars:FFFUSDT:2m");
        server.Hub.OnTrade(TradeOf("FFFUSDT", 3, "4", "1", MinuteMs + 3_000));

        JsonElement update;
        do update = (await sut.ReceiveTypeAsync("bar_update")).GetProperty("data");
        while (update.GetProperty("trades").GetInt64() < 3);
        update.GetProperty("open").GetRawText().ShouldBe("2");
        update.GetProperty("volume").GetRawText().ShouldBe("3");
        JsonElement twoMinutes = (await other.ReceiveTypeAsync("bar_update")).GetProperty("data");
        twoMinutes.GetProperty("interval").GetString().ShouldBe("2m");
        twoMinutes.GetProperty("trades").GetInt64().ShouldBe(1); // from its subscription on
    }

    [Fact]
    public async Task Unsubscribe_StopsTheChannel()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("trades:DDDUSDT", "quotes:DDDUSDT");
        await ExpectSubscribedAsync(sut, "trades:DDDUSDT", "quotes:DDDUSDT");
        await sut.SendAsync("""{"op":"unsubscribe","channels":["trades:DDDUSDT"]}""");
        JsonElement reply = await sut.ReceiveAsync();
        reply.GetProperty("type").GetString().ShouldBe("unsubscribed");
        while (server.Hub.HasSubscribers("trades:DDDUSDT")) await Task.Delay(10);

        server.Hub.OnTrade(TradeOf("DDDUSDT", 1, "1", "1", MinuteMs));
        server.Hub.OnQuote(QuoteOf("DDDUSDT", "0.9", "1.1", MinuteMs));

        (await sut.ReceiveAsync()).GetProperty("type").GetString().ShouldBe("quote"); // the trade was not sent
    }

    [Theory]
    [InlineData("not json", "Malformed")]
    [InlineData("[1,2]", "Malformed")]
    [InlineData("""{"op":"dance","channels":["alerts"]}""", "Unknown op")]
    [InlineData("""{"op":"subscribe","channels":[]}""", "at least one channel")]
    [InlineData("""{"op":"subscribe","channels":"alerts"}""", "array of strings")]
    [InlineData("""{"op":"subscribe","channels":[42]}""", "array of strings")]
    [InlineData("""{"op":"subscribe","channels":["bogus"]}""", "Unknown channel")]
    [InlineData("""{"op":"subscribe","channels":["bars:BTCUSDT:7x"]}""", "not an interval")]
    [InlineData("""{"op":"subscribe","channels":["trades:BTC-USDT"]}""", "not a symbol")]
    [InlineData("""{"op":"subscribe","channels":["pair:BTCUSDT:BTCUSDT:1m"]}""", "two symbols")]
    public async Task Message_Bad_GetsAnErrorAndTheConnectionStays(string message, string expected)
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);

        await sut.SendAsync(message);
        JsonElement error = await sut.ReceiveAsync();

        error.GetProperty("type").GetString().ShouldBe("error");
        error.GetProperty("data").GetProperty("message").GetString()!.ShouldContain(expected);
        await sut.SubscribeAsync("signals");
        await ExpectSubscribedAsync(sut, "signals");
    }

    [Fact]
    public async Task Message_TooLarge_GetsAnErrorAndTheConnectionStays()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);

        await sut.SendAsync($$"""{"op":"subscribe","channels":["{{new string('x', 40_000)}}"]}""");
        JsonElement error = await sut.ReceiveAsync();

        error.GetProperty("data").GetProperty("message").GetString()!.ShouldContain("too large");
        await sut.SubscribeAsync("orders");
        await ExpectSubscribedAsync(sut, "orders");
    }

    [Fact]
    public async Task Pair_SubscribedThenBothLegsClose_SendsWarmedUpStatistics()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("pair:BTCUSDT:ETHUSDT:1m");
        await ExpectSubscribedAsync(sut, "pair:BTCUSDT:ETHUSDT:1m");
        await Task.Delay(500); // the worker warms the pair up from the store

        long open = WebTestServer.StartMs + 3 * 3_600_000;
        server.Hub.OnBarClosed(new Bar(new Symbol("BTCUSDT"), Interval.OneMinute, open, Price.Parse("61000"), Price.Parse("61100"), Price.Parse("60900"), Price.Parse("61050.5"), 1m, 61000m, 10, 0.5m, 30500m));
        server.Hub.OnBarClosed(new Bar(new Symbol("ETHUSDT"), Interval.OneMinute, open, Price.Parse("3050"), Price.Parse("3060"), Price.Parse("3040"), Price.Parse("3055.25"), 1m, 3050m, 10, 0.5m, 1525m));

        JsonElement pair = await sut.ReceiveTypeAsync("pair");
        JsonElement data = pair.GetProperty("data");
        data.GetProperty("a").GetString().ShouldBe("BTCUSDT");
        data.GetProperty("b").GetString().ShouldBe("ETHUSDT");
        data.GetProperty("interval").GetString().ShouldBe("1m");
        data.GetProperty("open_time").GetInt64().ShouldBe(open);
        data.GetProperty("price_a").GetRawText().ShouldBe("61050.5");
        data.GetProperty("price_b").GetRawText().ShouldBe("3055.25");
        foreach (string name in new[] { "hedge_ratio", "spread", "zscore", "correlation", "adf_pvalue", "half_life" })
            data.GetProperty(name).ValueKind.ShouldBeOneOf(JsonValueKind.Number, JsonValueKind.Null);
        data.GetProperty("zscore").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task Health_Subscribed_ReceivesTheReportPeriodically()
    {
        await using FeedSocket sut = await FeedSocket.ConnectAsync(server.BaseAddress);
        await sut.SubscribeAsync("health");
        await ExpectSubscribedAsync(sut, "health");

        JsonElement first = await sut.ReceiveTypeAsync("health");
        JsonElement second = await sut.ReceiveTypeAsync("health");

        first.GetProperty("channel").GetString().ShouldBe("health");
        first.GetProperty("data").GetProperty("source").GetString().ShouldBe("simulator");
        second.GetProperty("data").GetProperty("pipeline").GetProperty("ws_clients").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void Publish_NobodySubscribed_ReturnsFalse()
    {
        server.Hub.Publish("orders", "order", new { Id = "o1" }).ShouldBeFalse();
    }
}
