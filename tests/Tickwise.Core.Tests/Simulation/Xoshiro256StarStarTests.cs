using Tickwise.Core.Simulation;

namespace Tickwise.Core.Tests.Simulation;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void NextUInt64_StateOneTwoThreeFour_MatchesReferenceImplementation()
    {
        // First outputs of the C reference (prng.di.unimi.it/xoshiro256starstar.c) from s = {1, 2, 3, 4}.
        var sut = new Xoshiro256StarStar(1, 2, 3, 4);

        sut.NextUInt64().ShouldBe(11520UL);
        sut.NextUInt64().ShouldBe(0UL);
        sut.NextUInt64().ShouldBe(1509978240UL);
        sut.NextUInt64().ShouldBe(1215971899390074240UL);
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesReferenceImplementation()
    {
        // Outputs of the C reference (prng.di.unimi.it/splitmix64.c) from x = 0.
        ulong state = 0;

        Xoshiro256StarStar.SplitMix64(ref state).ShouldBe(0xE220A8397B1DCDAFUL);
        Xoshiro256StarStar.SplitMix64(ref state).ShouldBe(0x6E789E6AA1B965F4UL);
        Xoshiro256StarStar.SplitMix64(ref state).ShouldBe(0x06C45D188009454FUL);
    }

    [Fact]
    public void Constructor_AllZeroState_Throws()
    {
        Should.Throw<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));
    }

    [Fact]
    public void NextDouble_ManyDraws_StayInUnitIntervalWithUniformMoments()
    {
        var sut = new Xoshiro256StarStar(42UL);
        const int count = 1_000_000;
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < count; i++)
        {
            double u = sut.NextDouble();
            u.ShouldBeInRange(0.0, 0.9999999999999999);
            sum += u;
            sumSquares += u * u;
        }

        // Mean 1/2 and variance 1/12; the standard error of the mean is sqrt(1/12 / n) = 2.9e-4, so 2e-3 is about 7 sigma.
        (sum / count).ShouldBe(0.5, 2e-3);
        (sumSquares / count - 0.25).ShouldBe(1.0 / 12, 2e-3);
    }

    [Fact]
    public void NextNormal_ManyDraws_HaveStandardNormalMoments()
    {
        var sut = new Xoshiro256StarStar(7UL);
        const int count = 1_000_000;
        double sum = 0, sumSquares = 0, sumCubes = 0, sumFourth = 0;
        int beyondTwo = 0;
        for (int i = 0; i < count; i++)
        {
            double z = sut.NextNormal();
            sum += z;
            sumSquares += z * z;
            sumCubes += z * z * z;
            sumFourth += z * z * z * z;
            if (Math.Abs(z) > 2) beyondTwo++;
        }

        // Standard errors at n = 1e6: mean 1e-3, variance 1.4e-3, skewness 2.4e-3, kurtosis 4.9e-3; tolerances are ~5 sigma.
        (sum / count).ShouldBe(0, 5e-3);
        (sumSquares / count).ShouldBe(1, 7e-3);
        (sumCubes / count).ShouldBe(0, 1.5e-2);
        (sumFourth / count).ShouldBe(3, 5e-2);
        // P(|Z| > 2) = 0.0455; its standard error is 2.1e-4.
        (beyondTwo / (double)count).ShouldBe(0.0455, 1.5e-3);
    }

    [Fact]
    public void NextExponential_ManyDraws_HaveUnitMeanAndVariance()
    {
        var sut = new Xoshiro256StarStar(11UL);
        const int count = 1_000_000;
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < count; i++)
        {
            double x = sut.NextExponential();
            x.ShouldBeGreaterThanOrEqualTo(0);
            sum += x;
            sumSquares += x * x;
        }

        // Mean 1 (standard error 1e-3), second moment 2 (standard error 4.5e-3).
        (sum / count).ShouldBe(1, 5e-3);
        (sumSquares / count).ShouldBe(2, 2.5e-2);
    }

    [Fact]
    public void NextUInt64_SameSeed_SameSequence()
    {
        var a = new Xoshiro256StarStar(123UL);
        var b = new Xoshiro256StarStar(123UL);
        var c = new Xoshiro256StarStar(124UL);
        bool differs = false;
        for (int i = 0; i < 1000; i++)
        {
            ulong x = a.NextUInt64();
            x.ShouldBe(b.NextUInt64());
            differs |= x != c.NextUInt64();
        }
        differs.ShouldBeTrue();
    }
}
