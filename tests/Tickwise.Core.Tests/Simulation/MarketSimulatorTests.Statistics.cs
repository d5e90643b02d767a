using Tickwise.Core.Market;
using Tickwise.Core.Simulation;

namespace Tickwise.Core.Tests.Simulation;

/// <summary>The statistical properties the analytics downstream rely on, measured from the emitted events only.</summary>
public partial class MarketSimulatorTests
{
    private static readonly Symbol Aaa = new("AAAUSDT");
    private static readonly Symbol Bbb = new("BBBUSDT");

    [Fact]
    public void TryNext_CorrelatedPair_RealizedReturnCorrelationNearTarget()
    {
        var options = new SimulatorOptions
        {
            Symbols = [Free(Aaa, 100m, 0.04), Free(Bbb, 20m, 0.05)],
            Correlations = [new SymbolCorrelation(Aaa, Bbb, 0.8)],
            Seed = 3,
        };

        (double[] a, double[] b) = SampleMids(new MarketSimulator(options), 6 * HourMs, 1_000);
        double correlation = Correlation(LogReturns(a), LogReturns(b));

        // n = 21,600 one-second returns: the standard error of r is (1 - 0.8^2) / sqrt(n) = 0.0024, and rounding
        // mids to a tick of 1e-4 adds noise of under 0.1 % of the return variance. 0.015 is about 6 sigma.
        correlation.ShouldBe(0.8, 0.015);
    }

    [Fact]
    public void TryNext_DefaultBtcEth_StronglyCorrelatedThroughCointegration()
    {
        (double[] btc, double[] eth) = SampleMids(new MarketSimulator(SimulatorOptions.Default("BTCUSDT", "ETHUSDT") with { Seed = 9 }), 6 * HourMs, 1_000);

        // ETH moves with beta * BTC (3 % a day relative) plus a spread with 1 % shocks: r = 3 / sqrt(3^2 + 1^2) = 0.949.
        Correlation(LogReturns(btc), LogReturns(eth)).ShouldBe(0.949, 0.01);
    }

    [Fact]
    public void TryNext_CointegratedPair_SpreadIsMeanRevertingWithConfiguredHalfLife()
    {
        const double beta = 0.2;
        const double halfLifeSeconds = 60;
        var options = new SimulatorOptions
        {
            Symbols = [Free(Aaa, 100m, 0.04), Free(Bbb, 20m, 0.05)],
            CointegratedPairs = [new CointegratedPair(Aaa, Bbb, beta, halfLifeSeconds, 0.01)],
            Seed = 4,
        };

        (double[] a, double[] b) = SampleMids(new MarketSimulator(options), 24 * HourMs, 1_000);

        // The hedge ratio: OLS of B on A recovers beta (A ranges over several dollars, the spread's sd is ~0.01).
        (double slope, _) = FitLine(a, b);
        slope.ShouldBe(beta, beta * 0.02);

        // AR(1) by OLS on the spread sampled every second: s[t] = c + phi s[t-1]. Expected phi = exp(-ln 2 / 60) = 0.98851.
        // The standard error of the mean-reversion rate estimate is about sqrt(2 / (theta T)) = sqrt(2 / 998) = 4.5 %,
        // so 15 % on the half-life is over 3 sigma.
        var spread = new double[a.Length];
        for (int i = 0; i < a.Length; i++) spread[i] = b[i] - beta * a[i];
        (double phi, _) = FitLine(spread[..^1], spread[1..]);
        phi.ShouldBeLessThan(0.995);
        double halfLife = -Math.Log(2) / Math.Log(phi);
        halfLife.ShouldBe(halfLifeSeconds, halfLifeSeconds * 0.15);

        // The leader itself is a random walk: its AR(1) coefficient is one, up to the small downward bias of OLS.
        (double leaderPhi, _) = FitLine(a[..^1], a[1..]);
        leaderPhi.ShouldBeGreaterThan(0.999);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void TryNext_AnyBranchingRatio_TradeRateNearConfigured(double branchingRatio)
    {
        var options = new SimulatorOptions { Symbols = [Free(Aaa, 100m, 0.04, 5), Free(Bbb, 20m, 0.05, 0.5)], BranchingRatio = branchingRatio, Seed = 6 };

        long[] aCounts = CountTradesPerWindow(new MarketSimulator(options), Aaa, 24 * HourMs, 10_000, out long bTrades);
        long aTrades = 0;
        foreach (long c in aCounts) aTrades += c;

        // Hawkes counts over T have sd sqrt(rate T) / (1 - n): at n = 0.8, AAA's 432,000 expected trades have sd
        // 3,300 (0.8 %) and BBB's 43,200 have 2.4 %; 4 % and 10 % are over 4 sigma.
        (aTrades / 86_400.0).ShouldBe(5, 5 * 0.04);
        (bTrades / 86_400.0).ShouldBe(0.5, 0.5 * 0.10);
    }

    [Fact]
    public void TryNext_SelfExcitingArrivals_AreBurstierThanPoisson()
    {
        var poisson = new SimulatorOptions { Symbols = [Free(Aaa, 100m, 0.04, 5)], BranchingRatio = 0, Seed = 7 };
        var hawkes = poisson with { BranchingRatio = 0.5 };

        double poissonFano = Fano(CountTradesPerWindow(new MarketSimulator(poisson), Aaa, 24 * HourMs, 10_000, out _));
        double hawkesFano = Fano(CountTradesPerWindow(new MarketSimulator(hawkes), Aaa, 24 * HourMs, 10_000, out _));

        // Variance over mean of counts in 10 s windows: 1 for Poisson (8,640 windows: standard error 0.015); for a
        // Hawkes process with n = 0.5 and a 2 s decay it tends to 1 / (1 - n)^2 = 4 over long windows, ~2.9 at 10 s.
        poissonFano.ShouldBe(1, 0.08);
        hawkesFano.ShouldBeGreaterThan(2.2);
    }

    [Fact]
    public void TryNext_PriceMoves_BuyersAggressMoreAfterRises()
    {
        var sut = new MarketSimulator(new SimulatorOptions { Symbols = [Free(Aaa, 100m, 0.04, 5)], Seed = 8 });
        double mid = 0, midAtLastTrade = 0;
        int upBuys = 0, ups = 0, downBuys = 0, downs = 0;

        while (sut.TryNext(out MarketEvent e) && e.TimestampMs < sut.Options.StartTimeMs + 6 * HourMs)
        {
            if (e.Kind == MarketEventKind.Quote) { mid = e.Quote.MidPrice; continue; }
            bool buy = e.Trade.AggressorSide == AggressorSide.Buyer;
            if (mid > midAtLastTrade) { ups++; if (buy) upBuys++; }
            else if (mid < midAtLastTrade) { downs++; if (buy) downBuys++; }
            // The quote after each trade moves the mid by at most a size, not a price: read it before the next trade.
            midAtLastTrade = mid;
        }

        // With the flow strength 0.4 and a standardized move |z| ~ half-normal, P(buy | up) = 0.5 + 0.4 E tanh|z| ~ 0.74.
        ups.ShouldBeGreaterThan(10_000);
        downs.ShouldBeGreaterThan(10_000);
        (upBuys / (double)ups).ShouldBeGreaterThan(0.65);
        (downBuys / (double)downs).ShouldBeLessThan(0.35);
    }

    [Fact]
    public void TryNext_TradeQuantities_HaveTheConfiguredMedian()
    {
        var sut = new MarketSimulator(new SimulatorOptions { Symbols = [Free(Aaa, 100m, 0.04, 5)], Seed = 10 });
        var quantities = new List<long>();
        while (quantities.Count < 50_000 && sut.TryNext(out MarketEvent e))
        {
            if (e.Kind == MarketEventKind.Trade) quantities.Add(e.Trade.Quantity.Raw);
        }

        quantities.Sort();
        // Median 1.5 (log-normal, sigma 1): the sample median's standard error is ~1 %, and the cap at the size shown
        // trims only the upper tail.
        (quantities[quantities.Count / 2] / 1e8).ShouldBe(1.5, 1.5 * 0.06);
    }

    private static SimulatedSymbol Free(Symbol symbol, decimal price, double volatility, double tradesPerSecond = 2) =>
        new(symbol, price, 0.0001m, 0.01m, volatility, tradesPerSecond, 1.5m);

    /// <summary>Returns each symbol's quote mid as of the start of every period, the first two symbols only.</summary>
    private static (double[] First, double[] Second) SampleMids(MarketSimulator sut, long durationMs, long periodMs)
    {
        Symbol first = sut.Options.Symbols[0].Symbol;
        int samples = (int)(durationMs / periodMs);
        var a = new double[samples];
        var b = new double[samples];
        double midA = 0, midB = 0;
        long nextSampleMs = sut.Options.StartTimeMs + periodMs;
        int taken = 0;
        while (taken < samples && sut.TryNext(out MarketEvent e))
        {
            while (taken < samples && e.TimestampMs >= nextSampleMs)
            {
                a[taken] = midA;
                b[taken] = midB;
                taken++;
                nextSampleMs += periodMs;
            }
            if (e.Kind != MarketEventKind.Quote) continue;
            if (e.Quote.Symbol == first) midA = e.Quote.MidPrice;
            else if (e.Quote.Symbol == sut.Options.Symbols[1].Symbol) midB = e.Quote.MidPrice;
        }
        return (a, b);
    }

    private static long[] CountTradesPerWindow(MarketSimulator sut, Symbol symbol, long durationMs, long windowMs, out long otherTrades)
    {
        var counts = new long[durationMs / windowMs];
        otherTrades = 0;
        long start = sut.Options.StartTimeMs;
        while (sut.TryNext(out MarketEvent e) && e.TimestampMs < start + durationMs)
        {
            if (e.Kind != MarketEventKind.Trade) continue;
            if (e.Trade.Symbol == symbol) counts[(e.TimestampMs - start) / windowMs]++;
            else otherTrades++;
        }
        return counts;
    }

    private static double[] LogReturns(double[] prices)
    {
        var returns = new double[prices.Length - 1];
        for (int i = 1; i < prices.Length; i++) returns[i - 1] = Math.Log(prices[i] / prices[i - 1]);
        return returns;
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Ordinary least squares of y on x with an intercept.</summary>
    private static (double Slope, double Intercept) FitLine(double[] x, double[] y)
    {
        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return (slope, my - slope * mx);
    }

    private static double Fano(long[] counts)
    {
        double mean = 0, sumSquares = 0;
        foreach (long c in counts) mean += c;
        mean /= counts.Length;
        foreach (long c in counts) sumSquares += (c - mean) * (c - mean);
        return sumSquares / (counts.Length - 1) / mean;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }
}
