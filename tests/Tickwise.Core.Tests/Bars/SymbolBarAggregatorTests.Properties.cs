using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

// Properties over seeded random trade streams with gaps, bursts and late trades.
public partial class SymbolBarAggregatorTests
{
    public static TheoryData<int, string> RandomCases => new()
    {
        { 1, "1s 5s 15s 1m 5m" },
        { 2, "1s 5s 15s 1m 5m" },
        { 3, "10s 15s 1m" },   // base 5s, not configured
        { 4, "1m 3m 1h 4h" },
        { 5, "1s 5s 10s 15s 30s 1m 3m 5m 15m 30m 1h 4h 1d" },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Add_RandomStream_IncrementalEqualsBatchReference(int seed, string intervalNames)
    {
        Interval[] intervals = ParseIntervals(intervalNames);
        List<CsvTrade> trades = RandomTrades.Generate(seed, 30_000);
        var sut = new SymbolBarAggregator(Btc, intervals);

        foreach (CsvTrade trade in trades) sut.Add(trade.ToTrade(Btc));

        (List<CsvTrade> applied, long late) = RandomTrades.ApplyLateRule(trades, sut.BaseInterval);
        late.ShouldBeGreaterThan(0);
        sut.LateTrades.ShouldBe(late);
        sut.TradesApplied.ShouldBe(applied.Count);
        List<Bar>[] expected = [.. intervals.Select(i => NaiveBars.FromTrades(Btc, applied, i))];
        sut.Completed.ToArray().ShouldBe(NaiveBars.InEmissionOrder(expected.SelectMany(bars => bars.SkipLast(1))));
        OpenBars(sut).ShouldBe(expected.Select(bars => bars[^1]));
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Add_RandomStream_EveryIntervalContiguousAlignedAndConserving(int seed, string intervalNames)
    {
        Interval[] intervals = ParseIntervals(intervalNames);
        List<CsvTrade> trades = RandomTrades.Generate(seed, 30_000);
        var sut = new SymbolBarAggregator(Btc, intervals);

        foreach (CsvTrade trade in trades) sut.Add(trade.ToTrade(Btc));

        List<CsvTrade> applied = RandomTrades.ApplyLateRule(trades, sut.BaseInterval).Applied;
        Bar[] all = [.. sut.Completed.ToArray(), .. OpenBars(sut)];
        foreach (Interval interval in intervals)
        {
            Bar[] series = [.. all.Where(b => b.Interval == interval)];
            series[0].OpenTimeMs.ShouldBe(interval.FloorMs(trades[0].TimestampMs));
            for (int i = 0; i < series.Length; i++)
            {
                Bar bar = series[i];
                (bar.OpenTimeMs % interval.Milliseconds).ShouldBe(0);
                bar.Low.ShouldBeLessThanOrEqualTo(bar.Open);
                bar.Low.ShouldBeLessThanOrEqualTo(bar.Close);
                bar.High.ShouldBeGreaterThanOrEqualTo(bar.Open);
                bar.High.ShouldBeGreaterThanOrEqualTo(bar.Close);
                if (i == 0) continue;
                bar.OpenTimeMs.ShouldBe(series[i - 1].OpenTimeMs + interval.Milliseconds);
                if (bar.TradeCount == 0) bar.ShouldBe(Bar.Flat(Btc, interval, bar.OpenTimeMs, series[i - 1].Close));
            }
            series.Sum(b => b.Volume).ShouldBe(applied.Sum(t => t.Quantity));
            series.Sum(b => b.QuoteVolume).ShouldBe(applied.Sum(t => t.Price * t.Quantity));
            series.Sum(b => b.TradeCount).ShouldBe(applied.Sum(t => (long)t.Count));
            series.Sum(b => b.TakerBuyVolume).ShouldBe(applied.Where(t => t.BuyerIsAggressor).Sum(t => t.Quantity));
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Add_RandomStream_EmitsByCloseTimeThenInterval(int seed, string intervalNames)
    {
        var sut = new SymbolBarAggregator(Btc, ParseIntervals(intervalNames));

        foreach (CsvTrade trade in RandomTrades.Generate(seed, 30_000)) sut.Add(trade.ToTrade(Btc));

        Bar[] bars = sut.Completed.ToArray();
        bars.Length.ShouldBeGreaterThan(100);
        for (int i = 1; i < bars.Length; i++)
        {
            (long Close, long Length) previous = (bars[i - 1].OpenTimeMs + bars[i - 1].Interval.Milliseconds, bars[i - 1].Interval.Milliseconds);
            (long Close, long Length) current = (bars[i].OpenTimeMs + bars[i].Interval.Milliseconds, bars[i].Interval.Milliseconds);
            (current.Close > previous.Close || (current.Close == previous.Close && current.Length > previous.Length)).ShouldBeTrue($"bar {i}");
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Add_RandomStream_CoarseBarsEqualResampleOfFinestBars(int seed, string intervalNames)
    {
        Interval[] intervals = ParseIntervals(intervalNames);
        var sut = new SymbolBarAggregator(Btc, intervals);
        foreach (CsvTrade trade in RandomTrades.Generate(seed, 30_000)) sut.Add(trade.ToTrade(Btc));
        Interval finest = intervals.Min();
        Interval[] multiples = [.. intervals.Where(i => i != finest && i.Milliseconds % finest.Milliseconds == 0)];
        var resampler = new BarResampler(Btc, finest, multiples);

        foreach (Bar bar in sut.Completed) if (bar.Interval == finest) resampler.Add(bar);

        resampler.Completed.ToArray().ShouldBe(sut.Completed.ToArray().Where(b => multiples.Contains(b.Interval)));
        resampler.LateBars.ShouldBe(0);
    }

    [Fact]
    public void Add_SameStreamTwice_SameBars()
    {
        List<CsvTrade> trades = RandomTrades.Generate(9, 20_000);
        var first = new SymbolBarAggregator(Btc, Interval.Standard);
        var second = new SymbolBarAggregator(Btc, Interval.Standard);

        foreach (CsvTrade trade in trades) first.Add(trade.ToTrade(Btc));
        foreach (CsvTrade trade in trades) second.Add(trade.ToTrade(Btc));

        second.Completed.ToArray().ShouldBe(first.Completed.ToArray());
        OpenBars(second).ShouldBe(OpenBars(first));
    }

    [Fact]
    public void AdvanceTo_EachTradesOwnTimeBeforeAddingIt_ChangesNothing()
    {
        List<CsvTrade> trades = RandomTrades.Generate(11, 20_000, lateShare: 0);
        var plain = new SymbolBarAggregator(Btc, Interval.Standard);
        var sut = new SymbolBarAggregator(Btc, Interval.Standard);

        foreach (CsvTrade trade in trades) plain.Add(trade.ToTrade(Btc));
        foreach (CsvTrade trade in trades)
        {
            sut.AdvanceTo(trade.TimestampMs);
            sut.Add(trade.ToTrade(Btc));
        }

        sut.Completed.ToArray().ShouldBe(plain.Completed.ToArray());
        OpenBars(sut).ShouldBe(OpenBars(plain));
    }

    [Fact]
    public void ClearCompleted_Midstream_ConcatenatedBatchesEqualOneRun()
    {
        List<CsvTrade> trades = RandomTrades.Generate(13, 20_000);
        var whole = new SymbolBarAggregator(Btc, Interval.Standard);
        var sut = new SymbolBarAggregator(Btc, Interval.Standard);
        var collected = new List<Bar>();

        foreach (CsvTrade trade in trades) whole.Add(trade.ToTrade(Btc));
        for (int i = 0; i < trades.Count; i++)
        {
            sut.Add(trades[i].ToTrade(Btc));
            if (i % 97 == 0)
            {
                collected.AddRange(sut.Completed.ToArray());
                sut.ClearCompleted();
            }
        }
        collected.AddRange(sut.Completed.ToArray());

        collected.ShouldBe(whole.Completed.ToArray());
    }

    private static Interval[] ParseIntervals(string names) => [.. names.Split(' ').Select(Interval.Parse)];
}
