using System.Globalization;
using System.Text;
using Tickwise.Storage.Sqlite;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed class StoredDecimalTests
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("0.00000000")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("1.50")]
    [InlineData(".5")]
    [InlineData("12.34567891")]
    [InlineData("763212.1234567812345678")]
    [InlineData("-763212.1234567812345678")]
    [InlineData("9999999999999999999")]
    [InlineData("10000000000000000000")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("1.000000000000000000000000000")]
    [InlineData("9999999999999999999999999999")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335")]
    [InlineData("0000000000000000000000000000012.5")]
    public void TryParse_StoredText_EqualsDecimalParseBitForBit(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        decimal.TryParse(utf8, Styles, CultureInfo.InvariantCulture, out decimal expected).ShouldBeTrue();

        StoredDecimal.TryParse(utf8, out decimal value).ShouldBeTrue();

        // Same value and same scale: the API writes the decimal back as text.
        decimal.GetBits(value).ShouldBe(decimal.GetBits(expected));
        value.ToString(CultureInfo.InvariantCulture).ShouldBe(expected.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("+-1")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("12a")]
    [InlineData("79228162514264337593543950336")]
    public void TryParse_NotStoredDecimalText_AgreesWithDecimalParse(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        bool expectedOk = decimal.TryParse(utf8, Styles, CultureInfo.InvariantCulture, out decimal expected);

        bool ok = StoredDecimal.TryParse(utf8, out decimal value);

        ok.ShouldBe(expectedOk);
        if (ok) decimal.GetBits(value).ShouldBe(decimal.GetBits(expected));
    }

    [Fact]
    public void TryParse_FormattedRandomDecimals_RoundTripsBitForBit()
    {
        var random = new Random(6);
        Span<byte> text = stackalloc byte[32];
        for (int i = 0; i < 20_000; i++)
        {
            var original = new decimal(random.Next(), random.Next(), random.Next(0, i % 3 == 0 ? int.MaxValue : 1000), random.Next(2) == 0, (byte)random.Next(0, 29));
            original.TryFormat(text, out int written, default, CultureInfo.InvariantCulture).ShouldBeTrue();

            StoredDecimal.TryParse(text[..written], out decimal value).ShouldBeTrue();

            decimal.GetBits(value).ShouldBe(decimal.GetBits(original), $"text {Encoding.UTF8.GetString(text[..written])}");
        }
    }

    [Fact]
    public void TryParse_MutatedText_AgreesWithDecimalParse()
    {
        // Texts of every length up to 32 from an alphabet of digits and the bytes a word-at-a-time digit check could
        // mistake for digits (neighbours of '0' and '9', the point, the signs), so every eight-byte word meets them.
        byte[] alphabet = "0123456789012345678901234567890123456789..--+/:e ,\x00\x7F\xFF"u8.ToArray();
        var random = new Random(21);
        var text = new byte[32];
        for (int i = 0; i < 200_000; i++)
        {
            int length = random.Next(1, 33);
            for (int j = 0; j < length; j++) text[j] = alphabet[random.Next(alphabet.Length)];
            ReadOnlySpan<byte> utf8 = text.AsSpan(0, length);
            bool expectedOk = decimal.TryParse(utf8, Styles, CultureInfo.InvariantCulture, out decimal expected);

            bool ok = StoredDecimal.TryParse(utf8, out decimal value);

            ok.ShouldBe(expectedOk, Encoding.Latin1.GetString(utf8));
            if (ok) decimal.GetBits(value).ShouldBe(decimal.GetBits(expected), Encoding.Latin1.GetString(utf8));
        }
    }
}
