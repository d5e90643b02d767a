using Tickwise.Core.Market;
using Tickwise.Web.Analysis;

namespace Tickwise.Tests.Web.Analysis;

public class IndicatorSeriesTests
{
    private static Bar[] Bars(params double[] closes)
    {
        var symbol = new Symbol("BTCUSDT");
        var bars = new Bar[closes.Length];
        for (int i = 0; i < closes.Length; i++)
        {
            var p = Price.Parse(closes[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            bars[i] = new Bar(symbol, Interval.OneMinute, 1_723_075_200_000 + i * 60_000L, p, p, p, p, 1m, (decimal)closes[i], 1, 0m, 0m);
        }
        return bars;
    }

    [Fact]
    public void Compute_OneLine_CrossesAreTheCloseCrossingIt()
    {
        Bar[] bars = Bars(10, 10, 10, 12, 12, 8, 8);

        IndicatorSeries sut = IndicatorSeries.Compute(bars, bars.Length, [2], []);

        // SMA2: -, 10, 10, 11, 12, 10, 8; close - sma: -, 0, 0, 1, 0, -2, 0.
        sut.Crosses.Select(c => (c.TimeMs, c.Up)).ShouldBe([(bars[3].OpenTimeMs, true), (bars[5].OpenTimeMs, false)]);
        sut.Crosses[0].Price.ShouldBe(Price.Parse("12"));
    }

    [Fact]
    public void Compute_FastAndSlow_UsesTheShortestAndLongestPeriods()
    {
        Bar[] bars = Bars(1, 1, 1, 1, 5, 5, 5, 1, 1, 1);

        IndicatorSeries sut = IndicatorSeries.Compute(bars, bars.Length, [1, 3], [2]);

        // fast = SMA1 (the close), slow = SMA3: up where the close jumps above, down where it drops below.
        sut.Crosses.Select(c => c.Up).ShouldBe([true, false]);
        sut.Sma.Select(l => l.Period).ShouldBe([1, 3]);
        sut.Ema.Single().Period.ShouldBe(2);
    }

    [Fact]
    public void Compute_Shown_CutsTheWarmUpBarsFromEveryLine()
    {
        Bar[] bars = Bars(1, 2, 3, 4, 5, 6);

        IndicatorSeries sut = IndicatorSeries.Compute(bars, 3, [3], []);

        sut.OpenTimes.ShouldBe([bars[3].OpenTimeMs, bars[4].OpenTimeMs, bars[5].OpenTimeMs]);
        sut.Sma[0].Values.ShouldBe([3.0, 4.0, 5.0]);
    }

    [Fact]
    public void Compute_NoBars_IsEmpty()
    {
        IndicatorSeries sut = IndicatorSeries.Compute([], 10, [5], [12]);

        sut.OpenTimes.ShouldBeEmpty();
        sut.Crosses.ShouldBeEmpty();
        sut.Levels.ShouldBeEmpty();
    }
}
