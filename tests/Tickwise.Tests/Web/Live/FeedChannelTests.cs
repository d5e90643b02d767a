using Tickwise.Core.Market;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public class FeedChannelTests
{
    [Theory]
    [InlineData("bars:btcusdt:1m", "bars:BTCUSDT:1m", "Bars")]
    [InlineData("bars:BTCUSDT:60m", "bars:BTCUSDT:1h", "Bars")]
    [InlineData("trades:ETHUSDT", "trades:ETHUSDT", "Trades")]
    [InlineData("quotes:ethusdt", "quotes:ETHUSDT", "Quotes")]
    [InlineData("pair:BTCUSDT:ETHUSDT:5m", "pair:BTCUSDT:ETHUSDT:5m", "Pair")]
    [InlineData("ALERTS", "alerts", "Published")]
    [InlineData("signals", "signals", "Published")]
    [InlineData("orders", "orders", "Published")]
    [InlineData("health", "health", "Health")]
    public void TryParse_Valid_GivesTheCanonicalName(string text, string name, string kind)
    {
        FeedChannel.TryParse(text, out FeedChannel sut, out string error).ShouldBeTrue(error);

        sut.Name.ShouldBe(name);
        sut.Kind.ToString().ShouldBe(kind);
    }

    [Fact]
    public void TryParse_Pair_KeepsLegsAndInterval()
    {
        FeedChannel.TryParse("pair:SOLUSDT:BNBUSDT:15m", out FeedChannel sut, out _).ShouldBeTrue();

        sut.Symbol.ShouldBe(new Symbol("SOLUSDT"));
        sut.SymbolB.ShouldBe(new Symbol("BNBUSDT"));
        sut.Interval.ShouldBe(Interval.Parse("15m"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bars")]
    [InlineData("bars:BTCUSDT")]
    [InlineData("bars:BTCUSDT:1m:extra")]
    [InlineData("bars:BTCUSDT:7m")]
    [InlineData("bars:BTCUSDT:0s")]
    [InlineData("bars::1m")]
    [InlineData("trades:")]
    [InlineData("trades:BTC/USDT")]
    [InlineData("trades:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pair:BTCUSDT:1m")]
    [InlineData("pair:BTCUSDT:BTCUSDT:1m")]
    [InlineData("alerts:BTCUSDT")]
    [InlineData("candles:BTCUSDT:1m")]
    [InlineData("💥")]
    public void TryParse_Invalid_IsFalseWithAReason(string? text)
    {
        FeedChannel.TryParse(text, out _, out string error).ShouldBeFalse();

        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryParse_HugeName_IsFalse()
    {
        FeedChannel.TryParse("trades:" + new string('A', 100_000), out _, out _).ShouldBeFalse();
    }
}
