using System.Text.Json;
using Tickwise.Analytics;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Storage;
using Tickwise.Storage.Sqlite;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Analytics;

public class PairSnapshotPublisherTests
{
    private static readonly Symbol A = new("ETHUSDT"), B = new("BTCUSDT"), Other = new("SOLUSDT");
    private const long Start = 1_723_075_200_000;
    private static readonly PairAnalyticsOptions Options = new() { WindowBars = 60, ZScoreBars = 20 };

    private static Bar Bar(Symbol symbol, Interval interval, int index, double close)
    {
        Price p = Price.Parse(close.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
        return new Bar(symbol, interval, Start + index * interval.Milliseconds, p, p, p, p, 1, 1, 1, 0, 0);
    }

    private static (double A, double B) Closes(int i) => (2000 + 10 * Math.Sin(i / 3.0) + i, 60000 + 200 * Math.Sin(i / 3.0) + 30 * i + 7 * Math.Cos(i));

    [Fact]
    public void OnBarClosed_BothLegs_StoresTheSnapshotsPairAnalyticsComputes()
    {
        using var temp = new TempDirectory();
        using ITickStore store = SqliteTickStore.Open(temp.File("t.db"));
        var sut = new PairSnapshotPublisher(store, [new PairSpec(A, B)], [Interval.OneMinute], Options);
        var reference = new PairAnalytics(A, B, Options);
        var published = new List<PairSnapshot>();
        sut.Published += (snapshot, _) => published.Add(snapshot);
        PairSnapshot? expected = null;

        for (int i = 0; i < 80; i++)
        {
            (double a, double b) = Closes(i);
            sut.OnBarClosed(Bar(A, Interval.OneMinute, i, a));
            sut.OnBarClosed(Bar(Other, Interval.OneMinute, i, 5)); // not a leg: ignored
            sut.OnBarClosed(Bar(B, Interval.Parse("5m"), i, b)); // other interval: ignored
            sut.OnBarClosed(Bar(B, Interval.OneMinute, i, b));
            expected = reference.Update(Start + i * 60_000, Math.Round(a, 2), Math.Round(b, 2));
        }
        sut.Flush();

        sut.Snapshots.ShouldBe(80);
        published.Count.ShouldBe(80);
        published[^1].ZScore.ShouldBe(expected!.ZScore);
        IReadOnlyList<StoredRecord> records = store.ReadRecords(PairSnapshotJson.Kind, TimeRange.All);
        records.Count.ShouldBe(80);
        records[^1].Key.ShouldBe($"ETHUSDT:BTCUSDT:1m:{Start + 79 * 60_000}");
        using JsonDocument last = JsonDocument.Parse(records[^1].Json);
        last.RootElement.GetProperty("zscore").GetDouble().ShouldBe(expected.ZScore);
        last.RootElement.GetProperty("hedge_ratio").GetDouble().ShouldBe(expected.WindowOls.HedgeRatio);
        last.RootElement.GetProperty("adf_stat").GetDouble().ShouldBe(expected.Cointegration.Statistic);
        last.RootElement.GetProperty("ready").GetBoolean().ShouldBeTrue();
        using JsonDocument first = JsonDocument.Parse(records[0].Json);
        first.RootElement.GetProperty("ready").GetBoolean().ShouldBeFalse();
        first.RootElement.GetProperty("zscore").ValueKind.ShouldBe(JsonValueKind.Null); // NaN while warming up
        sut.Latest(A, B, Interval.OneMinute).ShouldBeSameAs(published[^1]);
        sut.Latest(B, A, Interval.OneMinute).ShouldBeNull();
    }

    [Fact]
    public void OnBarClosed_ManySnapshots_WritesInBatchesWithoutAFlush()
    {
        using var temp = new TempDirectory();
        using ITickStore store = SqliteTickStore.Open(temp.File("t.db"));
        var sut = new PairSnapshotPublisher(store, [new PairSpec(A, B)], [Interval.OneMinute], Options);

        for (int i = 0; i < PairSnapshotPublisher.BatchSize + 10; i++)
        {
            (double a, double b) = Closes(i);
            sut.OnBarClosed(Bar(A, Interval.OneMinute, i, a));
            sut.OnBarClosed(Bar(B, Interval.OneMinute, i, b));
        }

        store.ReadRecords(PairSnapshotJson.Kind, TimeRange.All).Count.ShouldBe(PairSnapshotPublisher.BatchSize);
        sut.Flush();
        store.ReadRecords(PairSnapshotJson.Kind, TimeRange.All).Count.ShouldBe(PairSnapshotPublisher.BatchSize + 10);
    }

    [Fact]
    public void Flush_StoreRefusesWrites_ReportsAndCountsWithoutThrowing()
    {
        using var temp = new TempDirectory();
        SqliteTickStore.Open(temp.File("t.db")).Dispose();
        using ITickStore readOnly = SqliteTickStore.Open(temp.File("t.db"), SqliteTickStoreOptions.Default with { ReadOnly = true });
        var errors = new List<string>();
        var sut = new PairSnapshotPublisher(readOnly, [new PairSpec(A, B)], [Interval.OneMinute], Options, errors.Add);
        sut.OnBarClosed(Bar(A, Interval.OneMinute, 0, 1));
        sut.OnBarClosed(Bar(B, Interval.OneMinute, 0, 2));

        sut.Flush();

        sut.WriteFailures.ShouldBe(1);
        errors.ShouldHaveSingleItem().ShouldStartWith("1 pair snapshots not stored:");
    }
}
