using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Ingest;

/// <summary><see cref="BarQualityTracker"/> against a real SQLite store, fed trades and a gap log by hand.</summary>
public sealed class BarQualityTrackerTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");
    private const long Start = 1_723_075_200_000; // 2024-08-08T00:00:00Z, a day boundary
    private const long Minute = 60_000;
    private static readonly Interval[] Intervals = [Interval.OneMinute, Interval.Parse("5m")];
    private readonly TempDirectory _temp = new();
    private readonly ITickStore _store;
    private readonly GapLog _log = new();

    public BarQualityTrackerTests() => _store = TickStores.OpenSqlite(_temp.File("quality.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void OnTrade_NoGaps_WritesNothing()
    {
        var sut = Tracker();

        Feed(sut, (1, 0), (2, Minute), (3, 7 * Minute));
        sut.Flush();

        Records().ShouldBeEmpty();
        sut.RecordsWritten.ShouldBe(0);
    }

    [Fact]
    public void OnTrade_RepairedRange_FlagsTheBarsHoldingTheRepairedTrades()
    {
        var sut = Tracker();
        Feed(sut, (1, 0), (2, 10_000));
        _log.Add(TradeGapKind.Repaired, 3, 6);

        Feed(sut, (3, 20_000), (4, 30_000), (5, Minute + 1_000), (6, Minute + 2_000), (7, 2 * Minute));
        var beforeFlush = Records();
        sut.Flush();

        beforeFlush.ShouldBe([Quality(Interval.OneMinute, 0, 2, 0), Quality(Interval.OneMinute, Minute, 2, 0)]); // closed by later trades
        Records().ShouldBe([Quality(Interval.OneMinute, 0, 2, 0), Quality(Interval.OneMinute, Minute, 2, 0), Quality(Interval.Parse("5m"), 0, 4, 0)]);
    }

    [Fact]
    public void OnTrade_MissingRange_FlagsEveryBarFromTheTradeBeforeToTheTradeAfter()
    {
        var sut = Tracker();
        Feed(sut, (1, 30_000));
        _log.Add(TradeGapKind.Missing, 2, 5);

        Feed(sut, (6, 3 * Minute + 5_000), (7, 8 * Minute));
        sut.Flush();

        Records().ShouldBe([
            Quality(Interval.OneMinute, 0, 0, 4), Quality(Interval.OneMinute, Minute, 0, 4), Quality(Interval.OneMinute, 2 * Minute, 0, 4),
            Quality(Interval.OneMinute, 3 * Minute, 0, 4), Quality(Interval.Parse("5m"), 0, 0, 4)]);
        Records().ShouldAllBe(q => q.Quality == "gap");
    }

    [Fact]
    public void OnTrade_RepairedAndMissingInOneBar_IsAGapWithBothCounts()
    {
        var sut = Tracker();
        Feed(sut, (1, 1_000));
        _log.Add(TradeGapKind.Repaired, 2, 3);
        _log.Add(TradeGapKind.Missing, 4, 4);
        _log.Add(TradeGapKind.Repaired, 5, 5);

        Feed(sut, (2, 2_000), (3, 3_000), (5, 4_000), (6, 5_000));
        sut.Flush();

        Records().ShouldBe([Quality(Interval.OneMinute, 0, 3, 1), Quality(Interval.Parse("5m"), 0, 3, 1)]);
    }

    [Fact]
    public void OnBarClosed_FlaggedBar_WritesItWithoutWaitingForTheNextTrade()
    {
        var next = new CountingObserver();
        var sut = Tracker(next);
        _log.Add(TradeGapKind.Repaired, 1, 1);
        Feed(sut, (1, 1_000));

        sut.OnBarClosed(new Bar(Btc, Interval.OneMinute, Start, Price.Parse("1"), Price.Parse("1"), Price.Parse("1"), Price.Parse("1"), 1m, 1m, 1, 0m, 0m));

        Records().ShouldBe([Quality(Interval.OneMinute, 0, 1, 0)]);
        next.Trades.ShouldBe(1);
        next.Bars.ShouldBe(1);
    }

    [Fact]
    public void Flush_Twice_WritesTheSameCountsNotDoubled()
    {
        var sut = Tracker();
        _log.Add(TradeGapKind.Repaired, 1, 2);
        Feed(sut, (1, 1_000), (2, 2_000));

        sut.Flush();
        sut.Flush();
        Feed(sut, (3, 3_000));
        sut.Flush();

        Records().ShouldBe([Quality(Interval.OneMinute, 0, 2, 0), Quality(Interval.Parse("5m"), 0, 2, 0)]);
    }

    [Fact]
    public void OnTrade_GapOverTwoDays_FlagsOnlyTheEndsOfIntervalsWithTooManyBarsBetween()
    {
        var sut = Tracker();
        Feed(sut, (1, 0));
        _log.Add(TradeGapKind.Missing, 2, 2);

        Feed(sut, (3, 2 * 1440 * Minute));
        sut.Flush();

        var records = Records();
        records.Count(q => q.Interval == Interval.OneMinute).ShouldBe(2); // 2,879 minutes between: more than the cap
        records.Count(q => q.Interval == Interval.Parse("5m")).ShouldBe(577); // 575 between, under the cap, and both ends
    }

    [Fact]
    public void OnTrade_SymbolWithoutGapLog_FlagsNothingAndForwards()
    {
        var next = new CountingObserver();
        var sut = new BarQualityTracker(_store, Intervals, symbol => symbol == Btc ? _log : null, next);
        _log.Add(TradeGapKind.Repaired, 1, 1);

        sut.OnTrade(new Trade(Eth, 1, Price.Parse("2"), Quantity.Parse("1"), Start, AggressorSide.Buyer));
        sut.OnQuote(new Quote(Eth, 1, Price.Parse("1"), Quantity.Parse("1"), Price.Parse("2"), Quantity.Parse("1"), Start));
        sut.Flush();

        Records().ShouldBeEmpty();
        next.Trades.ShouldBe(1);
        next.Quotes.ShouldBe(1);
    }

    [Fact]
    public void Flush_StoreHoldsAFlagFromAnEarlierRun_MergesByTheLargerCount()
    {
        _store.PutRecords([new BarQuality(Btc, Interval.OneMinute, Start, 50, 0).ToRecord()]);
        var sut = Tracker();
        _log.Add(TradeGapKind.Missing, 1, 3);
        Feed(sut, (4, 1_000));

        sut.Flush();

        Records().ShouldContain(Quality(Interval.OneMinute, 0, 50, 3));
    }

    private BarQualityTracker Tracker(IMarketObserver? next = null) => new(_store, Intervals, symbol => symbol == Btc ? _log : null, next);

    private static void Feed(BarQualityTracker sut, params (long Id, long OffsetMs)[] trades)
    {
        foreach (var (id, offset) in trades)
            sut.OnTrade(new Trade(Btc, id, Price.Parse("60000"), Quantity.Parse("0.1"), Start + offset, AggressorSide.Buyer));
    }

    private static BarQuality Quality(Interval interval, long offsetMs, long repaired, long missing) => new(Btc, interval, Start + offsetMs, repaired, missing);

    private List<BarQuality> Records()
    {
        var parsed = new List<BarQuality>();
        foreach (StoredRecord record in _store.ReadRecords(BarQuality.Kind, TimeRange.All))
        {
            BarQuality.TryParse(record, out BarQuality quality).ShouldBeTrue(record.Json);
            parsed.Add(quality);
        }
        return parsed.OrderBy(q => q.Interval).ThenBy(q => q.OpenTimeMs).ToList();
    }

    private sealed class GapLog : ITradeGapLog
    {
        private readonly Queue<TradeGap> _gaps = new();

        public void Add(TradeGapKind kind, long fromId, long toId) => _gaps.Enqueue(new TradeGap(kind, fromId, toId));

        public bool TryTakeGap(out TradeGap gap) => _gaps.TryDequeue(out gap);
    }

    private sealed class CountingObserver : IMarketObserver
    {
        public int Trades, Quotes, Bars;
        public void OnTrade(in Trade trade) => Trades++;
        public void OnQuote(in Quote quote) => Quotes++;
        public void OnBarClosed(in Bar bar) => Bars++;
    }
}
