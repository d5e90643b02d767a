using System.Text;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Streams;

public class DepthUpdateTests
{
    private const string Update =
        """{"e":"depthUpdate","E":1626992741037,"T":1626992741024,"s":"SUSHIUSDT","U":10,"u":12,"pu":9,"b":[["7.5040","813"],["7.6090","0"],["7.6110","2"]],"a":[["7.6150","1563"]]}""";

    [Theory]
    [InlineData(0)]
    [InlineData(DepthUpdate.MaxLevelsPerSide + 1)]
    public void Constructor_CapacityOutOfRange_Throws(int capacity) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new DepthUpdate(capacity));

    [Fact]
    public void Parse_MoreLevelsThanCapacity_GrowsArrays()
    {
        var sut = new DepthUpdate(initialCapacity: 1);

        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(Update), sut, out _).IsParsed.ShouldBeTrue();

        sut.Bids.Length.ShouldBe(3);
        sut.Asks.Length.ShouldBe(1);
    }

    [Fact]
    public void CopyTo_ParsedUpdate_CopiesEveryFieldAndLevel()
    {
        var sut = new DepthUpdate();
        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(Update), sut, out _);
        var copy = new DepthUpdate(initialCapacity: 1);

        sut.CopyTo(copy);
        sut.Clear();

        copy.Symbol.ShouldBe(new Symbol("SUSHIUSDT"));
        copy.EventTimeMs.ShouldBe(1626992741037);
        copy.TransactionTimeMs.ShouldBe(1626992741024);
        (copy.FirstUpdateId, copy.FinalUpdateId, copy.PreviousFinalUpdateId).ShouldBe((10L, 12L, 9L));
        copy.Bids.ToArray().ShouldBe([
            new BookLevel(Price.Parse("7.504"), Quantity.Parse("813")),
            new BookLevel(Price.Parse("7.609"), new Quantity(0)),
            new BookLevel(Price.Parse("7.611"), Quantity.Parse("2"))]);
        copy.Asks.ToArray().ShouldBe([new BookLevel(Price.Parse("7.615"), Quantity.Parse("1563"))]);
    }

    [Fact]
    public void Clear_ParsedUpdate_EmptiesEverything()
    {
        var sut = new DepthUpdate();
        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(Update), sut, out _);

        sut.Clear();

        sut.Symbol.IsEmpty.ShouldBeTrue();
        sut.Bids.Length.ShouldBe(0);
        sut.Asks.Length.ShouldBe(0);
        sut.PreviousFinalUpdateId.ShouldBe(-1);
        sut.FinalUpdateId.ShouldBe(0);
    }

    [Fact]
    public void Parse_FailedMessage_LeavesNoSymbol()
    {
        var sut = new DepthUpdate();
        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(Update), sut, out _);

        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(Update.Replace("\"E\":1626992741037,", "")), sut, out _).IsError.ShouldBeTrue();

        sut.Symbol.IsEmpty.ShouldBeTrue();
    }
}
