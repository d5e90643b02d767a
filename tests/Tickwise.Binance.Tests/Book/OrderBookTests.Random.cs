using Tickwise.Binance.Book;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;
using static Tickwise.Binance.Tests.Book.Depths;

namespace Tickwise.Binance.Tests.Book;

/// <summary>
/// Model-based checks: a random but gap-free diff stream defines the true book (a plain dictionary per side); the
/// snapshot is the true book at some id, delivered after a few later diffs, as a REST call would be.
/// </summary>
public partial class OrderBookTests
{
    private sealed record DiffStream(List<DepthUpdate> Diffs, List<(SortedDictionary<long, long> Bids, SortedDictionary<long, long> Asks)> States);

    private static DiffStream RandomStream(int seed, int count)
    {
        var rng = new Random(seed);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        var diffs = new List<DepthUpdate>();
        var states = new List<(SortedDictionary<long, long>, SortedDictionary<long, long>)>();
        long next = 1;
        for (int i = 0; i < count; i++)
        {
            long first = next, final = next + rng.Next(0, 4);
            next = final + 1;
            string[] bidLevels = Levels(rng, 1, 100, bids), askLevels = Levels(rng, 101, 200, asks);
            diffs.Add(Diff(first, final, bidLevels, askLevels));
            states.Add((new SortedDictionary<long, long>(bids), new SortedDictionary<long, long>(asks)));
        }
        return new DiffStream(diffs, states);
    }

    private static string[] Levels(Random rng, int low, int high, SortedDictionary<long, long> side)
    {
        var levels = new string[rng.Next(1, 6)];
        for (int i = 0; i < levels.Length; i++)
        {
            int price = rng.Next(low, high + 1), quantity = rng.Next(0, 4);
            levels[i] = $"{price}:{quantity}";
            if (quantity == 0) side.Remove(price * FixedPoint.One);
            else side[price * FixedPoint.One] = quantity * FixedPoint.One;
        }
        return levels;
    }

    private static DepthUpdate SnapshotOf(long lastUpdateId, (SortedDictionary<long, long> Bids, SortedDictionary<long, long> Asks) state) =>
        Snapshot(lastUpdateId,
            [.. state.Bids.Reverse().Select(p => $"{new Price(p.Key)}:{new Quantity(p.Value)}")],
            [.. state.Asks.Select(p => $"{new Price(p.Key)}:{new Quantity(p.Value)}")]);

    private static void ShouldEqual(OrderBook book, (SortedDictionary<long, long> Bids, SortedDictionary<long, long> Asks) state)
    {
        Top(book, bids: true, n: 1_000).ShouldBe([.. state.Bids.Reverse().Select(p => new BookLevel(new Price(p.Key), new Quantity(p.Value)))]);
        Top(book, bids: false, n: 1_000).ShouldBe([.. state.Asks.Select(p => new BookLevel(new Price(p.Key), new Quantity(p.Value)))]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Apply_RandomGapFreeStreamWithLateSnapshot_EndsEqualToTheTrueBook(int seed)
    {
        DiffStream stream = RandomStream(seed, 400);
        var rng = new Random(seed + 100);
        int taken = rng.Next(0, 200), delivered = taken + rng.Next(0, 6);
        var sut = new OrderBook(Btc);

        for (int i = 0; i < stream.Diffs.Count; i++)
        {
            sut.Apply(stream.Diffs[i]);
            if (i == delivered) sut.Apply(SnapshotOf(stream.Diffs[taken].FinalUpdateId, stream.States[taken])).ShouldBe(BookUpdateResult.SnapshotApplied);
        }

        sut.IsSynchronized.ShouldBeTrue();
        sut.LastUpdateId.ShouldBe(stream.Diffs[^1].FinalUpdateId);
        (sut.Gaps, sut.RejectedSnapshots).ShouldBe((0L, 0L));
        sut.StaleDiffs.ShouldBe(taken + 1);
        ShouldEqual(sut, stream.States[^1]);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Apply_RandomStreamLosingOneDiff_StopsAtTheGapWithTheBookBeforeIt(int seed)
    {
        DiffStream stream = RandomStream(seed, 300);
        var rng = new Random(seed + 100);
        int taken = rng.Next(0, 100), lost = taken + 1 + rng.Next(0, 150);
        var sut = new OrderBook(Btc);
        sut.Apply(SnapshotOf(stream.Diffs[taken].FinalUpdateId, stream.States[taken]));

        for (int i = taken + 1; i < stream.Diffs.Count; i++)
        {
            if (i != lost) sut.Apply(stream.Diffs[i]);
        }

        sut.IsSynchronized.ShouldBeFalse();
        (sut.Gaps + sut.RejectedSnapshots).ShouldBe(1); // losing the very first diff after the snapshot leaves it unbridged
        sut.LastUpdateId.ShouldBe(lost == taken + 1 ? stream.Diffs[taken].FinalUpdateId : stream.Diffs[lost - 1].FinalUpdateId);
        ShouldEqual(sut, stream.States[lost - 1]);
        sut.BufferedDiffs.ShouldBe(stream.Diffs.Count - lost - 1);
    }
}
