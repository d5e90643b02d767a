using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Backtest;

public class EquityMarkerTests
{
    /// <summary>Seeded random walks of 4-decimal closes (FIL-like near 4.2, and a cointegrated NEAR-like leg near 1.3).</summary>
    private static (Bar[] A, Bar[] B) RandomWalks(int count, int seed)
    {
        var random = new Random(seed);
        var a = new Bar[count];
        var b = new Bar[count];
        double level = 1.3, noise = 0;
        decimal previousA = 4.2m, previousB = 1.3m;
        for (int i = 0; i < count; i++)
        {
            level *= 1 + 0.004 * (random.NextDouble() - 0.5);
            noise = 0.95 * noise + 0.01 * (random.NextDouble() - 0.5);
            decimal closeA = Math.Round((decimal)(3.2 * level + noise), 4), closeB = Math.Round((decimal)level, 4);
            a[i] = MakeBar(Fil, i, previousA, closeA);
            b[i] = MakeBar(Near, i, previousB, closeB);
            previousA = closeA;
            previousB = closeB;
        }
        return (a, b);
    }

    private static Bar MakeBar(Symbol symbol, int index, decimal open, decimal close)
    {
        Price o = P(open), c = P(close);
        return new Bar(symbol, Interval.OneMinute, T0 + index * 60_000L, o, o > c ? o : c, o < c ? o : c, c, 1m, 1m, 1, 0m, 0m);
    }

    private static void ShouldBeBitwiseEqual(BacktestResult actual, BacktestResult expected)
    {
        actual.Equity.Length.ShouldBe(expected.Equity.Length);
        for (int i = 0; i < expected.Equity.Length; i++)
            if (decimal.GetBits(actual.Equity[i]).AsSpan().SequenceEqual(decimal.GetBits(expected.Equity[i])) is false)
                throw new ShouldAssertException($"Equity[{i}]: {actual.Equity[i]} (integer marking) differs from {expected.Equity[i]} (decimal) in value or scale.");
        decimal.GetBits(actual.FinalEquity).ShouldBe(decimal.GetBits(expected.FinalEquity));
        actual.Metrics.ShouldBe(expected.Metrics);
        for (int v = 0; v < expected.Variants.Count; v++)
        {
            decimal.GetBits(actual.Variants[v].FinalEquity).ShouldBe(decimal.GetBits(expected.Variants[v].FinalEquity));
            actual.Variants[v].Metrics.ShouldBe(expected.Variants[v].Metrics);
        }
    }

    [Theory]
    [InlineData(0, 0, "notional=0")]
    [InlineData(7.5, 3, "notional=0")]
    [InlineData(10, 1, "notional=1000")]
    [InlineData(1, 0, "notional=123.456789")]
    public void Engine_CrossoverWithIntegerMarking_GivesTheDecimalPathsEquityBitForBit(double feesBps, double slippageBps, string notional)
    {
        (Bar[] a, _) = RandomWalks(20_000, seed: 7);
        var options = new BacktestOptions(FeesBps: (decimal)feesBps, SlippageBps: (decimal)slippageBps, InitialEquity: 10_000);

        var sut = new BacktestEngine(options, integerMarking: true).Run(CrossoverStrategy.Create(notional), [a]);

        BacktestResult expected = new BacktestEngine(options, integerMarking: false).Run(CrossoverStrategy.Create(notional), [a]);
        expected.FillCount.ShouldBeGreaterThan(100); // many fills: the constants are rebuilt many times
        ShouldBeBitwiseEqual(sut, expected);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7.5, 2)]
    public void Engine_MeanReversionPairWithIntegerMarking_GivesTheDecimalPathsEquityBitForBit(double feesBps, double slippageBps)
    {
        (Bar[] a, Bar[] b) = RandomWalks(20_000, seed: 11);
        var options = new BacktestOptions(FeesBps: (decimal)feesBps, SlippageBps: (decimal)slippageBps, InitialEquity: 5_000.5m);

        var sut = new BacktestEngine(options, integerMarking: true).Run(MeanReversionStrategy.Create("window=120", "z_window=30"), [a, b]);

        BacktestResult expected = new BacktestEngine(options, integerMarking: false).Run(MeanReversionStrategy.Create("window=120", "z_window=30"), [a, b]);
        expected.FillCount.ShouldBeGreaterThan(10);
        ShouldBeBitwiseEqual(sut, expected);
    }

    [Fact]
    public void TryMark_HeldPosition_ReturnsTheDecimalPathsEquityWithItsScale()
    {
        var (runner, broker) = Runner(10_000m, fees: 7.5m, slippage: 3m);
        ((IStrategyContext)runner).SetTarget(0, 0, 12.34567891m);
        broker.OnOpen(0, Price.Parse("4.1234"), T0);
        var sut = new EquityMarker(runner, 2, 10_000m);
        sut.Rebuild();
        runner.OnAlignedBars([MakeBar(Fil, 0, 4.1234m, 4.2001m)]);

        sut.TryMark(0, 0, [P(4.2001m).Raw], out decimal equity, out _).ShouldBeTrue();

        decimal expected = 10_000m + runner.NetPnl(0);
        equity.ShouldBe(expected);
        equity.Scale.ShouldBe(expected.Scale);
        sut.TryMark(1, 0, [P(4.2001m).Raw], out decimal flat, out _).ShouldBeTrue();
        decimal.GetBits(flat).ShouldBe(decimal.GetBits(10_000m + runner.NetPnl(1)));
        sut.TryTotal(out decimal total).ShouldBeTrue();
        decimal.GetBits(total).ShouldBe(decimal.GetBits(0m + equity + flat));
    }

    [Fact]
    public void TryMark_EquityAtOrBelowZero_LeavesItToTheDecimalPath()
    {
        // 10 bought at 10 with 50 of equity (no margin model): equity = 50 + 10 × (close − 10).
        var (runner, broker) = Runner(50m, fees: 0, slippage: 0);
        ((IStrategyContext)runner).SetTarget(0, 0, 10m);
        broker.OnOpen(0, Price.Parse("10"), T0);
        var sut = new EquityMarker(runner, 2, 50m);
        sut.Rebuild();

        sut.TryMark(0, 0, [P(9m).Raw], out decimal equity, out _).ShouldBeTrue();
        equity.ShouldBe(40m);
        sut.TryMark(0, 1, [P(5m).Raw], out _, out _).ShouldBeFalse(); // zero: the decimal path decides its sign bit
        sut.TryMark(0, 2, [P(4m).Raw], out _, out _).ShouldBeFalse();
    }

    private static (StrategyRunner Runner, BacktestBroker Broker) Runner(decimal equity, decimal fees, decimal slippage)
    {
        var broker = new BacktestBroker([Fil], new FeeModel(fees, fees), new SlippageModel(slippage));
        var runner = new StrategyRunner(CrossoverStrategy.Create(), [Fil], broker, (BacktestRecorder?)null, equity);
        return (runner, broker);
    }
}
