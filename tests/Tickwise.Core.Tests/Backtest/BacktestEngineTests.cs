using System.Text.Json;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Backtest;

public class BacktestEngineTests
{
    // Closes 50 50 50 50 100 100 95 95; each bar opens at the previous close + 1. SMA(2)/SMA(3) cross up at bar 4's
    // close (100) and down at bar 6's close (95): buy at bar 5's open 101, sell at bar 7's open 96.
    private static readonly Bar[] Bars = MakeBars(Fil, [50, 50, 50, 50, 100, 100, 95, 95], openOffset: 1);

    private static BacktestResult RunCrossover(BacktestOptions options) =>
        new BacktestEngine(options).Run(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2"), [Bars]);

    [Fact]
    public void Run_SignalAtCloseFillsAtNextOpenWithSlippageAndFees_AsComputedByHand()
    {
        var sut = RunCrossover(new BacktestOptions(FeesBps: 10, SlippageBps: 10, InitialEquity: 10_000));

        // Quantity: all of 10 000 at the signal close 100 = 100. Buy at 101 × 1.001 = 101.101, fee 10.1101;
        // sell at 96 × 0.999 = 95.904, fee 9.5904. P&L = 100 × (95.904 − 101.101) − 19.7005 = −539.4005 per variant.
        sut.Trades.Count.ShouldBe(2);
        foreach (BacktestTrade trade in sut.Trades)
        {
            trade.Side.ShouldBe(OrderSide.Buy);
            trade.EntryTimeMs.ShouldBe(Bars[5].OpenTimeMs);
            trade.ExitTimeMs.ShouldBe(Bars[7].OpenTimeMs);
            trade.Quantity.ShouldBe(100m);
            trade.EntryPrice.ShouldBe(101.101m);
            trade.ExitPrice.ShouldBe(95.904m);
            trade.Pnl.ShouldBe(-539.4005m);
            trade.Return.ShouldBe(-539.4005m / 10_110.1m);
        }
        sut.Trades.Select(t => t.Variant).ShouldBe(["A", "B"]);
        sut.FinalEquity.ShouldBe(2 * (10_000m - 539.4005m));
        sut.InitialEquity.ShouldBe(20_000m);
        // Bar 5's close marks 100 shares bought at 101.101 at 100, less the entry fee.
        sut.Equity[5].ShouldBe(2 * (10_000m + 100 * (100m - 101.101m) - 10.1101m));
        sut.Equity[4].ShouldBe(20_000m);
        sut.EquityTimesMs[0].ShouldBe(Bars[0].OpenTimeMs + 60_000);
        sut.Metrics.Exposure.ShouldBe(2.0 / 8); // held through bars 5 and 6
        sut.Metrics.Turnover.ShouldBe((double)(2 * (10_110.1m + 9_590.4m) / 20_000m), 1e-12);
        sut.Metrics.WinRate.ShouldBe(0);
        sut.Metrics.TotalReturn.ShouldBe(-539.4005 / 10_000, 1e-12);
        sut.Variants.Select(v => (v.Variant, v.FinalEquity, v.TradeCount)).ShouldBe([("A", 9_460.5995m, 1), ("B", 9_460.5995m, 1)]);
        sut.FillCount.ShouldBe(4);
        sut.Signals.Count.ShouldBe(4);
        sut.FromMs.ShouldBe(Bars[0].OpenTimeMs);
        sut.ToMs.ShouldBe(Bars[^1].OpenTimeMs + 60_000);
    }

    [Fact]
    public void Run_SignalOnTheLastBar_NeverFills()
    {
        var sut = new BacktestEngine(new BacktestOptions()).Run(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2"), [Bars[..5]]);
        sut.Signals.Count.ShouldBe(2);
        sut.FillCount.ShouldBe(0);
        sut.FinalEquity.ShouldBe(20_000m);
    }

    [Fact]
    public void Run_Twice_GivesByteIdenticalReports()
    {
        static string Json(BacktestResult result)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream)) BacktestReportJson.Write(writer, result, "x", new Dictionary<string, string>());
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
        decimal[] closes = [.. Enumerable.Range(0, 3000).Select(t => 100 + (decimal)Math.Round(20 * Math.Sin(t / 15.0) + 5 * Math.Sin(t / 3.7), 4))];
        Bar[] bars = MakeBars(Fil, closes, openOffset: 0.25m);
        var options = new BacktestOptions(FeesBps: 7.5m, SlippageBps: 3m);
        string first = Json(new BacktestEngine(options).Run(CrossoverStrategy.Create(), [bars]));
        string second = Json(new BacktestEngine(options).Run(CrossoverStrategy.Create(), [bars]));
        second.ShouldBe(first);
        first.ShouldContain("\"trades\":[{");
    }

    [Fact]
    public void Run_BadInput_Throws()
    {
        var engine = new BacktestEngine(new BacktestOptions());
        Bar[] near = MakeBars(Near, [1, 2, 3, 4, 5, 6, 7, 8]);
        Should.Throw<ArgumentException>(() => engine.Run(MeanReversionStrategy.Create(), [Bars])).Message.ShouldContain("needs 2 symbol(s); 1 given");
        Should.Throw<ArgumentException>(() => engine.Run(MeanReversionStrategy.Create(), [Bars, near[1..]])).Message.ShouldContain("lengths differ");
        Bar[] shifted = [.. near[1..], MakeBars(Near, [1, 2, 3, 4, 5, 6, 7, 8, 9])[8]];
        Should.Throw<ArgumentException>(() => engine.Run(MeanReversionStrategy.Create(), [Bars, shifted])).Message.ShouldContain("not aligned");
        Should.Throw<ArgumentException>(() => engine.Run(CrossoverStrategy.Create(), [[]])).Message.ShouldContain("No bars");
        Should.Throw<ArgumentOutOfRangeException>(() => new BacktestEngine(new BacktestOptions(FeesBps: -1)));
        Should.Throw<ArgumentOutOfRangeException>(() => new BacktestEngine(new BacktestOptions(InitialEquity: 0)));
    }
}
