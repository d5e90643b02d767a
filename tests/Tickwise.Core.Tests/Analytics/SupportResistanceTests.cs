using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Analytics.AnalyticsTestData;

namespace Tickwise.Core.Tests.Analytics;

public sealed class SupportResistanceTests
{
    private static readonly SupportResistanceOptions OneByOne = new() { LeftBars = 1, RightBars = 1, TolerancePercent = 0.5 };

    // Bars with the given highs and lows; each closes at its high.
    private static Bar[] Bars(params (decimal High, decimal Low)[] hl) =>
        hl.Select((b, i) => MakeBar(b.High, Start + i * 60_000L, high: b.High, low: b.Low)).ToArray();

    // Highs 12 (bar 1), 14 (3), 12.02 (5) and lows 10 (2), 10 (4) are the pivots; the last close is 10.
    private static readonly Bar[] HandMade = Bars((10, 9), (12, 11), (11, 10), (14, 13), (11, 10), (12.02m, 11.02m), (10, 9));

    [Fact]
    public void Find_HandMadeSwings_ClustersThemIntoThreeLevels()
    {
        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(HandMade, OneByOne);

        sut.Count.ShouldBe(3);
        sut[0].Price.ShouldBe(10);
        sut[0].Touches.ShouldBe(2);
        sut[0].LowTouches.ShouldBe(2);
        sut[0].Kind.ShouldBe(LevelKind.Support);
        sut[0].FirstTouchTimeMs.ShouldBe(Start + 2 * 60_000L);
        sut[0].LastTouchTimeMs.ShouldBe(Start + 4 * 60_000L);
        sut[1].Price.ShouldBe(12.01, 1e-12);
        sut[1].HighTouches.ShouldBe(2);
        sut[1].Low.ShouldBe(12);
        sut[1].High.ShouldBe(12.02);
        sut[1].Kind.ShouldBe(LevelKind.Resistance);
        sut[2].Price.ShouldBe(14);
        sut[2].Touches.ShouldBe(1);
        sut.Sum(l => l.Strength).ShouldBe(5);
    }

    [Fact]
    public void Find_TighterTolerance_SplitsTheCluster()
    {
        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(HandMade, OneByOne with { TolerancePercent = 0.1 }); // 12 · 1.001 < 12.02

        sut.Count.ShouldBe(4);
        sut.Select(l => l.Price).ShouldBe([10, 12, 12.02, 14]);
    }

    [Fact]
    public void Find_MinTouches_DropsSingleTouchLevels()
    {
        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(HandMade, OneByOne with { MinTouches = 2 });

        sut.Select(l => l.Touches).ShouldBe([2, 2]);
    }

    [Fact]
    public void Find_RecencyHalfLife_WeighsOldTouchesLess()
    {
        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(HandMade, OneByOne with { RecencyHalfLifeBars = 2 });

        sut[0].Strength.ShouldBe(0.25 + 0.5, 1e-12); // touches 4 and 2 bars before the last
    }

    [Fact]
    public void Find_FlatTop_CountsOnce()
    {
        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(Bars((1, 0.5m), (5, 4), (5, 4.5m), (2, 1)), OneByOne);

        sut.Single(l => l.HighTouches > 0).HighTouches.ShouldBe(1);
    }

    [Fact]
    public void Find_WiderPivotWindow_NeedsMoreNeighbours()
    {
        // With two bars each side only the 14 high (bar 3) qualifies among the highs.
        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(HandMade, OneByOne with { LeftBars = 2, RightBars = 2 });

        sut.Where(l => l.HighTouches > 0).Select(l => l.Price).ShouldBe([14]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Find_TooFewBars_ReturnsNoLevel(int n)
    {
        SupportResistance.Find(HandMade[..n], OneByOne).ShouldBeEmpty();
    }

    [Fact]
    public void Find_RealHourlyBars_KeepsTheClusteringInvariants()
    {
        Bar[] bars = RealBars.BtcHourly[..1000];
        var options = new SupportResistanceOptions { LeftBars = 3, RightBars = 3, TolerancePercent = 0.3 };

        IReadOnlyList<PriceLevel> sut = SupportResistance.Find(bars, options);

        sut.Sum(l => l.Touches).ShouldBe(NaivePivotCount(bars, 3, 3));
        double lowest = bars.Min(b => b.Low.ToDouble()), highest = bars.Max(b => b.High.ToDouble()), last = bars[^1].Close.ToDouble();
        for (int i = 0; i < sut.Count; i++)
        {
            PriceLevel level = sut[i];
            level.Price.ShouldBeInRange(lowest, highest);
            level.High.ShouldBeLessThanOrEqualTo(level.Low * 1.003 * (1 + 1e-15));
            level.Price.ShouldBeInRange(level.Low, level.High);
            level.Kind.ShouldBe(level.Price <= last ? LevelKind.Support : LevelKind.Resistance);
            if (i > 0) level.Low.ShouldBeGreaterThan(sut[i - 1].Low * 1.003);
        }
    }

    private static int NaivePivotCount(Bar[] bars, int left, int right)
    {
        int count = 0;
        for (int i = left; i + right < bars.Length; i++)
        {
            var before = bars[(i - left)..i];
            var after = bars[(i + 1)..(i + right + 1)];
            if (before.All(b => b.High < bars[i].High) && after.All(b => b.High <= bars[i].High)) count++;
            if (before.All(b => b.Low > bars[i].Low) && after.All(b => b.Low >= bars[i].Low)) count++;
        }

        return count;
    }

    [Fact]
    public void Find_MixedSymbols_Throws()
    {
        Bar[] bars = [.. HandMade, MakeBar(1m, Start + 10 * 60_000L, symbol: new Symbol("ETHUSDT"))];

        Should.Throw<ArgumentException>(() => SupportResistance.Find(bars)).ParamName.ShouldBe("bars");
    }

    [Theory]
    [InlineData(0, 1, 0.5, 1, "LeftBars")]
    [InlineData(1, 0, 0.5, 1, "RightBars")]
    [InlineData(1, 1, -0.5, 1, "TolerancePercent")]
    [InlineData(1, 1, double.NaN, 1, "TolerancePercent")]
    [InlineData(1, 1, 0.5, 0, "MinTouches")]
    public void Find_BadOptions_ThrowWithTheOptionName(int left, int right, double tolerance, int touches, string name)
    {
        var options = new SupportResistanceOptions { LeftBars = left, RightBars = right, TolerancePercent = tolerance, MinTouches = touches };

        Should.Throw<ArgumentOutOfRangeException>(() => SupportResistance.Find(HandMade, options)).ParamName.ShouldBe(name);
    }
}
