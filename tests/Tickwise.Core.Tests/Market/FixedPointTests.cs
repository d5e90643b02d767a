using System.Text;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public class FixedPointTests
{
    [Theory]
    [InlineData("61837.63000000", 6_183_763_000_000L)]
    [InlineData("0.00009000", 9_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("1", 100_000_000L)]
    [InlineData("007.5", 750_000_000L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("5.", 500_000_000L)]
    [InlineData("-2.25", -225_000_000L)]
    [InlineData("+2.25", 225_000_000L)]
    [InlineData("12.3456789000000", 1_234_567_890L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    public void TryParse_ExchangeDecimal_IsExact(string text, long expectedRaw)
    {
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out long raw).ShouldBeTrue();
        raw.ShouldBe(expectedRaw);
        FixedPoint.TryParse(text.AsSpan(), out long fromChars).ShouldBeTrue();
        fromChars.ShouldBe(expectedRaw);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("0.000000001")] // a ninth decimal would need rounding
    [InlineData("92233720368.54775808")] // one unit past long.MaxValue
    [InlineData("999999999999")] // twelve integer digits
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void TryParse_NotAnExactDecimal_IsRefused(string text)
    {
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(6_183_763_000_000L, "61837.63")]
    [InlineData(1L, "0.00000001")]
    [InlineData(0L, "0")]
    [InlineData(100_000_000L, "1")]
    [InlineData(-225_000_000L, "-2.25")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void ToString_Raw_IsShortestExactText(long raw, string expected)
    {
        FixedPoint.ToString(raw).ShouldBe(expected);
        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        FixedPoint.TryFormat(raw, buffer, out int written).ShouldBeTrue();
        Encoding.ASCII.GetString(buffer[..written]).ShouldBe(expected);
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_ReturnsFalse()
    {
        Span<byte> buffer = stackalloc byte[3];
        FixedPoint.TryFormat(6_183_763_000_000L, buffer, out int written).ShouldBeFalse();
        written.ShouldBe(0);
    }

    [Fact]
    public void ParseThenFormat_RandomValues_RoundTrip()
    {
        var random = new Random(20240808);
        for (int i = 0; i < 10_000; i++)
        {
            long raw = random.NextInt64(0, long.MaxValue);
            FixedPoint.TryParse(Encoding.ASCII.GetBytes(FixedPoint.ToString(raw)), out long back).ShouldBeTrue();
            back.ShouldBe(raw);
            FixedPoint.ToDecimal(raw).ShouldBe(raw / 100_000_000m);
        }
    }

    [Fact]
    public void ProductSumToDecimal_PriceTimesQuantity_IsExact()
    {
        Int128 product = (Int128)6_183_763_000_000L * 9_000L; // 61837.63 * 0.00009
        FixedPoint.ProductSumToDecimal(product).ShouldBe(5.5653867m);
    }

    [Fact]
    public void ProductSumToDecimal_BeyondDecimal_Throws()
    {
        Should.Throw<OverflowException>(() => FixedPoint.ProductSumToDecimal(Int128.MaxValue));
    }

    [Theory]
    [InlineData("1.5", true, 150_000_000L)]
    [InlineData("0.123456789", false, 0L)]
    [InlineData("100000000000", false, 0L)]
    public void TryFromDecimal_Value_ExactOrRefused(string text, bool ok, long expectedRaw)
    {
        FixedPoint.TryFromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), out long raw).ShouldBe(ok);
        raw.ShouldBe(expectedRaw);
    }
}
