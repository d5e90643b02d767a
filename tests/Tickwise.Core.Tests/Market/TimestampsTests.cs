using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public class TimestampsTests
{
    [Theory]
    [InlineData(1_723_161_255_342L, 1_723_161_255_342L)] // milliseconds
    [InlineData(1_723_161_255_342_123L, 1_723_161_255_342L)] // microseconds, spot dumps since 2025
    public void TryNormalizeToMs_MillisOrMicros_IsMillis(long value, long expected)
    {
        Timestamps.TryNormalizeToMs(value, out long ms).ShouldBeTrue();
        ms.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(1_723_161_255L)] // seconds
    [InlineData(1_723_161_255_342_123_456L)] // nanoseconds
    [InlineData(long.MaxValue)]
    public void TryNormalizeToMs_Implausible_ReturnsFalse(long value)
    {
        Timestamps.TryNormalizeToMs(value, out _).ShouldBeFalse();
    }

    [Fact]
    public void ToIso_Millis_IsUtcText()
    {
        Timestamps.ToIso(1_723_161_255_342L).ShouldBe("2024-08-08T23:54:15.342Z");
    }
}
