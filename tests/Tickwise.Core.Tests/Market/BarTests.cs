using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Market;

public class BarTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private const long Open = 1_723_161_240_000L;

    [Fact]
    public void Constructor_ConsistentValues_KeepsThem()
    {
        var sut = new Bar(Btc, Interval.OneMinute, Open, Price.Parse("10"), Price.Parse("12"), Price.Parse("9"), Price.Parse("11"), 2m, 21m, 3, 1m, 10m);
        sut.CloseTimeMs.ShouldBe(Open + 59_999);
        sut.Vwap.ShouldBe(10.5m);
    }

    [Fact]
    public void Vwap_NoVolume_IsClose()
    {
        Bar.Flat(Btc, Interval.OneMinute, Open, Price.Parse("42.5")).Vwap.ShouldBe(42.5m);
    }

    [Theory]
    [InlineData("10", "12", "13", "11", "low")] // low above high
    [InlineData("8", "12", "9", "11", "open")] // open below low
    [InlineData("10", "12", "9", "13", "close")] // close above high
    public void Constructor_PricesOutOfShape_Throws(string open, string high, string low, string close, string word)
    {
        var error = Should.Throw<ArgumentException>(() =>
            new Bar(Btc, Interval.OneMinute, Open, Price.Parse(open), Price.Parse(high), Price.Parse(low), Price.Parse(close), 1m, 10m, 1, 0m, 0m));
        error.Message.ShouldContain(word);
    }

    [Fact]
    public void Constructor_Misaligned_Throws()
    {
        Should.Throw<ArgumentException>(() => Bar.Flat(Btc, Interval.OneMinute, Open + 1, Price.Parse("1")))
            .Message.ShouldContain("aligned");
    }

    [Fact]
    public void FindProblem_NegativeVolumeOrTakerAboveVolume_IsReported()
    {
        var p = Price.Parse("1");
        Bar.FindProblem(Interval.OneMinute, Open, p, p, p, p, -1m, 0m, 0, 0m, 0m).ShouldNotBeNull();
        Bar.FindProblem(Interval.OneMinute, Open, p, p, p, p, 1m, 1m, 1, 2m, 0m).ShouldNotBeNull();
        Bar.FindProblem(Interval.OneMinute, Open, p, p, p, p, 1m, 1m, 1, 1m, 1m).ShouldBeNull();
    }
}
