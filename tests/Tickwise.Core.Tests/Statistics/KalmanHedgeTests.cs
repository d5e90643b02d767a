using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class KalmanHedgeTests
{
    // Closed forms evaluated in double by another route (normal equations): agreement to rounding.
    private const double ClosedForm = 1e-9;

    // A diffuse prior (P0 = 1e8 against x near 50) makes P ill-conditioned after the first pairs (about 1e11), which
    // costs digits in the covariance updates: relative agreement with OLS of 1e-4, not rounding.
    private const double DiffusePrior = 1e-4;

    private static (double[] X, double[] Y) Noisy(int n, double slope, double intercept, double noise, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n], y = new double[n];
        double level = 50;
        for (int i = 0; i < n; i++)
        {
            level += random.NextDouble() - 0.5;
            x[i] = level;
            y[i] = slope * level + intercept + noise * (random.NextDouble() * 2 - 1) * Math.Sqrt(3); // variance noise²
        }

        return (x, y);
    }

    // (R P0^-1 I + H'H)^-1 H'y with h = (x, 1): the posterior mean of a frozen state from a zero prior.
    private static (double Slope, double Intercept) ShrunkLeastSquares(double[] x, double[] y, int n, double r, double p0)
    {
        double sxx = r / p0, sx = 0, s1 = r / p0 + n, sxy = 0, sy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += x[i] * x[i];
            sx += x[i];
            sxy += x[i] * y[i];
            sy += y[i];
        }

        double det = sxx * s1 - sx * sx;
        return ((s1 * sxy - sx * sy) / det, (sxx * sy - sx * sxy) / det);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(300)]
    public void Update_ZeroDelta_EqualsShrunkLeastSquaresClosedForm(int n)
    {
        var (x, y) = Noisy(n, 1.5, -3, 0.4, seed: n);
        var sut = new KalmanHedge(delta: 0, observationVariance: 0.5, initialVariance: 100);

        for (int i = 0; i < n; i++) sut.Update(x[i], y[i]);

        var (slope, intercept) = ShrunkLeastSquares(x, y, n, 0.5, 100);
        sut.Slope.ShouldBe(slope, ClosedForm * Math.Max(1, Math.Abs(slope)));
        sut.Intercept.ShouldBe(intercept, ClosedForm * Math.Max(1, Math.Abs(intercept)));
    }

    [Fact]
    public void Update_ZeroDeltaDiffusePrior_EqualsOlsOnThePairsSeenSoFar()
    {
        var (x, y) = Noisy(500, 0.8, 12, 1, seed: 5);
        var sut = new KalmanHedge(delta: 0, observationVariance: 1, initialVariance: 1e8);

        for (int i = 0; i < x.Length; i++)
        {
            sut.Update(x[i], y[i]);
            if (i is 20 or 99 or 499)
            {
                OlsResult ols = Ols.Fit(y.AsSpan(0, i + 1), [x[..(i + 1)]]);
                sut.Slope.ShouldBe(ols.Coefficients[1], DiffusePrior * Math.Abs(ols.Coefficients[1]));
                sut.Intercept.ShouldBe(ols.Coefficients[0], DiffusePrior * Math.Abs(ols.Coefficients[0]));
            }
        }
    }

    [Fact]
    public void Update_ExactStaticRelation_ConvergesToIt()
    {
        var (x, _) = Noisy(2000, 0, 0, 0, seed: 1);
        var sut = new KalmanHedge(delta: 1e-5, observationVariance: 1e-6);

        foreach (double v in x) sut.Update(v, 2 * v + 5);

        sut.Slope.ShouldBe(2, 1e-6);
        sut.Intercept.ShouldBe(5, 1e-4);
        Math.Abs(sut.Innovation).ShouldBeLessThan(1e-4);
    }

    [Fact]
    public void Update_NoisyStaticRelation_ApproachesTheOlsSlope()
    {
        var (x, y) = Noisy(5000, 1.25, 3, 0.5, seed: 2);
        var sut = new KalmanHedge(delta: 1e-7, observationVariance: 0.25);

        for (int i = 0; i < x.Length; i++) sut.Update(x[i], y[i]);

        OlsResult ols = Ols.Fit(y, [x]);
        sut.Slope.ShouldBe(ols.Coefficients[1], 0.01);
        sut.Slope.ShouldBe(1.25, 0.02);
    }

    [Fact]
    public void Update_SlopeShift_FollowsTheNewSlopeWhereAFrozenStateDoesNot()
    {
        var (x, _) = Noisy(4000, 0, 0, 0, seed: 3);
        var random = new Random(4);
        var sut = new KalmanHedge(delta: 1e-4, observationVariance: 0.01);
        var frozen = new KalmanHedge(delta: 0, observationVariance: 0.01);

        for (int i = 0; i < x.Length; i++)
        {
            double slope = i < 2000 ? 1 : 2;
            double y = slope * x[i] + 0.1 * (random.NextDouble() - 0.5);
            sut.Update(x[i], y);
            frozen.Update(x[i], y);
        }

        sut.Slope.ShouldBe(2, 0.05);
        Math.Abs(frozen.Slope - 2).ShouldBeGreaterThan(0.2);
    }

    [Fact]
    public void Update_EstimatedNoise_ApproachesTheTrueVariance()
    {
        var (x, y) = Noisy(20_000, 0.5, 1, 0.3, seed: 6);
        var sut = new KalmanHedge(delta: 1e-7, observationVariance: null);

        for (int i = 0; i < x.Length; i++) sut.Update(x[i], y[i]);

        sut.EstimatesObservationNoise.ShouldBeTrue();
        sut.ObservationVariance.ShouldBe(0.09, 0.09 * 0.3);
        sut.InnovationZScore.ShouldBeInRange(-4, 4);
    }

    [Fact]
    public void Update_BeforeWarmUp_IsNotReadyAndNaN()
    {
        var sut = new KalmanHedge(warmUpPeriod: 3);

        sut.Update(1, 2);
        sut.Update(2, 4);

        sut.IsReady.ShouldBeFalse();
        sut.Status.ShouldBe(StatisticStatus.NotEnoughData);
        double.IsNaN(sut.Value).ShouldBeTrue();
        double.IsNaN(sut.Intercept).ShouldBeTrue();
        double.IsNaN(sut.InnovationZScore).ShouldBeTrue();
        sut.Update(3, 6);
        sut.IsReady.ShouldBeTrue();
        double.IsFinite(sut.Value).ShouldBeTrue();
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, double.NaN)]
    public void Update_NonFinitePair_IsIgnoredAndCounted(double x, double y)
    {
        var sut = new KalmanHedge();
        var twin = new KalmanHedge();
        sut.Update(10, 21);
        twin.Update(10, 21);
        sut.Update(11, 22);
        twin.Update(11, 22);

        sut.Update(x, y);

        sut.RejectedCount.ShouldBe(1);
        sut.SampleCount.ShouldBe(2);
        sut.Slope.ShouldBe(twin.Slope);
        sut.Intercept.ShouldBe(twin.Intercept);
    }

    [Fact]
    public void Reset_AfterUpdates_RestoresTheStartState()
    {
        var (x, y) = Noisy(100, 1, 0, 0.1, seed: 8);
        var sut = new KalmanHedge(observationVariance: null);
        var fresh = new KalmanHedge(observationVariance: null);
        for (int i = 0; i < 50; i++) sut.Update(x[i], y[i]);
        sut.Update(double.NaN, 1);

        sut.Reset();
        for (int i = 50; i < 100; i++)
        {
            sut.Update(x[i], y[i]);
            fresh.Update(x[i], y[i]);
        }

        sut.Slope.ShouldBe(fresh.Slope);
        sut.ObservationVariance.ShouldBe(fresh.ObservationVariance);
        sut.RejectedCount.ShouldBe(0);
        sut.SampleCount.ShouldBe(50);
    }

    [Fact]
    public void Update_ConstantX_StaysFiniteAndFitsTheLevel()
    {
        var sut = new KalmanHedge(delta: 1e-4, observationVariance: 1e-4);

        for (int i = 0; i < 1000; i++) sut.Update(100, 250);

        double.IsFinite(sut.Slope).ShouldBeTrue();
        (sut.Slope * 100 + sut.Intercept).ShouldBe(250, 1e-3);
    }

    [Fact]
    public void Update_AbsurdMagnitudes_StaysFinite()
    {
        var sut = new KalmanHedge(observationVariance: 1);

        for (int i = 1; i <= 100; i++) sut.Update(i * 1e12, i * 3e12);

        double.IsFinite(sut.Slope).ShouldBeTrue();
        sut.Slope.ShouldBe(3, 1e-6);
    }

    [Theory]
    [InlineData(-0.1, 1e-3, 1e6, 2, 0.01, "delta")]
    [InlineData(1.0, 1e-3, 1e6, 2, 0.01, "delta")]
    [InlineData(1e-4, 0.0, 1e6, 2, 0.01, "observationVariance")]
    [InlineData(1e-4, 1e-3, -1.0, 2, 0.01, "initialVariance")]
    [InlineData(1e-4, 1e-3, 1e6, 0, 0.01, "warmUpPeriod")]
    [InlineData(1e-4, 1e-3, 1e6, 2, 0.0, "noiseSmoothing")]
    public void Constructor_OutOfRange_ThrowsWithParameterName(double delta, double r, double p0, int warmUp, double smoothing, string name)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new KalmanHedge(delta, r, p0, warmUp, smoothing)).ParamName.ShouldBe(name);
    }
}
