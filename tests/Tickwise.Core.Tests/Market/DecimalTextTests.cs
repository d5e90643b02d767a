using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public partial class DecimalTextTests
{
    [Theory]
    [InlineData("107451.0165000000000000", "107451.0165")]
    [InlineData("25259.10", "25259.1")]
    [InlineData("100", "100")]
    [InlineData("100.000", "100")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("-1.50", "-1.5")]
    [InlineData("0.0000000000000001", "0.0000000000000001")]
    public void Format_Value_IsShortestExactText(string input, string expected)
    {
        DecimalText.TryParse(input, out decimal value).ShouldBeTrue();
        DecimalText.Format(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1,000.5")]
    [InlineData("")]
    [InlineData("abc")]
    public void TryParse_NotPlainDecimal_ReturnsFalse(string input) => DecimalText.TryParse(input, out _).ShouldBeFalse();
}
