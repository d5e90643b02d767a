using System.Text;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public class SymbolTests
{
    [Theory]
    [InlineData("btcusdt", "BTCUSDT")]
    [InlineData("BTCUSDT", "BTCUSDT")]
    [InlineData("BTCUSDT_240927", "BTCUSDT_240927")]
    [InlineData("1000PEPEUSDT", "1000PEPEUSDT")]
    public void TryParse_ValidName_IsUpperCase(string text, string expected)
    {
        Symbol.TryParse(Encoding.ASCII.GetBytes(text), out Symbol sut).ShouldBeTrue();
        sut.Value.ShouldBe(expected);
        new Symbol(text).ShouldBe(sut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTC-USDT")]
    [InlineData("BTC USDT")]
    [InlineData("ÄBC")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")] // 33 characters
    public void TryParse_InvalidName_ReturnsFalse(string text)
    {
        Symbol.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();
        Symbol.TryParse(text.AsSpan(), out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => new Symbol(text));
    }

    [Fact]
    public void TryParse_SameNameTwice_ReturnsTheSameString()
    {
        Symbol.TryParse("ethusdt"u8, out Symbol first).ShouldBeTrue();
        Symbol.TryParse("ETHUSDT"u8, out Symbol second).ShouldBeTrue();
        ReferenceEquals(first.Value, second.Value).ShouldBeTrue();
    }

    [Fact]
    public void Default_IsEmpty()
    {
        default(Symbol).IsEmpty.ShouldBeTrue();
        default(Symbol).Value.ShouldBe(string.Empty);
    }
}
