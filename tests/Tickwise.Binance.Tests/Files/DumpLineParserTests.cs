using System.Text;
using Tickwise.Binance.Files;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Files;

public class DumpLineParserTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    private static bool Trade(string line, DumpLayout layout, out Trade trade, out string? reason) =>
        DumpLineParser.TryParseTrade(Encoding.ASCII.GetBytes(line), layout, Btc, out trade, out reason);

    [Theory]
    [InlineData("5266583935,61800.3,0.006,370.8018,1723161256322,false", DumpLayout.FuturesTrades, 5266583935L, 1)]
    [InlineData("3735683259,61837.63000000,0.02000000,1236.75260000,1723161255342,True,True", DumpLayout.SpotTrades, 3735683259L, 1)]
    [InlineData("26129,61837.63,0.02,10,12,1723161255342,True,True", DumpLayout.SpotAggTrades, 26129L, 3)]
    [InlineData("26129,61837.63,0.02,10,10,1723161255342,false", DumpLayout.FuturesAggTrades, 26129L, 1)]
    public void TryParseTrade_GoodLine_ReturnsTrade(string line, DumpLayout layout, long id, int tradeCount)
    {
        bool sut = Trade(line, layout, out Trade trade, out string? reason);

        sut.ShouldBeTrue(reason);
        reason.ShouldBeNull();
        trade.Id.ShouldBe(id);
        trade.TradeCount.ShouldBe(tradeCount);
        trade.Symbol.ShouldBe(Btc);
    }

    [Theory]
    [InlineData("", "expected 7 columns")]
    [InlineData("1,2,3", "expected 7 columns")]
    [InlineData("x,61837.63,0.02,1,1723161255342,True,True", "the id is not a whole number")]
    [InlineData(",61837.63,0.02,1,1723161255342,True,True", "the id is not a whole number")]
    [InlineData("1,,0.02,1,1723161255342,True,True", "the price is not a non-negative decimal with at most 8 decimals")]
    [InlineData("1,-5,0.02,1,1723161255342,True,True", "the price is not a non-negative decimal with at most 8 decimals")]
    [InlineData("1,99999999999999,0.02,1,1723161255342,True,True", "the price is not a non-negative decimal with at most 8 decimals")]
    [InlineData("1,61837.63,1e3,1,1723161255342,True,True", "the quantity is not a non-negative decimal with at most 8 decimals")]
    [InlineData("1,61837.63,0.02,1,1723161255342.5,True,True", "the time is not a whole number")]
    [InlineData("1,61837.63,0.02,1,-1723161255342,True,True", "the time is not a whole number")]
    [InlineData("1,61837.63,0.02,1,1723161255,True,True", "the time is not a Unix time in ms or µs between 2000 and 2100")]
    [InlineData("1,61837.63,0.02,1,1723161255342,1,True", "is_buyer_maker is not True or False")]
    [InlineData("1,61837.63,0.02,1,1723161255342,True,", "is_best_match is not True or False")]
    [InlineData("1,61837.63,0,0,1723161255342,True,True", "the quantity is zero")]
    [InlineData("1,0.0,0.02,0,1723161255342,True,True", "the price is zero")]
    [InlineData("1, 61837.63,0.02,1,1723161255342,True,True", "the price is not a non-negative decimal with at most 8 decimals")]
    [InlineData("\"1\",61837.63,0.02,1,1723161255342,True,True", "the id is not a whole number")]
    public void TryParseTrade_BadSpotLine_ReturnsReason(string line, string expected)
    {
        bool sut = Trade(line, DumpLayout.SpotTrades, out Trade trade, out string? reason);

        sut.ShouldBeFalse();
        reason.ShouldBe(expected);
        trade.ShouldBe(default);
    }

    [Theory]
    [InlineData("1,61837.63,0.02,12,10,1723161255342,True,True", "last_trade_id is before first_trade_id")]
    [InlineData("1,61837.63,0.02,x,10,1723161255342,True,True", "first_trade_id is not a whole number")]
    [InlineData("1,61837.63,0.02,0,9999999999,1723161255342,True,True", "last_trade_id is before first_trade_id")]
    public void TryParseTrade_BadAggTradeIds_ReturnsReason(string line, string expected)
    {
        Trade(line, DumpLayout.SpotAggTrades, out _, out string? reason).ShouldBeFalse();

        reason.ShouldBe(expected);
    }

    [Fact]
    public void TryParseBar_KlineLine_ReturnsExactBar()
    {
        byte[] line = "1690848000000,4.255,4.256,4.252,4.252,25259.1,1690848059999,107451.0165,208,5452.3,23199.1103,0"u8.ToArray();

        bool sut = DumpLineParser.TryParseBar(line, DumpLayout.Klines, new Symbol("FILUSDT"), Interval.OneMinute, out Bar bar, out _);

        sut.ShouldBeTrue();
        bar.Volume.ShouldBe(25259.1m);
        bar.QuoteVolume.ShouldBe(107451.0165m);
        bar.TradeCount.ShouldBe(208);
    }

    [Theory]
    [InlineData("1690848000000,4.255,4.256,4.252,4.252,25259.1,1690848059999,107451.0165,208,5452.3,23199.1103", "expected 12 columns")]
    [InlineData("1690848000000,4.255,4.256,4.252,4.252,25259.1,x,107451.0165,208,5452.3,23199.1103,0", "close_time is not a whole number")]
    [InlineData("1690848000000,4.255,4.256,4.252,4.252,25259.1,1690848059999,107451.0165,-208,5452.3,23199.1103,0", "count is not a whole number")]
    [InlineData("1690848000000,4.255,4.256,4.252,4.252,25259.1,1690848059999,107451.0165,208,99999,23199.1103,0", "taker buy volume 99999 exceeds volume 25259.1")]
    [InlineData("1690848000000,4.255,4.256,4.252,4.252,25259.1,1690848059999,abc,208,5452.3,23199.1103,0", "quote_volume is not an exact decimal")]
    public void TryParseBar_BadKlineLine_ReturnsReason(string line, string expected)
    {
        bool sut = DumpLineParser.TryParseBar(Encoding.ASCII.GetBytes(line), DumpLayout.Klines, Btc, Interval.OneMinute, out Bar bar, out string? reason);

        sut.ShouldBeFalse();
        reason.ShouldBe(expected);
        bar.ShouldBe(default);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("123456789012345678", 123456789012345678L)]
    public void TryParseLong_Digits_ReturnsValue(string text, long expected)
    {
        DumpLineParser.TryParseLong(Encoding.ASCII.GetBytes(text), out long value).ShouldBeTrue();

        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567890123456789")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("1 ")]
    public void TryParseLong_NotPlainDigits_ReturnsFalse(string text) =>
        DumpLineParser.TryParseLong(Encoding.ASCII.GetBytes(text), out _).ShouldBeFalse();

    [Theory]
    [InlineData("True", true, true)]
    [InlineData("true", true, true)]
    [InlineData("False", true, false)]
    [InlineData("false", true, false)]
    [InlineData("TRUE", false, false)]
    [InlineData("1", false, false)]
    [InlineData("", false, false)]
    [InlineData("Truex", false, false)]
    public void TryParseBool_Text_ParsesOnlyTrueAndFalse(string text, bool ok, bool expected)
    {
        DumpLineParser.TryParseBool(Encoding.ASCII.GetBytes(text), out bool value).ShouldBe(ok);

        value.ShouldBe(expected);
    }

    [Fact]
    public void TryParseTrade_RandomLines_NeverThrow()
    {
        var random = new Random(42);
        byte[] alphabet = "0123456789.,-eTrueFalsx \"\r"u8.ToArray();
        byte[] line = new byte[120];
        foreach (DumpLayout layout in new[] { DumpLayout.SpotTrades, DumpLayout.FuturesTrades, DumpLayout.SpotAggTrades, DumpLayout.FuturesAggTrades })
        {
            for (int i = 0; i < 20_000; i++)
            {
                int length = random.Next(line.Length);
                for (int j = 0; j < length; j++) line[j] = alphabet[random.Next(alphabet.Length)];

                bool sut = DumpLineParser.TryParseTrade(line.AsSpan(0, length), layout, Btc, out Trade trade, out string? reason);

                (sut ? trade.Quantity.Raw > 0 : reason is not null).ShouldBeTrue();
            }
        }
    }
}
