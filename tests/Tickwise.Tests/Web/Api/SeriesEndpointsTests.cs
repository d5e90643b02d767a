using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Tests.Web.Api;

[Collection(WebCollection.Name)]
public class SeriesEndpointsTests(WebTestServer server)
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public async Task Bars_LimitWithoutFrom_ReturnsTheLatestBarsExactly()
    {
        Bar[] stored = [.. server.Store.ReadBars(Btc, Interval.OneMinute, TimeRange.All)];

        JsonElement sut = await server.GetJsonAsync("/api/bars?symbol=BTCUSDT&interval=1m&limit=5");

        sut.GetArrayLength().ShouldBe(5);
        for (int i = 0; i < 5; i++)
        {
            Bar expected = stored[stored.Length - 5 + i];
            JsonElement row = sut[i];
            row.GetProperty("open_time").GetInt64().ShouldBe(expected.OpenTimeMs);
            row.GetProperty("open").GetRawText().ShouldBe(expected.Open.ToString());
            row.GetProperty("high").GetRawText().ShouldBe(expected.High.ToString());
            row.GetProperty("low").GetRawText().ShouldBe(expected.Low.ToString());
            row.GetProperty("close").GetRawText().ShouldBe(expected.Close.ToString());
            row.GetProperty("volume").GetRawText().ShouldBe(DecimalText.Format(expected.Volume));
            row.GetProperty("quote_volume").GetRawText().ShouldBe(DecimalText.Format(expected.QuoteVolume));
            row.GetProperty("taker_buy_volume").GetRawText().ShouldBe(DecimalText.Format(expected.TakerBuyVolume));
            row.GetProperty("trades").GetInt64().ShouldBe(expected.TradeCount);
        }
    }

    [Fact]
    public async Task Bars_FromAndToAsIso_ReturnsTheRangeAscending()
    {
        JsonElement sut = await server.GetJsonAsync("/api/bars?symbol=btcusdt&interval=5m&from=2024-08-08T01:00:00Z&to=2024-08-08T02:00:00Z");

        sut.GetArrayLength().ShouldBe(12);
        sut[0].GetProperty("open_time").GetInt64().ShouldBe(WebTestServer.StartMs + 3_600_000);
        sut[11].GetProperty("open_time").GetInt64().ShouldBe(WebTestServer.StartMs + 3_600_000 + 11 * 300_000);
    }

    [Fact]
    public async Task Bars_DefaultLimit_IsAThousandLatest()
    {
        JsonElement sut = await server.GetJsonAsync("/api/bars?symbol=BTCUSDT&interval=1s");

        sut.GetArrayLength().ShouldBe(1000);
        sut[999].GetProperty("open_time").GetInt64().ShouldBe(WebTestServer.StartMs + 3 * 3_600_000 - 1_000);
    }

    [Fact]
    public async Task Bars_Csv_HasTheContractHeaderAndFileName()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/bars?symbol=BTCUSDT&interval=1h");

        fileName.ShouldBe("bars-BTCUSDT-1h.csv");
        string[] lines = body.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("open_time,open,high,low,close,volume,quote_volume,taker_buy_volume,trades");
        lines.Length.ShouldBe(4);
        Bar first = server.Store.ReadBars(Btc, Interval.OneHour, TimeRange.All).First();
        lines[1].ShouldStartWith($"{first.OpenTimeMs},{first.Open},{first.High},{first.Low},{first.Close},");
    }

    [Fact]
    public async Task Bars_TenThousandRows_JsonAndCsvMatchTheStoreRowForRow()
    {
        // More rows than one flushed chunk, so the streamed response is checked across chunk boundaries.
        Bar[] stored = [.. server.Store.ReadBars(Btc, Interval.OneSecond, TimeRange.All)];
        Bar[] expected = stored[^10_000..];

        JsonElement sut = await server.GetJsonAsync("/api/bars?symbol=BTCUSDT&interval=1s&limit=10000");
        var (csv, _) = await server.GetCsvAsync("/api/bars?symbol=BTCUSDT&interval=1s&limit=10000");

        sut.GetArrayLength().ShouldBe(expected.Length);
        string[] lines = csv.Split('\n');
        lines.Length.ShouldBe(expected.Length + 2);
        lines[^1].ShouldBe("");
        for (int i = 0; i < expected.Length; i++)
        {
            Bar bar = expected[i];
            string row = $"{bar.OpenTimeMs},{bar.Open},{bar.High},{bar.Low},{bar.Close},{DecimalText.Format(bar.Volume)},{DecimalText.Format(bar.QuoteVolume)},{DecimalText.Format(bar.TakerBuyVolume)},{bar.TradeCount}";
            lines[i + 1].ShouldBe(row);
            JsonElement json = sut[i];
            string fromJson = string.Join(',', json.EnumerateObject().Select(p => p.Value.GetRawText()));
            fromJson.ShouldBe(row);
        }
    }

    [Fact]
    public async Task Bars_FormatCsvQuery_ServesCsvWithoutAcceptHeader()
    {
        using HttpResponseMessage response = await server.Http.GetAsync("/api/bars?symbol=ETHUSDT&interval=1h&format=csv");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldStartWith("open_time,");
    }

    [Fact]
    public async Task Trades_LimitWithoutFrom_ReturnsTheLatestByIdWithSides()
    {
        Trade[] stored = [.. server.Store.ReadTrades(Btc, TimeRange.All)];

        JsonElement sut = await server.GetJsonAsync("/api/trades?symbol=BTCUSDT&limit=3");

        sut.GetArrayLength().ShouldBe(3);
        for (int i = 0; i < 3; i++)
        {
            Trade expected = stored[stored.Length - 3 + i];
            sut[i].GetProperty("id").GetInt64().ShouldBe(expected.Id);
            sut[i].GetProperty("time").GetInt64().ShouldBe(expected.TimestampMs);
            sut[i].GetProperty("price").GetRawText().ShouldBe(expected.Price.ToString());
            sut[i].GetProperty("quantity").GetRawText().ShouldBe(expected.Quantity.ToString());
            sut[i].GetProperty("side").GetString().ShouldBe(expected.AggressorSide == AggressorSide.Buyer ? "buy" : "sell");
        }
    }

    [Fact]
    public async Task Trades_FromTo_ReturnsTheTradesOfTheRange()
    {
        long from = WebTestServer.StartMs + 60_000, to = from + 10_000;
        long expected = server.Store.CountTrades(Btc, new TimeRange(from, to));

        JsonElement sut = await server.GetJsonAsync($"/api/trades?symbol=BTCUSDT&from={from}&to={to}&limit=100000");

        sut.GetArrayLength().ShouldBe((int)expected);
        foreach (JsonElement trade in sut.EnumerateArray()) trade.GetProperty("time").GetInt64().ShouldBeInRange(from, to - 1);
    }

    [Fact]
    public async Task Trades_Csv_HasHeaderAndFileName()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/trades?symbol=ETHUSDT&limit=2");

        fileName.ShouldBe("trades-ETHUSDT.csv");
        body.Split('\n')[0].ShouldBe("id,time,price,quantity,side");
        body.TrimEnd('\n').Split('\n').Length.ShouldBe(3);
    }

    [Theory]
    [InlineData("/api/bars?symbol=DOGEUSDT", 404, "no data")]
    [InlineData("/api/bars", 400, "symbol is required")]
    [InlineData("/api/bars?symbol=BTC-USDT", 400, "not a symbol")]
    [InlineData("/api/bars?symbol=BTCUSDT&interval=7m", 400, "not an interval")]
    [InlineData("/api/bars?symbol=BTCUSDT&interval=1M", 400, "not an interval")]
    [InlineData("/api/bars?symbol=BTCUSDT&from=2024-08-09T00:00:00Z&to=2024-08-08T00:00:00Z", 400, "not before")]
    [InlineData("/api/bars?symbol=BTCUSDT&from=100&to=100", 400, "not before")]
    [InlineData("/api/bars?symbol=BTCUSDT&limit=100001", 400, "between 1 and 100000")]
    [InlineData("/api/bars?symbol=BTCUSDT&limit=-5", 400, "between 1 and 100000")]
    [InlineData("/api/bars?symbol=BTCUSDT&limit=0", 400, "between 1 and 100000")]
    [InlineData("/api/bars?symbol=BTCUSDT&limit=1e3", 400, "not a whole number")]
    [InlineData("/api/bars?symbol=BTCUSDT&limit=99999999999999999999", 400, "not a whole number")]
    [InlineData("/api/bars?symbol=BTCUSDT&from=yesterday", 400, "ISO-8601")]
    [InlineData("/api/bars?symbol=BTCUSDT&from=-1", 400, "between 0 and year 2100")]
    [InlineData("/api/bars?symbol=BTCUSDT&to=9999999999999999", 400, "between 0 and year 2100")]
    [InlineData("/api/bars?symbol=BTCUSDT&format=xml", 400, "csv or json")]
    [InlineData("/api/trades?symbol=NOPE", 404, "no data")]
    [InlineData("/api/trades?symbol=BTCUSDT&limit=abc", 400, "not a whole number")]
    [InlineData("/api/trades?symbol=BTCUSDT&from=3&to=2", 400, "not before")]
    public async Task Series_BadInput_IsAProblem(string path, int status, string expected)
    {
        string detail = await server.GetProblemAsync(path, status);

        detail.ShouldContain(expected);
    }
}
