using System.Globalization;
using System.Numerics;
using Tickwise.Core.Bars;

namespace Tickwise.Core.Tests.Bars;

public class BarAccumulatorTests
{
    [Theory]
    [InlineData("0", 16, "0")]
    [InlineData("123456789", 16, "0.0000000123456789")]
    [InlineData("79228162514264337593543950335", 16, "7922816251426.4337593543950335")] // 2^96 - 1: the largest exact at 16 decimals
    [InlineData("79228162514264337593543950336", 16, "7922816251426.433759354395034")]  // 2^96: one decimal dropped, rounded
    [InlineData("792281625142643375935439503360000", 16, "79228162514264337.593543950336")] // trailing zeros: dropped exactly
    [InlineData("184467440737095516140000000000000000", 16, "18446744073709551614")]
    public void ToDecimal_Sum_ExactWheneverADecimalCanHoldIt(string raw, int scale, string expected)
    {
        decimal sut = BarAccumulator.ToDecimal(Int128.Parse(raw, CultureInfo.InvariantCulture), scale);

        sut.ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToDecimal_Int128MaxValueAtScale0_ThrowsOverflow() =>
        Should.Throw<OverflowException>(() => BarAccumulator.ToDecimal(Int128.MaxValue, 0));

    [Fact]
    public void ToDecimal_Int128MaxValueAtScale16_RoundsToTheNearest()
    {
        decimal sut = BarAccumulator.ToDecimal(Int128.MaxValue, 16);

        BigInteger max = (BigInteger)Int128.MaxValue;
        BigInteger kept = (max + 5_000_000_000) / 10_000_000_000; // 39 digits -> 29
        sut.ShouldBe(decimal.Parse(kept.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) / 1_000_000m);
    }

    [Fact]
    public void Merge_LaterPart_TakesOpenFromFirstAndCloseFromLast()
    {
        var sut = new BarAccumulator();
        sut.Reset(1_000);
        var empty = new BarAccumulator();
        var later = new BarAccumulator();
        later.Add(price: 5, quantity: 2, tradeCount: 1, buyerIsAggressor: true);
        later.Add(price: 3, quantity: 1, tradeCount: 2, buyerIsAggressor: false);
        var last = new BarAccumulator();
        last.Add(price: 7, quantity: 1, tradeCount: 1, buyerIsAggressor: false);

        sut.Merge(in empty);
        sut.HasTrades.ShouldBeFalse();
        sut.Merge(in later);
        sut.Merge(in last);

        (sut.OpenTimeMs, sut.Open, sut.High, sut.Low, sut.Close).ShouldBe((1_000L, 5L, 7L, 3L, 7L));
        (sut.Volume, sut.QuoteVolume, sut.TradeCount, sut.TakerBuyVolume, sut.TakerBuyQuoteVolume).ShouldBe(((Int128)4, (Int128)20, 4L, (Int128)2, (Int128)10));
    }
}
