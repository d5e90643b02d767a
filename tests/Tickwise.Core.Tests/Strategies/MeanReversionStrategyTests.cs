using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Strategies;

public class MeanReversionStrategyTests
{
    private const int Window = 40, ZWindow = 30;

    /// <summary>B wanders smoothly; A = 2 B plus small noise and planted shocks of the spread: up (short entry, then
    /// back), down (long entry, then back), and a runaway one (entry then stop).</summary>
    private static (Bar[] A, Bar[] B) Pair()
    {
        const int n = 400;
        var a = new decimal[n];
        var b = new decimal[n];
        for (int t = 0; t < n; t++)
        {
            double pb = 10 + Math.Sin(t / 7.0) + 0.05 * Math.Cos(t * 1.3);
            double noise = 0.05 * Math.Sin(t * 2.1);
            if (t is >= 120 and < 124) noise += 0.6;
            if (t is >= 220 and < 224) noise -= 0.6;
            if (t is >= 320 and < 330) noise += 0.3 * (t - 319);
            b[t] = Math.Round((decimal)pb, 4);
            a[t] = Math.Round((decimal)(2 * pb + noise), 4);
        }
        return (MakeBars(Fil, a), MakeBars(Near, b));
    }

    private static MeanReversionStrategy Sut(params string[] more) => MeanReversionStrategy.Create([$"window={Window}", $"z_window={ZWindow}", .. more]);

    private static List<Signal> Run(MeanReversionStrategy sut, Bar[] a, Bar[] b, RecordingContext? context = null)
    {
        context ??= new RecordingContext();
        for (int i = 0; i < a.Length; i++) sut.OnBars([a[i], b[i]], context);
        return context.Signals;
    }

    /// <summary>The same rules recomputed naively: a two-pass OLS slope over each window, the spread with that bar's
    /// slope, a two-pass z-score, and the entry / exit / stop rules written out plainly.</summary>
    private static List<(long Time, SignalSide SideA, bool Stop)> Naive(Bar[] a, Bar[] b, double entry = 2, double exit = 0, double stop = 4)
    {
        var spreads = new List<double>();
        var events = new List<(long, SignalSide, bool)>();
        int state = 0;
        bool blocked = false;
        for (int t = Window - 1; t < a.Length; t++)
        {
            double mx = 0, my = 0;
            for (int i = t - Window + 1; i <= t; i++) { mx += b[i].Close.ToDouble(); my += a[i].Close.ToDouble(); }
            mx /= Window; my /= Window;
            double sxy = 0, sxx = 0;
            for (int i = t - Window + 1; i <= t; i++)
            {
                sxy += (b[i].Close.ToDouble() - mx) * (a[i].Close.ToDouble() - my);
                sxx += (b[i].Close.ToDouble() - mx) * (b[i].Close.ToDouble() - mx);
            }
            double beta = sxy / sxx;
            spreads.Add(a[t].Close.ToDouble() - beta * b[t].Close.ToDouble());
            if (spreads.Count < ZWindow) continue;
            double mean = spreads.TakeLast(ZWindow).Average();
            double sd = Math.Sqrt(spreads.TakeLast(ZWindow).Sum(s => (s - mean) * (s - mean)) / ZWindow);
            double z = (spreads[^1] - mean) / sd;
            long time = CloseMs(t);
            if (state != 0)
            {
                bool stopped = Math.Abs(z) >= stop;
                if (stopped || (state < 0 && z <= exit) || (state > 0 && z >= -exit))
                {
                    events.Add((time, SignalSide.Exit, stopped));
                    blocked = stopped;
                    state = 0;
                }
                continue;
            }
            if (blocked) { if (Math.Abs(z) >= entry) continue; blocked = false; }
            if (Math.Abs(z) >= entry && Math.Abs(z) < stop)
            {
                state = z > 0 ? -1 : 1;
                events.Add((time, state < 0 ? SignalSide.Sell : SignalSide.Buy, false));
            }
        }
        return events;
    }

    [Fact]
    public void OnBars_PlantedShocks_EntersExitsAndStopsWhereTheNaiveRulesDo()
    {
        var (a, b) = Pair();
        List<Signal> signals = Run(Sut(), a, b);

        var expected = Naive(a, b);
        var legA = signals.Where(s => s.Symbol == Fil).ToList();
        legA.Select(s => (s.TimeMs, s.Side, s.Reason.StartsWith("stop", StringComparison.Ordinal))).ShouldBe(expected);
        // The planted shocks exercise every rule.
        expected.ShouldContain(e => e.SideA == SignalSide.Sell);
        expected.ShouldContain(e => e.SideA == SignalSide.Buy);
        expected.ShouldContain(e => e.SideA == SignalSide.Exit && !e.Stop);
        expected.ShouldContain(e => e.Stop);
        // One signal per leg, same time; B is traded the other way (beta is positive here).
        signals.Count.ShouldBe(2 * legA.Count);
        foreach (Signal s in legA)
        {
            Signal other = signals.Single(x => x.Symbol == Near && x.TimeMs == s.TimeMs);
            other.Side.ShouldBe(s.Side switch { SignalSide.Buy => SignalSide.Sell, SignalSide.Sell => SignalSide.Buy, _ => SignalSide.Exit });
        }
    }

    [Fact]
    public void OnBars_ShortEntry_SellsANotionalSplitByTheHedgeRatio()
    {
        var (a, b) = Pair();
        var sut = Sut("notional=5000");
        var context = new RecordingContext();
        var betas = new List<double>();
        context.OnTarget = () => betas.Add(sut.HedgeRatio);
        Run(sut, a, b, context);

        int index = context.Signals.FindIndex(s => s.Symbol == Fil && s.Side == SignalSide.Sell);
        Signal entry = context.Signals[index];
        entry.Reason.ShouldStartWith("z = ");
        entry.Reason.ShouldContain(">= 2: short the spread");
        int bar = (int)((entry.TimeMs - T0) / 60_000) - 1;
        int target = context.Targets.FindIndex(t => t.SignalCount == index + 2);
        var (legA, legB) = (context.Targets[target], context.Targets[target + 1]);
        (legA.Symbol, legB.Symbol).ShouldBe((0, 1));
        double beta = betas[target];
        decimal qa = -legA.Quantity, qb = legB.Quantity;
        qa.ShouldBeGreaterThan(0);
        double gross = (double)(qa * a[bar].Close.ToDecimal()) + Math.Abs(beta) * (double)qa * b[bar].Close.ToDouble();
        gross.ShouldBe(5000, 0.01);
        ((double)qb).ShouldBe(beta * (double)qa, 1e-6);
        context.Targets[target + 2].Quantity.ShouldBe(0m); // the next decision is the exit, flattening both legs
        context.Targets[target + 3].Quantity.ShouldBe(0m);
    }

    [Fact]
    public void OnBars_KalmanHedge_TradesTheShocksToo()
    {
        var (a, b) = Pair();
        var sut = Sut("hedge=kalman", "kalman_delta=0.0001");
        sut.Hedge.ShouldBe("kalman");
        List<Signal> signals = Run(sut, a, b);
        signals.ShouldContain(s => s.Side == SignalSide.Sell);
        signals.ShouldContain(s => s.Side == SignalSide.Exit);
        double.IsFinite(sut.HedgeRatio).ShouldBeTrue();
        sut.HedgeRatio.ShouldBe(2.0, 0.3);
    }

    [Fact]
    public void OnBars_ConstantLegB_NeverTrades()
    {
        var a = MakeBars(Fil, [.. Enumerable.Range(0, 200).Select(i => 10m + i % 7)]);
        var b = MakeBars(Near, [.. Enumerable.Repeat(5m, 200)]);
        Run(Sut(), a, b).ShouldBeEmpty();
    }

    [Fact]
    public void Reset_ThenSameBars_GivesTheSameSignals()
    {
        var (a, b) = Pair();
        var sut = Sut();
        List<Signal> first = Run(sut, a, b);
        sut.Reset();
        Run(sut, a, b).ShouldBe(first);
    }

    [Theory]
    [InlineData("exit=2", "exit (2) must be below entry (2)")]
    [InlineData("stop=1.5", "stop (1.5) must be above entry (2)")]
    [InlineData("hedge=median", "hedge must be one of ols, kalman")]
    [InlineData("window=1", "window must lie in [2, 100000]")]
    public void Create_BadParameters_Throws(string assignment, string expected) =>
        Should.Throw<ArgumentException>(() => MeanReversionStrategy.Create(assignment)).Message.ShouldContain(expected);
}
