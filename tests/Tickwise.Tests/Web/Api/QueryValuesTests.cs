using Tickwise.Core.Market;
using Tickwise.Web.Api;

namespace Tickwise.Tests.Web.Api;

public class QueryValuesTests
{
    [Theory]
    [InlineData("1723075200000", 1_723_075_200_000)]
    [InlineData(" 1723075200000 ", 1_723_075_200_000)]
    [InlineData("0", 0)]
    [InlineData("2024-08-08T00:00:00Z", 1_723_075_200_000)]
    [InlineData("2024-08-08T02:00:00+02:00", 1_723_075_200_000)]
    [InlineData("2024-08-08", 1_723_075_200_000)]
    [InlineData("2024-08-08T00:00:00.123Z", 1_723_075_200_123)]
    public void Time_MillisecondsOrIso_Parses(string text, long expected)
    {
        QueryValues.Time(text, "from").ShouldBe(expected);
    }

    [Fact]
    public void Time_Absent_IsNull()
    {
        QueryValues.Time(null, "from").ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("4102444800000")]
    [InlineData("99999999999999999999")]
    [InlineData("1.5")]
    [InlineData("1e12")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("2100-01-01T00:00:00Z")]
    public void Time_Bad_ThrowsA400(string text)
    {
        ApiException e = Should.Throw<ApiException>(() => QueryValues.Time(text, "from"));

        e.Status.ShouldBe(400);
        e.Message.ShouldStartWith("from=");
    }

    [Fact]
    public void Time_HugeText_IsShortenedInTheMessage()
    {
        ApiException e = Should.Throw<ApiException>(() => QueryValues.Time(new string('9', 10_000), "to"));

        e.Message.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public void Range_FromNotBeforeTo_ThrowsA400()
    {
        Should.Throw<ApiException>(() => QueryValues.Range("2000", "1000")).Status.ShouldBe(400);
        Should.Throw<ApiException>(() => QueryValues.Range("1000", "1000")).Status.ShouldBe(400);
        QueryValues.Range("1000", null).ShouldBe((1000L, (long?)null));
    }

    [Theory]
    [InlineData(null, 7)]
    [InlineData("1", 1)]
    [InlineData(" 10 ", 10)]
    [InlineData("+5", 5)]
    public void Int_InRange_Parses(string? text, int expected)
    {
        QueryValues.Int(text, "limit", 7, 1, 10).ShouldBe(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("-3")]
    [InlineData("x")]
    [InlineData("3.0")]
    [InlineData("2147483648")]
    public void Int_Bad_ThrowsA400(string text)
    {
        Should.Throw<ApiException>(() => QueryValues.Int(text, "limit", 7, 1, 10)).Status.ShouldBe(400);
    }

    [Fact]
    public void Symbol_AnyCase_IsUpperCased()
    {
        QueryValues.Symbol("btcUSDT").ShouldBe(new Symbol("BTCUSDT"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BTC USDT")]
    [InlineData("BTC/USDT")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Symbol_Bad_ThrowsA400(string? text)
    {
        Should.Throw<ApiException>(() => QueryValues.Symbol(text)).Status.ShouldBe(400);
    }

    [Fact]
    public void Lists_ParseDeduplicateAndLimit()
    {
        QueryValues.IntList("5,20,5", "sma", 1, 100).ShouldBe([5, 20]);
        QueryValues.IntervalList("1m, 5m", [Interval.OneHour]).ShouldBe([Interval.OneMinute, Interval.Parse("5m")]);
        QueryValues.IntervalList(null, [Interval.OneHour]).ShouldBe([Interval.OneHour]);
        QueryValues.SymbolList(null, "symbols", 4).ShouldBeNull();
        Should.Throw<ApiException>(() => QueryValues.SymbolList("A,B,C,D,E", "symbols", 4));
        Should.Throw<ApiException>(() => QueryValues.IntList("1,2,3,4,5,6,7,8,9", "sma", 1, 100));
    }
}
