using Tickwise.Analytics;
using Tickwise.Core.Market;

namespace Tickwise.Tests.Analytics;

public class PairSpecTests
{
    [Theory]
    [InlineData("BTCUSDT:ETHUSDT,SOLUSDT/BNBUSDT", 2)]
    [InlineData(" btcusdt:ethusdt ", 1)]
    [InlineData("", 0)]
    public void ParseList_ValidPairs_Parses(string text, int count)
    {
        PairSpec.ParseList(text).Count.ShouldBe(count);
    }

    [Theory]
    [InlineData("BTCUSDT", "is not a pair")]
    [InlineData("BTCUSDT:BTCUSDT", "names BTCUSDT twice")]
    [InlineData("BTCUSDT:ETHUSDT,BTCUSDT:ETHUSDT", "given twice")]
    [InlineData("A:B:C", "is not a pair")]
    [InlineData("BTC-USDT:ETHUSDT", "is not a pair")]
    public void ParseList_BadPairs_ThrowsAClearMessage(string text, string message)
    {
        Should.Throw<FormatException>(() => PairSpec.ParseList(text)).Message.ShouldContain(message);
    }

    [Fact]
    public void Resolve_EmptyNoneOrAList_GivesTheFirstTwoSymbolsNothingOrTheList()
    {
        Symbol[] symbols = [new("BTCUSDT"), new("ETHUSDT"), new("SOLUSDT")];

        PairSpec.Resolve("", symbols).ShouldBe([new PairSpec(symbols[0], symbols[1])]);
        PairSpec.Resolve("", [symbols[0]]).ShouldBeEmpty();
        PairSpec.Resolve("none", symbols).ShouldBeEmpty();
        PairSpec.Resolve("SOLUSDT:BTCUSDT", symbols).ShouldBe([new PairSpec(symbols[2], symbols[0])]);
    }
}
