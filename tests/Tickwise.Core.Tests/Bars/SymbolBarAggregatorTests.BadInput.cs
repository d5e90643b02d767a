using System.Globalization;
using System.Numerics;
using Tickwise.Core.Bars;
using Tickwise.Core.Market;
using Tickwise.Testing;

namespace Tickwise.Core.Tests.Bars;

// Construction, wrong input, absurd numbers and huge gaps.
public partial class SymbolBarAggregatorTests
{
    [Fact]
    public void Constructor_UnsortedDuplicateIntervals_SortsThemAndTakesTheirDivisorAsBase()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneMinute, Interval.Parse("15s"), Interval.Parse("10s"), Interval.Parse("15s")]);

        sut.Intervals.ShouldBe([Interval.Parse("10s"), Interval.Parse("15s"), Interval.OneMinute]);
        sut.BaseInterval.ShouldBe(Interval.Parse("5s"));
    }

    [Fact]
    public void Constructor_EmptyIntervals_Throws() =>
        Should.Throw<ArgumentException>(() => new SymbolBarAggregator(Btc, [])).ParamName.ShouldBe("intervals");

    [Fact]
    public void Constructor_NullIntervals_Throws() =>
        Should.Throw<ArgumentNullException>(() => new SymbolBarAggregator(Btc, null!)).ParamName.ShouldBe("intervals");

    [Fact]
    public void Constructor_DefaultInterval_Throws() =>
        Should.Throw<ArgumentException>(() => new SymbolBarAggregator(Btc, [Interval.OneSecond, default])).ParamName.ShouldBe("intervals");

    [Fact]
    public void Constructor_EmptySymbol_Throws() =>
        Should.Throw<ArgumentException>(() => new SymbolBarAggregator(default, [Interval.OneSecond])).ParamName.ShouldBe("symbol");

    [Fact]
    public void Add_TradeOfOtherSymbol_ThrowsAndChangesNothing()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);

        Should.Throw<ArgumentException>(() => sut.Add(NewTrade(T0, "1", "1", symbol: new Symbol("ETHUSDT")))).ParamName.ShouldBe("trade");
        Should.Throw<ArgumentException>(() => sut.Add(default));
        sut.HasStarted.ShouldBeFalse();
        sut.TradesApplied.ShouldBe(0);
    }

    [Fact]
    public void Add_BaseIntervalNotConfigured_EmitsOnlyConfiguredIntervals()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.Parse("10s"), Interval.Parse("15s")]);
        sut.Add(NewTrade(T0 + 1_000, "1", "1"));
        sut.Add(NewTrade(T0 + 12_000, "2", "1"));

        sut.Add(NewTrade(T0 + 31_000, "3", "1"));

        sut.Completed.ToArray().Select(b => (b.Interval.ToString(), (b.OpenTimeMs - T0) / 1000, b.TradeCount))
            .ShouldBe([("10s", 0L, 1L), ("15s", 0L, 2L), ("10s", 10L, 1L), ("10s", 20L, 0L), ("15s", 15L, 0L)]);
    }

    [Fact]
    public void Add_AggregatedTrade_CountsEveryTradeItStandsFor()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);

        sut.Add(NewTrade(T0, "1", "1", tradeCount: 7));
        sut.Add(NewTrade(T0 + 1, "1", "1", tradeCount: int.MaxValue));

        OpenBars(sut).Single().TradeCount.ShouldBe(7L + int.MaxValue);
    }

    [Fact]
    public void Add_TradeAYearAhead_EmitsEveryFlatBarInBetween()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneHour, Interval.OneDay]);
        long jan2024 = 1_704_067_200_000, jan2025 = 1_735_689_600_000;
        sut.Add(NewTrade(jan2024, "5", "1"));

        sut.Add(NewTrade(jan2025 + 1, "6", "1"));

        Bar[] bars = sut.Completed.ToArray();
        bars.Count(b => b.Interval == Interval.OneHour).ShouldBe(366 * 24);
        bars.Count(b => b.Interval == Interval.OneDay).ShouldBe(366);
        bars.Count(b => b.TradeCount == 0).ShouldBe(366 * 24 - 1 + 365);
        bars[^1].ShouldBe(Bar.Flat(Btc, Interval.OneDay, jan2025 - 86_400_000, Price.Parse("5")));
    }

    [Fact]
    public void Add_AbsurdPriceAndQuantity_SumsExactlyUntilOverflowThenThrowsWithoutChangingTheBar()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);
        var huge = new Trade(Btc, 1, new Price(long.MaxValue), new Quantity(long.MaxValue), T0, AggressorSide.Seller);
        sut.Add(huge);
        sut.Add(huge);

        Should.Throw<OverflowException>(() => sut.Add(huge));

        sut.TradesApplied.ShouldBe(2);
        Bar bar = OpenBars(sut).Single();
        bar.Volume.ShouldBe(2 * FixedPoint.ToDecimal(long.MaxValue));
        // 2 * (2^63 - 1)^2 e-16 has 39 digits; a decimal keeps 29 of them: 23 before the point and 6 after, rounded half up.
        BigInteger exact = 2 * BigInteger.Pow(long.MaxValue, 2);
        BigInteger kept = (exact + 5_000_000_000) / 10_000_000_000;
        bar.QuoteVolume.ShouldBe(decimal.Parse(kept.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) / 1_000_000m);
    }

    [Fact]
    public void CopyOpenBars_DestinationTooShort_Throws()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond, Interval.OneMinute]);
        sut.Add(NewTrade(T0, "1", "1"));

        Should.Throw<ArgumentException>(() => sut.CopyOpenBars(new Bar[1])).ParamName.ShouldBe("destination");
    }

    [Fact]
    public void CopyOpenBars_BeforeFirstTrade_ReturnsZero()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond]);

        sut.CopyOpenBars([]).ShouldBe(0);
    }

    [Fact]
    public void Reset_AfterTrades_BehavesAsNew()
    {
        var sut = new SymbolBarAggregator(Btc, [Interval.OneSecond, Interval.OneMinute]);
        sut.Add(NewTrade(T0 + 5_000, "1", "1"));
        sut.Add(NewTrade(T0, "1", "1"));

        sut.Reset();
        sut.Add(NewTrade(T0, "2", "3"));

        (sut.HasStarted, sut.LateTrades, sut.TradesApplied).ShouldBe((true, 0L, 1L));
        OpenBars(sut).ShouldAllBe(b => b.OpenTimeMs == T0 && b.Volume == 3m);
    }

    [Fact]
    public void Add_SteadyStream_AllocatesNothing()
    {
        var sut = new SymbolBarAggregator(Btc, Interval.Standard);
        Trade[] trades = [.. RandomTrades.Generate(seed: 5, count: 50_000).Select(t => t.ToTrade(Btc))];
        foreach (Trade trade in trades) sut.Add(trade);
        sut.Reset();
        sut.ClearCompleted();

        // The stream goes on across the rounds: a tenth of the trades each.
        int next = 0;
        long allocated = SteadyAllocations.Of(() =>
        {
            for (int end = next + trades.Length / 10; next < end; next++)
            {
                sut.Add(trades[next]);
                if (sut.Completed.Length > 1_000) sut.ClearCompleted();
            }
        });

        allocated.ShouldBe(0);
    }
}
