using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Pairs;

public sealed class SpreadTests
{
    [Fact]
    public void Compute_KnownHedge_SubtractsTheFittedLeg()
    {
        double[] spread = new double[3];

        Spread.Compute([10.0, 20, 31], [1.0, 2, 3], new HedgeEstimate(HedgeMethod.WindowOls, StatisticStatus.Ok, 10, 0.5), spread);

        spread.ShouldBe([-0.5, -0.5, 0.5]);
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        Should.Throw<ArgumentException>(() => Spread.Compute([1.0], [1.0, 2], default, new double[1])).ParamName.ShouldBe("spread");
    }

    [Fact]
    public void ZScore_RealCloses_EqualsTheZScoreIndicatorBatch()
    {
        double[] closes = Tickwise.Core.Tests.Statistics.PairReferences.Slice("ETH", 100, 60);

        StatisticStatus status = Spread.ZScore(closes, out double z, out double mean, out double sd);

        status.ShouldBe(StatisticStatus.Ok);
        z.ShouldBe(Core.Indicators.ZScore.Batch(closes, 60)[^1], 1e-9);
        mean.ShouldBe(closes.Average(), 1e-9);
        sd.ShouldBe(Math.Sqrt(closes.Select(c => (c - closes.Average()) * (c - closes.Average())).Sum() / 60), 1e-9);
    }

    [Fact]
    public void ZScore_FlatSpread_ReturnsConstantSeries()
    {
        Spread.ZScore([0.1, 0.1, 0.1, 0.1], out double z, out _, out _).ShouldBe(StatisticStatus.ConstantSeries);
        double.IsNaN(z).ShouldBeTrue();
    }

    [Fact]
    public void ZScore_NaNSpread_ReturnsNonFiniteInput()
    {
        Spread.ZScore([0.1, double.NaN, 0.3], out _, out _, out _).ShouldBe(StatisticStatus.NonFiniteInput);
    }

    [Fact]
    public void ZScore_OneValue_ReturnsNotEnoughData()
    {
        Spread.ZScore([0.1], out _, out _, out _).ShouldBe(StatisticStatus.NotEnoughData);
    }
}
