using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Tests.Web.Api;

[Collection(WebCollection.Name)]
public class MarketEndpointsTests(WebTestServer server)
{
    [Fact]
    public async Task Symbols_ListsEachStoredSymbolWithIntervalsSpanAndCount()
    {
        JsonElement sut = await server.GetJsonAsync("/api/symbols");

        sut.GetArrayLength().ShouldBe(2);
        JsonElement btc = sut[0];
        btc.GetProperty("symbol").GetString().ShouldBe("BTCUSDT");
        btc.GetProperty("intervals").EnumerateArray().Select(i => i.GetString()).ShouldContain("1m");
        btc.GetProperty("intervals").EnumerateArray().Select(i => i.GetString()).ShouldContain("1h");
        TimeRange span = server.Store.TradeTimeSpan(new Symbol("BTCUSDT"))!.Value;
        btc.GetProperty("first_trade_ms").GetInt64().ShouldBe(span.FromMs);
        btc.GetProperty("last_trade_ms").GetInt64().ShouldBe(span.ToMs - 1);
        btc.GetProperty("trades").GetInt64().ShouldBe(server.Store.Count(new Symbol("BTCUSDT")).Trades);
    }

    [Fact]
    public async Task Symbols_Csv_JoinsIntervalsWithSpaces()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/symbols");

        fileName.ShouldBe("symbols.csv");
        string[] lines = body.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("symbol,intervals,first_trade_ms,last_trade_ms,trades");
        lines[1].ShouldStartWith("BTCUSDT,1s 5s 10s");
    }

    [Fact]
    public async Task Health_ServesTheReportWithContractNames()
    {
        server.Market.OnTrade(new Trade(new Symbol("SOLUSDT"), 1, Price.Parse("150.5"), Quantity.Parse("2"), WebTestServer.StartMs, AggressorSide.Buyer));

        JsonElement sut = await server.GetJsonAsync("/api/health");

        sut.GetProperty("source").GetString().ShouldBe("simulator");
        sut.GetProperty("started_at_ms").GetInt64().ShouldBeGreaterThan(WebTestServer.StartMs);
        sut.GetProperty("store_healthy").GetBoolean().ShouldBeTrue();
        sut.GetProperty("pipeline").GetProperty("trades").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        JsonElement sol = sut.GetProperty("symbols").EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == "SOLUSDT");
        sol.GetProperty("connected").GetBoolean().ShouldBeTrue();
        sol.GetProperty("messages").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        sol.GetProperty("last_message_age_ms").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        sol.GetProperty("book_synchronized").ValueKind.ShouldBe(JsonValueKind.Null);
        foreach (string name in new[] { "messages_per_second", "gaps_repaired", "trades_repaired", "parse_errors", "dropped" }) sol.TryGetProperty(name, out _).ShouldBeTrue(name);
    }

    [Fact]
    public async Task QuotesLatest_LiveQuote_ServesBidAskMidSpreadAndLastPrice()
    {
        var symbol = new Symbol("XRPUSDT");
        server.Market.OnTrade(new Trade(symbol, 7, Price.Parse("0.5123"), Quantity.Parse("100"), WebTestServer.StartMs, AggressorSide.Seller));
        server.Market.OnQuote(new Quote(symbol, 1, Price.Parse("0.5122"), Quantity.Parse("10"), Price.Parse("0.5124"), Quantity.Parse("20.5"), WebTestServer.StartMs + 5));

        JsonElement sut = await server.GetJsonAsync("/api/quotes/latest");

        JsonElement row = sut.EnumerateArray().Single(r => r.GetProperty("symbol").GetString() == "XRPUSDT");
        row.GetProperty("time").GetInt64().ShouldBe(WebTestServer.StartMs + 5);
        row.GetProperty("bid").GetRawText().ShouldBe("0.5122");
        row.GetProperty("bid_qty").GetRawText().ShouldBe("10");
        row.GetProperty("ask").GetRawText().ShouldBe("0.5124");
        row.GetProperty("ask_qty").GetRawText().ShouldBe("20.5");
        row.GetProperty("mid").GetDouble().ShouldBe(0.5123, 1e-12);
        row.GetProperty("spread").GetRawText().ShouldBe("0.0002");
        row.GetProperty("spread_bps").GetDouble().ShouldBe(0.0002 / 0.5123 * 10_000, 1e-9);
        row.GetProperty("last_price").GetRawText().ShouldBe("0.5123");
    }

    [Fact]
    public async Task QuotesLatest_Csv_HasHeaderAndFileName()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/quotes/latest");

        fileName.ShouldBe("quotes-latest.csv");
        body.Split('\n')[0].ShouldBe("symbol,time,bid,bid_qty,ask,ask_qty,mid,spread,spread_bps,last_price");
    }

    [Fact]
    public async Task Book_NoBookKept_Is404()
    {
        string detail = await server.GetProblemAsync("/api/book?symbol=BTCUSDT", 404);

        detail.ShouldContain("No order book");
    }

    [Theory]
    [InlineData("/api/book", 400)]
    [InlineData("/api/book?symbol=BTCUSDT&depth=0", 400)]
    [InlineData("/api/book?symbol=BTCUSDT&depth=1001", 400)]
    [InlineData("/api/book?symbol=BTCUSDT&depth=x", 400)]
    [InlineData("/api/book?symbol=%00%01", 400)]
    public async Task Book_BadInput_IsAProblem(string path, int status)
    {
        await server.GetProblemAsync(path, status);
    }
}
