using Tickwise.Binance.Files;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Sources;
using Tickwise.Tests.Live;

namespace Tickwise.Tests.Sources;

/// <summary>Bar quality flags from a replay, as a live run writes them: bars holding trades of a recorded repair page
/// are "repaired", bars spanning an id jump nothing repaired are "gap".</summary>
public partial class RecordedFrameReplayTests
{
    // aggTrades one second apart from 00:00:00, so that each lands in its own 1s bar.
    private static string LiveAgg(long id) => """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1723161600000,"s":"BTCUSDT","a":""" + id
        + ""","p":"61837.63","q":"0.02","f":1,"l":1,"T":""" + (1_723_161_600_000 + id * 1000) + ""","m":true,"M":true}}""";

    private static string RepairPage(long from, long to) => """{"stream":"btcusdt@aggTradeRepair","data":[""" + string.Join(',', Enumerable.Range((int)from, (int)(to - from + 1))
        .Select(id => $$"""{"a":{{id}},"p":"61837.64","q":"0.01","f":1,"l":1,"T":{{1_723_161_600_000 + id * 1000}},"m":false,"M":true}""")) + "]}";

    [Fact]
    public void Add_RepairPage_FlagsTheBarsOfItsTradesRepaired()
    {
        List<BarQuality> flags = PlayTracked(LiveAgg(1), LiveAgg(2), RepairPage(2, 5), LiveAgg(6), LiveAgg(7));

        // Ids 3..5 came from the page (its 2 is a duplicate): three 1s bars, one repaired trade each; nothing missing.
        flags.Where(f => f.Interval == Interval.OneSecond).Select(f => (f.OpenTimeMs, f.Quality, f.RepairedTrades, f.MissingTrades)).OrderBy(f => f.OpenTimeMs)
            .ShouldBe([(1_723_161_603_000, "repaired", 1L, 0L), (1_723_161_604_000, "repaired", 1L, 0L), (1_723_161_605_000, "repaired", 1L, 0L)]);
        flags.Single(f => f.Interval == Interval.OneMinute).RepairedTrades.ShouldBe(3);
    }

    [Fact]
    public void Add_IdJumpNothingRepaired_FlagsTheBarsSpanningItAsAGap()
    {
        List<BarQuality> flags = PlayTracked(LiveAgg(1), LiveAgg(2), LiveAgg(5), LiveAgg(6));

        // 3 and 4 were never recorded: the bars from the last trade before (00:00:02) to the first after (00:00:05).
        List<BarQuality> seconds = [.. flags.Where(f => f.Interval == Interval.OneSecond).OrderBy(f => f.OpenTimeMs)];
        seconds.Select(f => f.OpenTimeMs).ShouldBe([1_723_161_602_000L, 1_723_161_603_000, 1_723_161_604_000, 1_723_161_605_000]);
        seconds.ShouldAllBe(f => f.Quality == "gap" && f.MissingTrades == 2 && f.RepairedTrades == 0);
    }

    [Fact]
    public void Add_NoGap_FlagsNothing()
    {
        PlayTracked(LiveAgg(1), LiveAgg(2), LiveAgg(3)).ShouldBeEmpty();
    }

    private List<BarQuality> PlayTracked(params string[] payloads)
    {
        string path = _temp.File("tracked.txt");
        File.WriteAllLines(path, payloads.Select((p, i) => $"{T0 + i * 1_000_000L} {p}"));
        var gaps = new ReplayTradeGaps();
        var quality = new BarQualityTracker(_store, [Interval.OneSecond, Interval.OneMinute], gaps.Of);
        var ingest = new MarketEventIngest(_store, [Interval.OneSecond, Interval.OneMinute], quality);
        using var source = new RecordedFrameSource([path], _bad.Add);
        var sut = new RecordedFrameReplay(ingest, source.Files, _bad.Add, _warnings.Add, gaps);
        while (source.MoveNext()) sut.Add(source);
        sut.Finish();
        quality.Flush();
        _bad.ShouldBeEmpty();
        return BinanceSourceTests.QualityFlags(_store);
    }
}
