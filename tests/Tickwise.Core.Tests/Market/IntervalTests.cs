using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public class IntervalTests
{
    [Theory]
    [InlineData("1s", 1_000L)]
    [InlineData("15s", 15_000L)]
    [InlineData("1m", 60_000L)]
    [InlineData("3m", 180_000L)]
    [InlineData("4h", 14_400_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("60s", 60_000L)]
    public void Parse_Name_HasLength(string text, long milliseconds)
    {
        Interval.Parse(text).Milliseconds.ShouldBe(milliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("-1m")]
    [InlineData("7s")] // does not divide a day
    [InlineData("2d")]
    [InlineData("1w")]
    [InlineData("1M")]
    [InlineData("99999999999m")]
    public void TryParse_BadName_ReturnsFalse(string text)
    {
        Interval.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => Interval.Parse(text));
    }

    [Theory]
    [InlineData(60_000L, "1m")]
    [InlineData(3_600_000L, "1h")]
    [InlineData(86_400_000L, "1d")]
    [InlineData(90_000L, "90s")]
    public void ToString_Length_IsShortestName(long milliseconds, string expected)
    {
        new Interval(milliseconds).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData(1_723_161_255_342L, 60_000L, 1_723_161_240_000L)]
    [InlineData(1_723_161_240_000L, 60_000L, 1_723_161_240_000L)]
    [InlineData(1_723_161_255_342L, 86_400_000L, 1_723_075_200_000L)]
    [InlineData(-1L, 1_000L, -1_000L)]
    public void FloorMs_Timestamp_IsOpenOfItsBar(long timestamp, long intervalMs, long expectedOpen)
    {
        new Interval(intervalMs).FloorMs(timestamp).ShouldBe(expectedOpen);
    }

    [Fact]
    public void Standard_HasThirteenIntervalsShortestFirst()
    {
        Interval.Standard.Count.ShouldBe(13);
        for (int i = 1; i < Interval.Standard.Count; i++)
            Interval.Standard[i].Milliseconds.ShouldBeGreaterThan(Interval.Standard[i - 1].Milliseconds);
    }
}
