using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Tests.Ingest;

public class BarQualityTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private const long Open = 1_723_075_200_000; // 2024-08-08T00:00:00Z

    [Fact]
    public void ToRecord_GapBar_WritesTheContractKindKeyTimeAndJson()
    {
        var sut = new BarQuality(Btc, Interval.OneMinute, Open, RepairedTrades: 3, MissingTrades: 5);

        StoredRecord record = sut.ToRecord();

        record.Kind.ShouldBe("bar_quality");
        record.Key.ShouldBe("BTCUSDT:1m:1723075200000");
        record.TimeMs.ShouldBe(Open);
        record.Json.ShouldBe("""{"symbol":"BTCUSDT","interval":"1m","open_time":1723075200000,"quality":"gap","repaired_trades":3,"missing_trades":5}""");
    }

    [Theory]
    [InlineData(4, 0, "repaired")]
    [InlineData(0, 2, "gap")]
    [InlineData(9, 1, "gap")]
    public void Quality_Counts_GapWinsOverRepaired(long repaired, long missing, string expected)
    {
        var sut = new BarQuality(Btc, Interval.OneHour, Open, repaired, missing);

        sut.Quality.ShouldBe(expected);
    }

    [Fact]
    public void TryParse_WrittenRecord_RoundTrips()
    {
        var sut = new BarQuality(Btc, Interval.Parse("5m"), Open, 1234, 0);

        BarQuality.TryParse(sut.ToRecord(), out BarQuality parsed).ShouldBeTrue();

        parsed.ShouldBe(sut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":1")] // truncated
    [InlineData("[1,2,3]")]
    [InlineData("{\"interval\":\"1m\",\"open_time\":1,\"repaired_trades\":1,\"missing_trades\":0}")] // no symbol
    [InlineData("{\"symbol\":\"BTCUSDT\",\"open_time\":1,\"repaired_trades\":1,\"missing_trades\":0}")] // no interval
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"repaired_trades\":1,\"missing_trades\":0}")] // no open time
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":1,\"missing_trades\":0}")] // no repaired count
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":\"1\",\"repaired_trades\":1,\"missing_trades\":0}")] // string time
    [InlineData("{\"symbol\":7,\"interval\":\"1m\",\"open_time\":1,\"repaired_trades\":1,\"missing_trades\":0}")] // number symbol
    [InlineData("{\"symbol\":\"BTC-USDT\",\"interval\":\"1m\",\"open_time\":1,\"repaired_trades\":1,\"missing_trades\":0}")] // bad symbol
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"7x\",\"open_time\":1,\"repaired_trades\":1,\"missing_trades\":0}")] // bad interval
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":1,\"repaired_trades\":-1,\"missing_trades\":0}")] // negative
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":1,\"repaired_trades\":1.5,\"missing_trades\":0}")] // fraction
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":1e300,\"repaired_trades\":1,\"missing_trades\":0}")] // absurd
    [InlineData("{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"open_time\":99999999999999999999,\"repaired_trades\":1,\"missing_trades\":0}")] // over long
    public void TryParse_BadJson_ReturnsFalse(string json)
    {
        BarQuality.TryParse(new StoredRecord(BarQuality.Kind, "k", 0, json), out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_AnotherKind_ReturnsFalse()
    {
        StoredRecord record = new BarQuality(Btc, Interval.OneMinute, Open, 1, 0).ToRecord() with { Kind = "alert_rule" };

        BarQuality.TryParse(record, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_HugeAndDeeplyNestedInput_ReturnsFalseWithoutThrowing()
    {
        string huge = "{\"symbol\":\"" + new string('A', 1 << 20) + "\",\"interval\":\"1m\",\"open_time\":1,\"repaired_trades\":1,\"missing_trades\":0}";
        string deep = new string('[', 10_000) + new string(']', 10_000);

        BarQuality.TryParse(new StoredRecord(BarQuality.Kind, "k", 0, huge), out _).ShouldBeFalse();
        BarQuality.TryParse(new StoredRecord(BarQuality.Kind, "k", 0, deep), out _).ShouldBeFalse();
    }

    [Fact]
    public void Merge_TwoViewsOfOneBar_KeepsTheLargerOfEachCount()
    {
        var sut = new BarQuality(Btc, Interval.OneMinute, Open, 10, 0);

        BarQuality merged = sut.Merge(sut with { RepairedTrades = 4, MissingTrades = 7 });

        merged.ShouldBe(sut with { RepairedTrades = 10, MissingTrades = 7 });
        merged.Merge(merged).ShouldBe(merged);
    }
}
