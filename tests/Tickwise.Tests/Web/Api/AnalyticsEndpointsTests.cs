using System.Text.Json;
using Tickwise.Core.Analytics;
using Tickwise.Core.Indicators;
using Tickwise.Core.Market;
using Tickwise.Core.Statistics;

namespace Tickwise.Tests.Web.Api;

[Collection(WebCollection.Name)]
public class AnalyticsEndpointsTests(WebTestServer server)
{
    private const double Tolerance = 1e-9;
    private static readonly Symbol Btc = new("BTCUSDT"), Eth = new("ETHUSDT");

    private Bar[] Latest(Symbol symbol, Interval interval, int count)
    {
        Bar[] all = [.. server.Store.ReadBars(symbol, interval, TimeRange.All)];
        return all[Math.Max(0, all.Length - count)..];
    }

    [Fact]
    public async Task Stats_SeveralIntervals_MatchTheBatchStatisticsOfTheLatestBars()
    {
        JsonElement sut = await server.GetJsonAsync("/api/stats?symbol=BTCUSDT&intervals=1m,5m,1h&window=50");

        sut.GetArrayLength().ShouldBe(3);
        string[] names = ["1m", "5m", "1h"];
        for (int i = 0; i < 3; i++)
        {
            BarWindowSummary expected = BarWindowStatistics.Compute(Latest(Btc, Interval.Parse(names[i]), 50));
            JsonElement row = sut[i];
            row.GetProperty("interval").GetString().ShouldBe(names[i]);
            row.GetProperty("bars").GetInt32().ShouldBe(expected.Count);
            row.GetProperty("last").GetDouble().ShouldBe(expected.LastPrice);
            row.GetProperty("mean").GetDouble().ShouldBe(expected.Mean, Tolerance);
            row.GetProperty("std_dev").GetDouble().ShouldBe(expected.StdDev, Tolerance);
            row.GetProperty("min").GetDouble().ShouldBe(expected.Min);
            row.GetProperty("max").GetDouble().ShouldBe(expected.Max);
            row.GetProperty("return").GetDouble().ShouldBe(expected.Return, Tolerance);
            row.GetProperty("volume").GetRawText().ShouldBe(DecimalText.Format(expected.Volume));
            row.GetProperty("trades").GetInt64().ShouldBe(expected.TradeCount);
        }
        sut[2].GetProperty("bars").GetInt32().ShouldBe(3); // only three hours stored
    }

    [Fact]
    public async Task Stats_IntervalWithoutBars_HasZeroBarsAndNulls()
    {
        JsonElement sut = await server.GetJsonAsync("/api/stats?symbol=BTCUSDT&intervals=2h");

        sut[0].GetProperty("bars").GetInt32().ShouldBe(0);
        sut[0].GetProperty("mean").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Stats_Csv_HasHeaderAndFileName()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/stats?symbol=ETHUSDT&intervals=1m,5m");

        fileName.ShouldBe("stats-ETHUSDT-1m_5m.csv");
        body.Split('\n')[0].ShouldBe("interval,bars,last,mean,std_dev,min,max,return,volume,trades");
    }

    [Fact]
    public async Task Correlation_DefaultSymbols_MatchesPearsonOfLogReturns()
    {
        JsonElement sut = await server.GetJsonAsync("/api/correlation?interval=1m&window=100");

        sut.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()).ShouldBe(["BTCUSDT", "ETHUSDT"]);
        sut.GetProperty("interval").GetString().ShouldBe("1m");
        sut.GetProperty("window").GetInt32().ShouldBe(100);
        sut.GetProperty("n").GetInt32().ShouldBe(100);
        double[] a = LogReturns(Latest(Btc, Interval.OneMinute, 100)), b = LogReturns(Latest(Eth, Interval.OneMinute, 100));
        double expected = Correlation.Pearson(a, b);
        JsonElement matrix = sut.GetProperty("matrix");
        matrix[0][0].GetDouble().ShouldBe(1, Tolerance);
        matrix[0][1].GetDouble().ShouldBe(expected, Tolerance);
        matrix[1][0].GetDouble().ShouldBe(expected, Tolerance);
        expected.ShouldBeGreaterThan(0.5); // the simulator correlates the two
    }

    [Fact]
    public async Task Correlation_Csv_IsOneRowPerSymbol()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/correlation?symbols=ETHUSDT,BTCUSDT&interval=5m&window=30");

        fileName.ShouldBe("correlation-5m.csv");
        string[] lines = body.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("symbol,ETHUSDT,BTCUSDT");
        lines[1].ShouldStartWith("ETHUSDT,1,");
        lines.Length.ShouldBe(3);
    }

    [Fact]
    public async Task Indicators_SmaEma_MatchBatchIndicatorsAndCrossesAreConsistent()
    {
        JsonElement sut = await server.GetJsonAsync("/api/indicators?symbol=BTCUSDT&interval=1m&sma=5,20&ema=12&limit=60");

        Bar[] bars = Latest(Btc, Interval.OneMinute, 60 + 20);
        double[] closes = [.. bars.Select(b => b.Close.ToDouble())];
        double[] sma5 = Sma.Batch(closes, 5), sma20 = Sma.Batch(closes, 20), ema12 = Ema.Batch(closes, 12);
        sut.GetProperty("open_times").GetArrayLength().ShouldBe(60);
        sut.GetProperty("open_times")[0].GetInt64().ShouldBe(bars[20].OpenTimeMs);
        for (int i = 0; i < 60; i++)
        {
            sut.GetProperty("sma").GetProperty("5")[i].GetDouble().ShouldBe(sma5[20 + i], Tolerance);
            sut.GetProperty("sma").GetProperty("20")[i].GetDouble().ShouldBe(sma20[20 + i], Tolerance);
            sut.GetProperty("ema").GetProperty("12")[i].GetDouble().ShouldBe(ema12[20 + i], Tolerance);
        }
        int expectedCrosses = 0;
        for (int i = 21; i < bars.Length; i++)
        {
            if (Math.Sign(sma5[i] - sma20[i]) != Math.Sign(sma5[i - 1] - sma20[i - 1]) && sma5[i] != sma20[i]) expectedCrosses++;
        }
        JsonElement crosses = sut.GetProperty("crosses");
        crosses.GetArrayLength().ShouldBe(expectedCrosses);
        foreach (JsonElement cross in crosses.EnumerateArray())
        {
            int index = Array.FindIndex(bars, b => b.OpenTimeMs == cross.GetProperty("time").GetInt64());
            bool up = cross.GetProperty("direction").GetString() == "up";
            (sma5[index] > sma20[index]).ShouldBe(up);
            cross.GetProperty("price").GetRawText().ShouldBe(bars[index].Close.ToString());
        }
        foreach (JsonElement level in sut.GetProperty("levels").EnumerateArray())
        {
            level.GetProperty("kind").GetString().ShouldBeOneOf("support", "resistance");
            level.GetProperty("touches").GetInt32().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Indicators_Csv_HasOneColumnPerLine()
    {
        var (body, fileName) = await server.GetCsvAsync("/api/indicators?symbol=BTCUSDT&interval=5m&sma=3&ema=4,8&limit=10");

        fileName.ShouldBe("indicators-BTCUSDT-5m.csv");
        string[] lines = body.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("open_time,sma_3,ema_4,ema_8");
        lines.Length.ShouldBe(11);
    }

    [Theory]
    [InlineData("/api/stats?symbol=BTCUSDT&intervals=1m,nope", 400)]
    [InlineData("/api/stats?symbol=BTCUSDT&window=0", 400)]
    [InlineData("/api/stats?symbol=ZZZ", 404)]
    [InlineData("/api/stats", 400)]
    [InlineData("/api/correlation?symbols=BTCUSDT,NOPE", 404)]
    [InlineData("/api/correlation?symbols=BTCUSDT,BTCUSDT", 400)]
    [InlineData("/api/correlation?window=2", 400)]
    [InlineData("/api/correlation?interval=0m", 400)]
    [InlineData("/api/indicators?symbol=BTCUSDT&sma=0", 400)]
    [InlineData("/api/indicators?symbol=BTCUSDT&ema=5,x", 400)]
    [InlineData("/api/indicators?symbol=BTCUSDT&sma=1001", 400)]
    [InlineData("/api/indicators?symbol=BTCUSDT&limit=100001", 400)]
    [InlineData("/api/indicators?symbol=QQQ", 404)]
    public async Task Analytics_BadInput_IsAProblem(string path, int status)
    {
        await server.GetProblemAsync(path, status);
    }

    private static double[] LogReturns(Bar[] bars)
    {
        var returns = new double[bars.Length - 1];
        for (int i = 1; i < bars.Length; i++) returns[i - 1] = Math.Log(bars[i].Close.ToDouble() / bars[i - 1].Close.ToDouble());
        return returns;
    }
}
