using Tickwise.Binance.Book;
using Tickwise.Core.Market;
using static Tickwise.Binance.Tests.Book.Depths;

namespace Tickwise.Binance.Tests.Book;

public partial class OrderBookTests
{
    private readonly OrderBook _sut = new(Btc);

    private static BookLevel[] Top(OrderBook book, bool bids, int n = 10)
    {
        var levels = new BookLevel[n];
        int count = bids ? book.CopyBids(levels) : book.CopyAsks(levels);
        return levels[..count];
    }

    [Fact]
    public void Constructor_EmptySymbol_Throws() => Should.Throw<ArgumentException>(() => new OrderBook(default));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Constructor_LimitBelowOne_Throws(int buffered, int levels) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new OrderBook(Btc, buffered, levels));

    [Fact]
    public void New_NothingApplied_IsUnsynchronizedAndEmpty()
    {
        _sut.IsSynchronized.ShouldBeFalse();
        _sut.LastUpdateId.ShouldBe(-1);
        _sut.TryGetBestBid(out _).ShouldBeFalse();
        _sut.TryGetBestAsk(out _).ShouldBeFalse();
        double.IsNaN(_sut.MidPrice).ShouldBeTrue();
        _sut.TryGetQuote(1, out _).ShouldBeFalse();
    }

    [Fact]
    public void Apply_Null_Throws() => Should.Throw<ArgumentNullException>(() => _sut.Apply(null!));

    [Fact]
    public void Apply_DiffOfAnotherSymbol_Throws() =>
        Should.Throw<ArgumentException>(() => _sut.Apply(Diff(1, 2, symbol: new Symbol("ETHUSDT"))));

    [Fact]
    public void Apply_DiffBeforeSnapshot_IsBuffered()
    {
        _sut.Apply(Diff(5, 7, ["100:1"])).ShouldBe(BookUpdateResult.Buffered);

        _sut.IsSynchronized.ShouldBeFalse();
        _sut.BufferedDiffs.ShouldBe(1);
        _sut.BidLevels.ShouldBe(0);
    }

    [Fact]
    public void Apply_Snapshot_LoadsLevelsBestFirstAndSynchronizes()
    {
        _sut.Apply(Snapshot(10, ["100:1", "99:2", "101:3"], ["103:1", "102:2"])).ShouldBe(BookUpdateResult.SnapshotApplied);

        _sut.IsSynchronized.ShouldBeTrue();
        _sut.LastUpdateId.ShouldBe(10);
        Top(_sut, bids: true).ShouldBe([Level("101:3"), Level("100:1"), Level("99:2")]);
        Top(_sut, bids: false).ShouldBe([Level("102:2"), Level("103:1")]);
        _sut.MidPrice.ShouldBe(101.5);
        _sut.TryGetQuote(42, out Quote quote).ShouldBeTrue();
        quote.ShouldBe(new Quote(Btc, 10, Price.Parse("101"), Quantity.Parse("3"), Price.Parse("102"), Quantity.Parse("2"), 42));
    }

    [Fact]
    public void Apply_SnapshotWithZeroQuantities_SkipsThem()
    {
        _sut.Apply(Snapshot(10, ["100:0", "99:2"], ["102:0"]));

        Top(_sut, bids: true).ShouldBe([Level("99:2")]);
        _sut.AskLevels.ShouldBe(0);
    }

    [Fact]
    public void Apply_BufferedDiffsThenSnapshot_DropsStaleAndBridges()
    {
        _sut.Apply(Diff(1, 5, ["90:1"]));        // u <= L: already in the snapshot
        _sut.Apply(Diff(6, 12, ["100:5"]));      // U <= L+1 <= u: the bridge
        _sut.Apply(Diff(13, 14, ["100:0"], ["102:7"]));

        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"])).ShouldBe(BookUpdateResult.SnapshotApplied);

        _sut.IsSynchronized.ShouldBeTrue();
        _sut.LastUpdateId.ShouldBe(14);
        _sut.StaleDiffs.ShouldBe(1);
        _sut.AppliedDiffs.ShouldBe(2);
        _sut.BufferedDiffs.ShouldBe(0);
        _sut.BidLevels.ShouldBe(0);
        Top(_sut, bids: false).ShouldBe([Level("102:7")]);
    }

    [Fact]
    public void Apply_SnapshotThenBridgingDiffLater_Applies()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));

        _sut.Apply(Diff(9, 10, ["100:9"])).ShouldBe(BookUpdateResult.Stale);
        _sut.Apply(Diff(8, 11, ["100:3"])).ShouldBe(BookUpdateResult.Applied);
        _sut.Apply(Diff(12, 12, ["101:1"])).ShouldBe(BookUpdateResult.Applied);

        Top(_sut, bids: true).ShouldBe([Level("101:1"), Level("100:3")]);
        _sut.LastUpdateId.ShouldBe(12);
    }

    [Fact]
    public void Apply_SnapshotOlderThanBufferedDiffs_IsRejectedAndKeepsTheDiffs()
    {
        _sut.Apply(Diff(20, 25, ["100:5"]));

        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"])).ShouldBe(BookUpdateResult.Desynchronized);

        _sut.IsSynchronized.ShouldBeFalse();
        _sut.RejectedSnapshots.ShouldBe(1);
        _sut.BufferedDiffs.ShouldBe(1);
        _sut.LastProblem!.ShouldContain("older");
        _sut.Apply(Snapshot(22, ["100:4"], ["102:2"])).ShouldBe(BookUpdateResult.SnapshotApplied);
        _sut.IsSynchronized.ShouldBeTrue();
        Top(_sut, bids: true).ShouldBe([Level("100:5")]);
    }

    [Fact]
    public void Apply_SnapshotThenNonBridgingDiff_Desynchronizes()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));

        _sut.Apply(Diff(12, 15)).ShouldBe(BookUpdateResult.Desynchronized);

        _sut.IsSynchronized.ShouldBeFalse();
        _sut.RejectedSnapshots.ShouldBe(1);
        _sut.BufferedDiffs.ShouldBe(1);
    }

    [Fact]
    public void Apply_SpotGap_DesynchronizesCountsAndBuffers()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));
        _sut.Apply(Diff(11, 12, ["100:2"]));

        _sut.Apply(Diff(14, 15, ["100:3"])).ShouldBe(BookUpdateResult.Desynchronized);

        _sut.IsSynchronized.ShouldBeFalse();
        _sut.Gaps.ShouldBe(1);
        _sut.LastProblem!.ShouldContain("13..13");
        _sut.BufferedDiffs.ShouldBe(1);
        _sut.Apply(Diff(16, 16)).ShouldBe(BookUpdateResult.Buffered);
        Top(_sut, bids: true).ShouldBe([Level("100:2")]); // the gap diff was not applied
    }

    [Fact]
    public void Apply_GapThenNewSnapshot_ResynchronizesFromTheBufferedDiffs()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));
        _sut.Apply(Diff(11, 12, ["100:2"]));
        _sut.Apply(Diff(14, 15, ["100:3"]));
        _sut.Apply(Diff(16, 17, ["99:1"]));

        _sut.Apply(Snapshot(15, ["100:3"], ["102:2"])).ShouldBe(BookUpdateResult.SnapshotApplied);

        _sut.IsSynchronized.ShouldBeTrue();
        _sut.LastUpdateId.ShouldBe(17);
        Top(_sut, bids: true).ShouldBe([Level("100:3"), Level("99:1")]);
        _sut.Gaps.ShouldBe(1);
    }

    [Fact]
    public void Apply_GapAmongBufferedDiffs_SynchronizesUpToTheGapOnly()
    {
        _sut.Apply(Diff(11, 12, ["100:2"]));
        _sut.Apply(Diff(15, 16, ["100:3"]));

        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"])).ShouldBe(BookUpdateResult.Desynchronized);

        _sut.Gaps.ShouldBe(1);
        _sut.LastUpdateId.ShouldBe(12);
        _sut.BufferedDiffs.ShouldBe(1);
    }

    [Fact]
    public void Apply_OutOfOrderDuplicate_IsStaleAndChangesNothing()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));
        _sut.Apply(Diff(11, 12, ["100:2"]));
        _sut.Apply(Diff(13, 14, ["100:3"]));

        _sut.Apply(Diff(11, 12, ["100:2"])).ShouldBe(BookUpdateResult.Stale);

        _sut.IsSynchronized.ShouldBeTrue();
        Top(_sut, bids: true).ShouldBe([Level("100:3")]);
    }

    [Fact]
    public void Apply_OverlappingDiff_IsAppliedAsDocumented()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));
        _sut.Apply(Diff(11, 14, ["100:2"]));

        _sut.Apply(Diff(13, 16, ["100:5"])).ShouldBe(BookUpdateResult.Applied);

        _sut.LastUpdateId.ShouldBe(16);
    }

    [Fact]
    public void Apply_ZeroQuantity_RemovesTheLevelAndBestMovesOn()
    {
        _sut.Apply(Snapshot(10, ["100:1", "99:1"], ["102:2", "103:1"]));

        _sut.Apply(Diff(11, 11, ["100:0", "98:0"], ["102:0"]));

        _sut.TryGetBestBid(out BookLevel bid).ShouldBeTrue();
        bid.ShouldBe(Level("99:1"));
        _sut.TryGetBestAsk(out BookLevel ask).ShouldBeTrue();
        ask.ShouldBe(Level("103:1"));
        (_sut.BidLevels, _sut.AskLevels).ShouldBe((1, 1));
    }

    [Fact]
    public void Apply_RemovingEveryLevel_LeavesEmptySides()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));

        _sut.Apply(Diff(11, 11, ["100:0"], ["102:0"]));

        _sut.TryGetBestBid(out _).ShouldBeFalse();
        _sut.TryGetBestAsk(out _).ShouldBeFalse();
        _sut.IsSynchronized.ShouldBeTrue();
    }

    [Fact]
    public void Apply_FuturesBridgeAtLastUpdateId_AppliesAndFollowsPu()
    {
        _sut.Apply(FuturesDiff(5, 8, 4, ["100:9"]));     // u < L: stale
        _sut.Apply(FuturesDiff(9, 10, 8, ["100:2"]));    // U <= L <= u, with u == L: the futures bridge
        _sut.Apply(FuturesDiff(14, 20, 10, ["100:3"]));  // pu == previous u: ids may jump

        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"])).ShouldBe(BookUpdateResult.SnapshotApplied);

        _sut.IsSynchronized.ShouldBeTrue();
        _sut.LastUpdateId.ShouldBe(20);
        _sut.StaleDiffs.ShouldBe(1);
        Top(_sut, bids: true).ShouldBe([Level("100:3")]);
    }

    [Fact]
    public void Apply_FuturesPuMismatch_Desynchronizes()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));
        _sut.Apply(FuturesDiff(9, 12, 8));

        _sut.Apply(FuturesDiff(15, 18, 13)).ShouldBe(BookUpdateResult.Desynchronized);

        _sut.Gaps.ShouldBe(1);
        _sut.LastProblem!.ShouldContain("follows 13");
    }

    [Fact]
    public void Apply_BufferFull_DropsOldestAndCounts()
    {
        var sut = new OrderBook(Btc, maxBufferedDiffs: 2);
        sut.Apply(Diff(1, 1));
        sut.Apply(Diff(2, 2));

        sut.Apply(Diff(3, 3)).ShouldBe(BookUpdateResult.Buffered);

        sut.DroppedDiffs.ShouldBe(1);
        sut.BufferedDiffs.ShouldBe(2);
        sut.Apply(Snapshot(1)).ShouldBe(BookUpdateResult.SnapshotApplied);
        sut.LastUpdateId.ShouldBe(3);
    }

    [Fact]
    public void Apply_DiffBeyondLevelLimit_Desynchronizes()
    {
        var sut = new OrderBook(Btc, maxLevelsPerSide: 2);
        sut.Apply(Snapshot(10, ["100:1", "99:1"], ["102:2"]));

        sut.Apply(Diff(11, 11, ["98:1"])).ShouldBe(BookUpdateResult.Desynchronized);

        sut.IsSynchronized.ShouldBeFalse();
        sut.LastProblem!.ShouldContain("limit");
    }

    [Fact]
    public void Apply_SnapshotBeyondLevelLimit_IsRejected()
    {
        var sut = new OrderBook(Btc, maxLevelsPerSide: 2);

        sut.Apply(Snapshot(10, ["100:1", "99:1", "98:1"])).ShouldBe(BookUpdateResult.Desynchronized);

        sut.RejectedSnapshots.ShouldBe(1);
        sut.IsSynchronized.ShouldBeFalse();
    }

    [Fact]
    public void Reset_SynchronizedBook_EmptiesAndUnsynchronizes()
    {
        _sut.Apply(Snapshot(10, ["100:1"], ["102:2"]));
        _sut.Apply(Diff(12, 12));

        _sut.Reset();

        _sut.IsSynchronized.ShouldBeFalse();
        (_sut.BidLevels, _sut.AskLevels, _sut.BufferedDiffs).ShouldBe((0, 0, 0));
        _sut.LastUpdateId.ShouldBe(-1);
    }

    [Fact]
    public void CopyBids_DestinationShorterThanBook_CopiesTheBestOnly()
    {
        _sut.Apply(Snapshot(10, ["100:1", "99:1", "101:1"], ["102:2"]));

        Top(_sut, bids: true, n: 2).ShouldBe([Level("101:1"), Level("100:1")]);
    }
}
