using Tickwise.Storage.Postgres;

namespace Tickwise.Storage.Tests.Postgres;

public sealed class TradeIdRunsTests
{
    [Fact]
    public void Add_InterleavedSymbolsWithGaps_OneRunPerConsecutiveStretch()
    {
        var sut = new TradeIdRuns();

        foreach ((int symbol, long id) in new[] { (1, 10L), (2, 5L), (1, 11L), (2, 6L), (1, 13L), (1, 14L), (2, 7L) }) sut.Add(symbol, id);

        sut.Runs.ShouldBe([new TradeIdRun(1, 10, 11), new TradeIdRun(2, 5, 7), new TradeIdRun(1, 13, 14)]);
    }

    [Fact]
    public void Add_IdNotAboveTheSymbolsLast_Throws()
    {
        var sut = new TradeIdRuns();
        sut.Add(1, 10);
        sut.Add(2, 3); // another symbol may be lower

        Should.Throw<ArgumentException>(() => sut.Add(1, 10));
        Should.Throw<ArgumentException>(() => sut.Add(1, 9));
    }

    [Fact]
    public void CopyTo_AfterClear_HoldsOnlyTheNewRuns()
    {
        var sut = new TradeIdRuns();
        sut.Add(1, 1);
        sut.Clear();
        sut.Add(1, 1); // no longer "not ascending" after Clear
        sut.Add(3, 8);
        List<int> symbols = [99];
        List<long> firsts = [99], lasts = [99];

        sut.CopyTo(symbols, firsts, lasts);

        symbols.ShouldBe([1, 3]);
        firsts.ShouldBe([1L, 8L]);
        lasts.ShouldBe([1L, 8L]);
    }
}
