using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;

namespace Tickwise.Tests.Web.Api;

[Collection(WebCollection.Name)]
public class PairsEndpointsTests(WebTestServer server)
{
    private const double Tolerance = 1e-9;
    private static readonly Symbol Btc = new("BTCUSDT"), Eth = new("ETHUSDT");

    private PairSnapshot Reference(Interval interval, int window, HedgeMethod method)
    {
        Bar[] a = [.. server.Store.ReadBars(Btc, interval, TimeRange.All)], b = [.. server.Store.ReadBars(Eth, interval, TimeRange.All)];
        a = a[^window..];
        b = b[^window..];
        var sut = new PairAnalytics(Btc, Eth, new PairAnalyticsOptions { BarInterval = interval, WindowBars = window, ZScoreBars = window, SpreadMethod = method });
        PairSnapshot? last = null;
        for (int i = 0; i < window; i++) last = sut.Update(a[i].OpenTimeMs, a[i].Close.ToDouble(), b[i].Close.ToDouble());
        return last!;
    }

    [Theory]
    [InlineData("ols", HedgeMethod.WindowOls)]
    [InlineData("huber", HedgeMethod.Huber)]
    [InlineData("theilsen", HedgeMethod.TheilSen)]
    [InlineData("kalman", HedgeMethod.Kalman)]
    public async Task Analytics_EachHedge_MatchesPairAnalyticsOverTheLatestWindow(string hedge, HedgeMethod method)
    {
        JsonElement sut = await server.GetJsonAsync($"/api/pairs/analytics?a=BTCUSDT&b=ETHUSDT&interval=1m&window=120&hedge={hedge}");

        PairSnapshot expected = Reference(Interval.OneMinute, 120, method);
        sut.GetProperty("a").GetString().ShouldBe("BTCUSDT");
        sut.GetProperty("b").GetString().ShouldBe("ETHUSDT");
        sut.GetProperty("interval").GetString().ShouldBe("1m");
        sut.GetProperty("hedge").GetString().ShouldBe(hedge);
        sut.GetProperty("n").GetInt32().ShouldBe(120);
        sut.GetProperty("hedge_ratio").GetDouble().ShouldBe(expected.Hedge(method).HedgeRatio, Tolerance);
        sut.GetProperty("intercept").GetDouble().ShouldBe(expected.Hedge(method).Intercept, Tolerance);
        sut.GetProperty("spread_last").GetDouble().ShouldBe(expected.Spread, Tolerance);
        sut.GetProperty("zscore_last").GetDouble().ShouldBe(expected.ZScore, Tolerance);
        sut.GetProperty("adf_stat").GetDouble().ShouldBe(expected.Cointegration.Statistic, Tolerance);
        sut.GetProperty("adf_pvalue").GetDouble().ShouldBe(expected.Cointegration.PValue, Tolerance);
        sut.GetProperty("adf_lags").GetInt32().ShouldBe(expected.Cointegration.UsedLag);
        sut.GetProperty("adf_crit").GetProperty("5%").GetDouble().ShouldBe(expected.Cointegration.CriticalValue5, Tolerance);
        sut.GetProperty("half_life").GetDouble().ShouldBe(expected.HalfLife.HalfLife, Tolerance);
        sut.GetProperty("correlation").GetDouble().ShouldBe(expected.Correlation, Tolerance);
        sut.GetProperty("r_squared").GetDouble().ShouldBeInRange(0, 1);
    }

    [Fact]
    public async Task Analytics_FewerSharedBarsThanWindow_ShrinksTheWindow()
    {
        JsonElement sut = await server.GetJsonAsync("/api/pairs/analytics?a=BTCUSDT&b=ETHUSDT&interval=5m&window=500");

        sut.GetProperty("n").GetInt32().ShouldBe(36);
        sut.GetProperty("hedge_ratio").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task Analytics_TooFewBars_ReturnsNulls()
    {
        JsonElement sut = await server.GetJsonAsync("/api/pairs/analytics?a=BTCUSDT&b=ETHUSDT&interval=1h");

        sut.GetProperty("n").GetInt32().ShouldBe(3);
        sut.GetProperty("hedge_ratio").ValueKind.ShouldBe(JsonValueKind.Null);
        sut.GetProperty("adf_crit").GetProperty("1%").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Series_Latest_RowsWarmedUpAndMatchingTheStore()
    {
        JsonElement sut = await server.GetJsonAsync("/api/pairs/series?a=BTCUSDT&b=ETHUSDT&interval=1m&window=30&limit=10");

        sut.GetArrayLength().ShouldBe(10);
        Bar lastA = server.Store.ReadBars(Btc, Interval.OneMinute, TimeRange.All).Last();
        JsonElement last = sut[9];
        last.GetProperty("open_time").GetInt64().ShouldBe(lastA.OpenTimeMs);
        last.GetProperty("price_a").GetRawText().ShouldBe(lastA.Close.ToString());
        foreach (JsonElement row in sut.EnumerateArray())
        {
            row.GetProperty("hedge_ratio").ValueKind.ShouldBe(JsonValueKind.Number);
            row.GetProperty("zscore").ValueKind.ShouldBe(JsonValueKind.Number);
        }
        PairSnapshot expected = Reference(Interval.OneMinute, 30, HedgeMethod.WindowOls);
        last.GetProperty("zscore").GetDouble().ShouldBe(expected.ZScore, Tolerance);
    }

    [Fact]
    public async Task Series_FromTo_StartsAtFromWithWarmedUpStatistics()
    {
        long from = WebTestServer.StartMs + 3_600_000;
        JsonElement sut = await server.GetJsonAsync($"/api/pairs/series?a=BTCUSDT&b=ETHUSDT&interval=1m&from={from}&to={from + 600_000}&window=20");

        sut.GetArrayLength().ShouldBe(10);
        sut[0].GetProperty("open_time").GetInt64().ShouldBe(from);
        sut[0].GetProperty("spread").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task Series_Csv_HasTheSeriesColumnsAndFileName()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/pairs/series?a=BTCUSDT&b=ETHUSDT&interval=5m&window=20&limit=5");

        fileName.ShouldBe("pair-BTCUSDT-ETHUSDT-5m.csv");
        body.Split('\n')[0].ShouldBe("open_time,price_a,price_b,hedge_ratio,spread,zscore,correlation");
        body.TrimEnd('\n').Split('\n').Length.ShouldBe(6);
    }

    [Theory]
    [InlineData("/api/pairs/analytics?a=BTCUSDT&b=ETHUSDT&hedge=magic", 400)]
    [InlineData("/api/pairs/analytics?a=BTCUSDT&b=BTCUSDT", 400)]
    [InlineData("/api/pairs/analytics?a=BTCUSDT", 400)]
    [InlineData("/api/pairs/analytics?a=BTCUSDT&b=LTCUSDT", 404)]
    [InlineData("/api/pairs/analytics?a=BTCUSDT&b=ETHUSDT&window=19", 400)]
    [InlineData("/api/pairs/analytics?a=BTCUSDT&b=ETHUSDT&window=10001", 400)]
    [InlineData("/api/pairs/series?a=BTCUSDT&b=ETHUSDT&window=10000&limit=100000", 400)]
    [InlineData("/api/pairs/series?a=BTCUSDT&b=ETHUSDT&from=9&to=1", 400)]
    [InlineData("/api/pairs/series?a=BTCUSDT&b=ETHUSDT&hedge=", 200)]
    public async Task Pairs_BadInput_IsAProblem(string path, int status)
    {
        if (status == 200)
        {
            await server.GetJsonAsync(path); // an empty hedge is the default, not an error
            return;
        }
        await server.GetProblemAsync(path, status);
    }
}
