using Tickwise.Core.Market;

namespace Tickwise.Storage.Tests;

// IRecordStore: application records on both stores.
public abstract partial class TickStoreContractTests
{
    [Fact]
    public void PutRecords_ThenGetRecord_ReturnsExactDocument()
    {
        using ITickStore sut = OpenStore();
        var rule = new StoredRecord("alert_rule", "r-1", 1_723_075_200_000, """{"type":"price_above","threshold":"61837.63","note":"é \u00e9 \" \\"}""");

        sut.PutRecords([rule]);

        sut.GetRecord("alert_rule", "r-1").ShouldBe(rule);
        sut.GetRecord("alert_rule", "r-2").ShouldBeNull();
        sut.GetRecord("order", "r-1").ShouldBeNull();
    }

    [Fact]
    public void PutRecords_SameKey_ReplacesDocumentAndTime()
    {
        using ITickStore sut = OpenStore();
        sut.PutRecords([new StoredRecord("order", "o-1", 10, """{"status":"new"}""")]);

        sut.PutRecords([new StoredRecord("order", "o-1", 20, """{"status":"filled"}""")]);

        sut.GetRecord("order", "o-1").ShouldBe(new StoredRecord("order", "o-1", 20, """{"status":"filled"}"""));
        sut.ReadRecords("order", TimeRange.All).Count.ShouldBe(1);
    }

    [Fact]
    public void ReadRecords_ByKindAndTime_OrderedAndLimited()
    {
        using ITickStore sut = OpenStore();
        sut.PutRecords(
        [
            new StoredRecord("alert_event", "e-3", 300, "{}"),
            new StoredRecord("alert_event", "e-1", 100, "{}"),
            new StoredRecord("alert_event", "e-2b", 200, "{}"),
            new StoredRecord("alert_event", "e-2a", 200, "{}"),
            new StoredRecord("signal", "s-1", 150, "{}"),
        ]);

        Keys(sut.ReadRecords("alert_event", TimeRange.All)).ShouldBe(["e-1", "e-2a", "e-2b", "e-3"]);
        Keys(sut.ReadRecords("alert_event", new TimeRange(100, 300))).ShouldBe(["e-1", "e-2a", "e-2b"]);
        Keys(sut.ReadRecords("alert_event", TimeRange.All, limit: 2, newestFirst: true)).ShouldBe(["e-3", "e-2b"]);
        Keys(sut.ReadRecords("alert_event", TimeRange.All, limit: 0)).ShouldBeEmpty();
        Keys(sut.ReadRecords("signal", TimeRange.All)).ShouldBe(["s-1"]);
        Keys(sut.ReadRecords("nothing", TimeRange.All)).ShouldBeEmpty();
    }

    [Fact]
    public void DeleteRecord_Existing_RemovesOnlyThatRecord()
    {
        using ITickStore sut = OpenStore();
        sut.PutRecords([new StoredRecord("alert_rule", "a", 1, "{}"), new StoredRecord("alert_rule", "b", 2, "{}")]);

        sut.DeleteRecord("alert_rule", "a").ShouldBeTrue();
        sut.DeleteRecord("alert_rule", "a").ShouldBeFalse();

        Keys(sut.ReadRecords("alert_rule", TimeRange.All)).ShouldBe(["b"]);
    }

    [Fact]
    public void PutRecords_SurviveReopening()
    {
        using (ITickStore first = OpenStore()) first.PutRecords([new StoredRecord("position", "BTCUSDT", 5, """{"qty":"1.5"}""")]);

        using ITickStore sut = OpenStore();

        sut.GetRecord("position", "BTCUSDT").ShouldBe(new StoredRecord("position", "BTCUSDT", 5, """{"qty":"1.5"}"""));
    }

    [Theory]
    [InlineData("", "k", "{}")]
    [InlineData("kind", "", "{}")]
    [InlineData("kind", "k", "")]
    public void PutRecords_InvalidRecord_ThrowsAndWritesNothing(string kind, string key, string json)
    {
        using ITickStore sut = OpenStore();

        Should.Throw<ArgumentException>(() => sut.PutRecords([new StoredRecord("ok", "1", 1, "{}"), new StoredRecord(kind, key, 1, json)]));

        sut.GetRecord("ok", "1").ShouldBeNull();
    }

    [Fact]
    public void PutRecords_JsonOverLimit_Throws()
    {
        using ITickStore sut = OpenStore();
        string huge = new('x', StoredRecord.MaxJsonLength + 1);

        Should.Throw<ArgumentException>(() => sut.PutRecords([new StoredRecord("backtest", "b", 1, huge)]))
            .Message.ShouldContain("JSON must have 1 to");
    }

    [Fact]
    public void PutRecords_LargestAllowedJson_RoundTrips()
    {
        using ITickStore sut = OpenStore();
        string json = "\"" + new string('y', StoredRecord.MaxJsonLength - 2) + "\"";

        sut.PutRecords([new StoredRecord("backtest", "b", 1, json)]);

        sut.GetRecord("backtest", "b")!.Value.Json.ShouldBe(json);
    }

    private static string[] Keys(IReadOnlyList<StoredRecord> records)
    {
        var keys = new string[records.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = records[i].Key;
        return keys;
    }
}
