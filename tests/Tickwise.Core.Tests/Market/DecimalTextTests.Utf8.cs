using System.Text;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public partial class DecimalTextTests
{
    [Theory]
    [InlineData("25877.00000000", "25877")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("9116.046", "9116.046")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("0", "0")]
    [InlineData("000123.4500", "123.45")]
    [InlineData("1234567890123456789012345678", "1234567890123456789012345678")]
    [InlineData("0.1234567890123456789012345678", "0.1234567890123456789012345678")]
    public void TryParse_ExactDecimalText_ReturnsExactValue(string text, string expected)
    {
        bool sut = DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out decimal value);

        sut.ShouldBeTrue();
        value.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1,5")]
    [InlineData("+-1")]
    [InlineData("12345678901234567890123456789")]     // 29 significant digits would need rounding
    [InlineData("0.00000000000000000000000000001")]  // 29 decimals
    public void TryParse_NotExactDecimalText_ReturnsFalse(string text) =>
        DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _).ShouldBeFalse();
}
