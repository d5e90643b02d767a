using System.Text;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Streams;

public class SymbolCacheTests
{
    [Fact]
    public void TryParse_ManySymbolsInTurn_ReturnsEachOneCorrectly()
    {
        // More names than slots, in both cases, so slots are evicted and refilled many times over.
        string[] names = [.. Enumerable.Range(0, 40).Select(i => $"SYM{i}USDT"), "btcusdt", "BTCUSDT", "ethusdt", "ETHUSDT", "A", "B_1"];
        for (int round = 0; round < 5; round++)
        {
            foreach (string name in names)
            {
                bool sut = SymbolCache.TryParse(Encoding.ASCII.GetBytes(name), out Symbol symbol);

                sut.ShouldBeTrue();
                symbol.ShouldBe(new Symbol(name));
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTC-USDT")]
    [InlineData("btc usdt")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    public void TryParse_InvalidName_ReturnsFalse(string name)
    {
        SymbolCache.TryParse(Encoding.ASCII.GetBytes(name), out Symbol symbol).ShouldBeFalse();

        symbol.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void TryParse_InvalidAfterValidInSameSlot_IsNotMistakenForCached()
    {
        SymbolCache.TryParse("BTCUSDT"u8, out _).ShouldBeTrue();

        SymbolCache.TryParse("BTCUSD!"u8, out _).ShouldBeFalse();
    }
}
