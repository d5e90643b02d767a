using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Ingest;

/// <summary>Bars stay a function of the stored trades, however the trades arrive, against a real SQLite file.</summary>
public sealed class SymbolBarWriterTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Interval[] Intervals = [Interval.OneSecond, Interval.OneMinute, Interval.OneHour, Interval.OneDay];
    private const long Start = 1_723_161_255_000; // 2024-08-08T23:54:15Z
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Add_WholeStream_EqualsBarsOfItsPieces_InAnyOrder()
    {
        Trade[] trades = Trades(firstId: 100, count: 3_000, stepMs: 700);
        Bar[] whole = Build("whole.db", trades);

        Bar[] reversed = Build("reversed.db", trades[1_800..], trades[..1_900]);
        Bar[] repeated = Build("repeated.db", trades, trades[500..2_500], trades);

        reversed.ShouldBe(whole);
        repeated.ShouldBe(whole);
    }

    [Fact]
    public void Finish_QuietGapBetweenImports_IsJoinedByFlatBarsWhateverTheOrder()
    {
        Trade[] before = Trades(firstId: 1, count: 10, stepMs: 100);
        Trade[] after = Trades(firstId: 50, count: 10, stepMs: 100, startMs: Start + 120_000);

        Bar[] forward = Build("forward.db", before, after);
        Bar[] backward = Build("backward.db", after, before);

        backward.ShouldBe(forward);
        Bar[] minutes = Only(forward, Interval.OneMinute);
        minutes.Select(b => b.OpenTimeMs).ShouldBe([Start - 15_000, Start + 45_000, Start + 105_000]);
        minutes[1].TradeCount.ShouldBe(0);
        minutes[1].Open.ShouldBe(before[^1].Price);
    }

    [Fact]
    public void Add_SilenceLongerThanADay_StartsAfreshWithoutFlatBars()
    {
        Trade[] first = Trades(firstId: 1, count: 5, stepMs: 100);
        Trade[] later = Trades(firstId: 6, count: 5, stepMs: 100, startMs: Start + 3 * 86_400_000L);

        Bar[] bars = Build("silence.db", [.. first, .. later]);

        Only(bars, Interval.OneSecond).Length.ShouldBeLessThan(10);
        Only(bars, Interval.OneDay).Length.ShouldBe(2);
        bars.Sum(b => b.Interval == Interval.OneDay ? b.TradeCount : 0).ShouldBe(10);
    }

    /// <summary>Feeds each part as a separate import would (store first, then bars), then reads all bars back.</summary>
    private Bar[] Build(string dbName, params Trade[][] parts)
    {
        using ITickStore store = TickStores.OpenSqlite(_temp.File(dbName));
        foreach (Trade[] part in parts)
        {
            store.AppendTrades(part);
            var sut = new SymbolBarWriter(store, Btc, Intervals);
            sut.Add(part);
            sut.Finish();
        }
        return [.. Intervals.SelectMany(i => store.ReadBars(Btc, i, TimeRange.All))];
    }

    private static Bar[] Only(Bar[] bars, Interval interval) => [.. bars.Where(b => b.Interval == interval)];

    private static Trade[] Trades(long firstId, int count, long stepMs, long startMs = Start)
    {
        var trades = new Trade[count];
        for (int i = 0; i < count; i++)
        {
            trades[i] = new Trade(Btc, firstId + i, new Price(6_000_000_000_000 + (i * 7919 % 1000) * 1_000_000), new Quantity(1_000_000 + i % 13 * 100_000),
                startMs + i * stepMs, i % 3 == 0 ? AggressorSide.Seller : AggressorSide.Buyer);
        }
        return trades;
    }
}
