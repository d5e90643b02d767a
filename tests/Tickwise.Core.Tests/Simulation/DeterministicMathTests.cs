using Tickwise.Core.Simulation;

namespace Tickwise.Core.Tests.Simulation;

public class DeterministicMathTests
{
    // A few ulps: the functions are accurate, just not necessarily correctly rounded like no libm is.
    private const double RelativeTolerance = 1e-15;

    [Fact]
    public void Exp_AcrossItsRange_AgreesWithMathExp()
    {
        var random = new Xoshiro256StarStar(1UL);
        for (int i = 0; i < 200_000; i++)
        {
            double x = (random.NextDouble() * 2 - 1) * 700;
            if (i % 2 == 0) x /= 1000; // dense near zero as well
            double expected = Math.Exp(x);
            Math.Abs(DeterministicMath.Exp(x) - expected).ShouldBeLessThanOrEqualTo(expected * RelativeTolerance, $"exp({x:R})");
        }
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(710.0, double.PositiveInfinity)]
    [InlineData(-746.0, 0.0)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    public void Exp_ExactValues_ReturnsThem(double x, double expected)
    {
        DeterministicMath.Exp(x).ShouldBe(expected);
    }

    [Fact]
    public void Exp_EdgesOfRange_AgreesWithMathExp()
    {
        DeterministicMath.Exp(1).ShouldBe(Math.E, Math.E * RelativeTolerance);
        // Subnormal results carry few significant bits: allow one unit in the last place (4.9e-324).
        DeterministicMath.Exp(-740).ShouldBe(Math.Exp(-740), 1e-323);
        DeterministicMath.Exp(709.7).ShouldBe(Math.Exp(709.7), Math.Exp(709.7) * RelativeTolerance);
        double.IsNaN(DeterministicMath.Exp(double.NaN)).ShouldBeTrue();
    }

    [Fact]
    public void Log_AcrossItsRange_AgreesWithMathLog()
    {
        var random = new Xoshiro256StarStar(2UL);
        for (int i = 0; i < 200_000; i++)
        {
            // Log-uniform over 1e-300 .. 1e300, plus values near 1 where cancellation would show.
            double x = i % 2 == 0 ? Math.Pow(10, (random.NextDouble() * 2 - 1) * 300) : 1 + (random.NextDouble() - 0.5) * 1e-3;
            double expected = Math.Log(x);
            Math.Abs(DeterministicMath.Log(x) - expected).ShouldBeLessThanOrEqualTo(Math.Max(Math.Abs(expected), 1e-300) * 4 * RelativeTolerance + 1e-300, $"log({x:R})");
        }
    }

    [Fact]
    public void Log_SpecialValues_ReturnsExpected()
    {
        DeterministicMath.Log(1).ShouldBe(0);
        DeterministicMath.Log(Math.E).ShouldBe(1, RelativeTolerance);
        DeterministicMath.Log(0).ShouldBe(double.NegativeInfinity);
        DeterministicMath.Log(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
        double.IsNaN(DeterministicMath.Log(-1)).ShouldBeTrue();
        double.IsNaN(DeterministicMath.Log(double.NaN)).ShouldBeTrue();
        DeterministicMath.Log(double.Epsilon).ShouldBe(Math.Log(double.Epsilon), 1e-12); // subnormal input
    }

    [Fact]
    public void Tanh_AcrossItsRange_AgreesWithMathTanh()
    {
        for (double x = -25; x <= 25; x += 0.001)
            DeterministicMath.Tanh(x).ShouldBe(Math.Tanh(x), 1e-15, $"tanh({x:R})");
        double.IsNaN(DeterministicMath.Tanh(double.NaN)).ShouldBeTrue();
    }
}
