using Tickwise.Core.Market;
using Tickwise.Core.Simulation;

namespace Tickwise.Core.Tests.Simulation;

public class SymbolStateTests
{
    private static SymbolState Create(decimal startPrice = 100m, decimal tick = 0.01m, double branchingRatio = 0.5, double tradesPerSecond = 5)
    {
        var config = new SimulatedSymbol(new Symbol("AAAUSDT"), startPrice, tick, 0.001m, 0.03, tradesPerSecond, 1m);
        var options = new SimulatorOptions { Symbols = [config], BranchingRatio = branchingRatio };
        return new SymbolState(config, options, 99);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(100.005)]
    [InlineData(99.999999)]
    [InlineData(0.02)]
    [InlineData(0.000001)]
    public void UpdateTop_AnyMid_BidBelowAskOnGridAndBracketingTheMid(double mid)
    {
        var sut = Create();

        for (int i = 0; i < 1_000; i++)
        {
            sut.Mid = mid;
            sut.UpdateTop();
            Quote q = sut.TakeQuote(1_704_067_200_000);

            q.BidPrice.Raw.ShouldBeGreaterThanOrEqualTo(sut.TickRaw);
            q.BidPrice.ShouldBeLessThan(q.AskPrice);
            (q.BidPrice.Raw % sut.TickRaw).ShouldBe(0);
            (q.AskPrice.Raw % sut.TickRaw).ShouldBe(0);
            (q.AskPrice.Raw - q.BidPrice.Raw).ShouldBeInRange(sut.TickRaw, 3 * sut.TickRaw, "one to three ticks wide");
            if (mid > 0.05) q.MidPrice.ShouldBe(mid, 0.01 + 1e-9, "the quote is centred on the mid within a tick");
        }
    }

    [Fact]
    public void UpdateTop_SameMid_ReportsNoChangeUnlessTheSpreadChanges()
    {
        var sut = Create();
        sut.Mid = 100.003;
        sut.UpdateTop();
        int changes = 0;

        for (int i = 0; i < 10_000; i++)
        {
            if (sut.UpdateTop()) changes++;
        }

        // Only the spread regime (2 % per step, often redrawn to the same width) moves the top of a still mid.
        changes.ShouldBeInRange(50, 400);
    }

    [Fact]
    public void TakeTrade_Repeatedly_IdsContiguousTimesIncreasingAtTheTop()
    {
        var sut = Create();
        sut.UpdateTop();
        sut.ScheduleNextTrade(0);
        double previousTime = 0;

        for (long id = 1; id <= 10_000; id++)
        {
            Quote top = sut.TakeQuote(1_704_067_200_000);
            double due = sut.NextTradeTimeMs;
            due.ShouldBeGreaterThan(previousTime);
            previousTime = due;

            Trade trade = sut.TakeTrade(1_704_067_200_000);

            trade.Id.ShouldBe(id);
            trade.TimestampMs.ShouldBe(1_704_067_200_000 + (long)Math.Floor(due));
            trade.Price.ShouldBe(trade.AggressorSide == AggressorSide.Buyer ? top.AskPrice : top.BidPrice);
            trade.Quantity.ShouldBeLessThanOrEqualTo(trade.AggressorSide == AggressorSide.Buyer ? top.AskQuantity : top.BidQuantity);
        }
    }

    [Fact]
    public void ScheduleNextTrade_NoExcitation_MeanGapIsTheInverseRate()
    {
        var sut = Create(branchingRatio: 0, tradesPerSecond: 4);
        double t = 0;
        const int count = 100_000;

        for (int i = 0; i < count; i++)
        {
            sut.ScheduleNextTrade(t);
            t = sut.NextTradeTimeMs;
        }

        // Exponential gaps of mean 250 ms: the standard error of the mean over 1e5 gaps is 0.8 ms.
        (t / count).ShouldBe(250, 4);
    }
}
