using System.Text;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public partial class DecimalTextTests
{
    public static TheoryData<decimal> FormatEdges => new()
    {
        0m, 1m, -1m, 0.1m, -0.1m, 10m, 100.000m, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m,
        decimal.MaxValue, decimal.MinValue, 18446744073709551615m, 18446744073709551616m, 1844674407.3709551615m,
        0.18446744073709551615m, 107451.0165000000000000m, 25259.10m, 763_212.1234567812345678m, new decimal(0, 0, 0, true, 5),
        new decimal(0, 0, 0, false, 28), new decimal(-1, -1, 0, false, 28), new decimal(-1, -1, 0, true, 0), new decimal(10, 0, 0, false, 1),
    };

    [Theory]
    [MemberData(nameof(FormatEdges))]
    public void TryFormat_Edge_WritesFormatsText(decimal value)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxUtf8Length];

        DecimalText.TryFormat(value, text, out int written).ShouldBeTrue();

        Encoding.ASCII.GetString(text[..written]).ShouldBe(DecimalText.Format(value));
    }

    [Fact]
    public void TryFormat_RandomDecimals_WritesFormatsText()
    {
        // Mantissas of every width (the 64-bit fast path and the wide fallback), every scale, both signs.
        var random = new Random(20261121);
        var text = new byte[DecimalText.MaxUtf8Length];
        for (int i = 0; i < 200_000; i++)
        {
            int width = random.Next(97);
            UInt128 mantissa = width == 0 ? 0 : (((UInt128)(ulong)random.NextInt64() << 64) | (ulong)random.NextInt64()) >> (128 - width);
            if (random.Next(4) == 0) mantissa -= mantissa % 1000; // trailing zeros to trim
            var value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), random.Next(2) == 0, (byte)random.Next(29));

            DecimalText.TryFormat(value, text, out int written).ShouldBeTrue();

            Encoding.ASCII.GetString(text, 0, written).ShouldBe(DecimalText.Format(value), $"bits {string.Join(",", decimal.GetBits(value))}");
        }
    }

    [Fact]
    public void TryFormat_DestinationTooShort_ReturnsFalse()
    {
        Span<byte> text = stackalloc byte[5];

        DecimalText.TryFormat(-123.456m, text, out int written).ShouldBeFalse();

        written.ShouldBe(0);
    }
}
