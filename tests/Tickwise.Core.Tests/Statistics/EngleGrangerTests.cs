using System.Text.Json;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Statistics;

public sealed class EngleGrangerTests
{
    // pair_references.json: statsmodels 0.13.5 coint on real Binance hourly closes; the same algorithm (OLS, residual ADF
    // without deterministic term, MacKinnon N = 2) in another summation order agrees to rounding, as in AdfTests.
    private const double StatsmodelsExact = 1e-8;

    public static TheoryData<string> Cases =>
        new(PairReferences.Section("coint").Select(c => c.GetProperty("id").GetString()!));

    private static AdfRegression Trend(string code) => code switch
    {
        "n" => AdfRegression.None,
        "c" => AdfRegression.Constant,
        "ct" => AdfRegression.ConstantTrend,
        _ => AdfRegression.ConstantQuadraticTrend,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_BinanceHourlyCloses_MatchesStatsmodelsCoint(string id)
    {
        JsonElement c = PairReferences.Case("coint", id);
        double[] y = PairReferences.Slice(c, "y"), x = PairReferences.Slice(c, "x");
        int? maxLag = c.GetProperty("maxlag").ValueKind == JsonValueKind.Null ? null : c.GetProperty("maxlag").GetInt32();
        AdfLagSelection selection = c.GetProperty("autolag").GetString() switch
        {
            null => AdfLagSelection.Fixed,
            "bic" => AdfLagSelection.Bic,
            _ => AdfLagSelection.Aic,
        };

        EngleGrangerResult sut = EngleGranger.Test(y, x, Trend(c.GetProperty("trend").GetString()!), maxLag, selection);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.Reason.ShouldBeNull();
        sut.Statistic.ShouldBe(c.GetProperty("statistic").GetDouble(), StatsmodelsExact);
        sut.PValue.ShouldBe(c.GetProperty("pvalue").GetDouble(), StatsmodelsExact);
        sut.UsedLag.ShouldBe(c.GetProperty("used_lag").GetInt32());
        double hedge = c.GetProperty("hedge_ratio").GetDouble();
        sut.HedgeRatio.ShouldBe(hedge, StatsmodelsExact * Math.Abs(hedge));
        if (sut.Regression == AdfRegression.None)
        {
            double.IsNaN(sut.CriticalValue1).ShouldBeTrue();
            c.GetProperty("crit").EnumerateArray().ShouldAllBe(v => v.ValueKind == JsonValueKind.Null);
        }
        else
        {
            double[] crit = RobustReference.Doubles(c.GetProperty("crit"));
            sut.CriticalValue1.ShouldBe(crit[0], 1e-12);
            sut.CriticalValue5.ShouldBe(crit[1], 1e-12);
            sut.CriticalValue10.ShouldBe(crit[2], 1e-12);
        }
    }

    [Fact]
    public void Test_CointegratedSimulation_RejectsAndRandomWalksDoNot()
    {
        var random = new Random(21);
        int n = 1000;
        double[] x = new double[n], y = new double[n], z = new double[n];
        double level = 100, other = 50, noise = 0;
        for (int i = 0; i < n; i++)
        {
            level += random.NextDouble() - 0.5;
            other += random.NextDouble() - 0.5;
            noise = 0.5 * noise + (random.NextDouble() - 0.5);
            x[i] = level;
            y[i] = 2 * level + 10 + noise;
            z[i] = other;
        }

        EngleGrangerResult cointegrated = EngleGranger.Test(y, x);
        EngleGrangerResult independent = EngleGranger.Test(z, x);

        cointegrated.PValue.ShouldBeLessThan(0.01);
        cointegrated.HedgeRatio.ShouldBe(2, 0.01);
        cointegrated.Intercept.ShouldBe(10, 1);
        independent.PValue.ShouldBeGreaterThan(0.05);
    }

    [Fact]
    public void Test_ExactlyCollinear_ReturnsMinusInfinityWithAWarning()
    {
        double[] x = Enumerable.Range(0, 100).Select(i => 100 + Math.Sin(i) * 5 + i * 0.1).ToArray();
        double[] y = x.Select(v => 3 * v - 7).ToArray();

        EngleGrangerResult sut = EngleGranger.Test(y, x);

        sut.Status.ShouldBe(StatisticStatus.Ok);
        sut.Statistic.ShouldBe(double.NegativeInfinity);
        sut.PValue.ShouldBe(0);
        sut.Reason.ShouldNotBeNull();
    }

    [Fact]
    public void Test_NaN_ReturnsNonFiniteInput()
    {
        double[] y = PairReferences.Slice("ETH", 0, 100), x = PairReferences.Slice("BTC", 0, 100);
        x[50] = double.NaN;

        EngleGrangerResult sut = EngleGranger.Test(y, x);

        sut.Status.ShouldBe(StatisticStatus.NonFiniteInput);
        double.IsNaN(sut.Statistic).ShouldBeTrue();
        double.IsNaN(sut.PValue).ShouldBeTrue();
        sut.Reason.ShouldNotBeNull();
    }

    [Fact]
    public void Test_ConstantX_ReturnsConstantSeries()
    {
        double[] y = PairReferences.Slice("ETH", 0, 100);

        EngleGranger.Test(y, Enumerable.Repeat(30_000.0, 100).ToArray()).Status.ShouldBe(StatisticStatus.ConstantSeries);
    }

    [Fact]
    public void Test_ConstantY_ReturnsConstantSeries()
    {
        double[] x = PairReferences.Slice("BTC", 0, 100);

        EngleGranger.Test(Enumerable.Repeat(2_000.0, 100).ToArray(), x).Status.ShouldBe(StatisticStatus.ConstantSeries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Test_TooFewPoints_ReturnsNotEnoughData(int n)
    {
        double[] y = PairReferences.Slice("ETH", 0, n), x = PairReferences.Slice("BTC", 0, n);

        EngleGranger.Test(y, x).Status.ShouldBe(StatisticStatus.NotEnoughData);
    }

    [Fact]
    public void Test_LengthMismatch_Throws()
    {
        Should.Throw<ArgumentException>(() => EngleGranger.Test([1.0, 2, 3], [1.0, 2])).ParamName.ShouldBe("x");
    }

    [Fact]
    public void Test_NegativeMaxLag_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => EngleGranger.Test([1.0, 2, 3], [1.0, 2, 4], maxLag: -1)).ParamName.ShouldBe("maxLag");
    }

    [Fact]
    public void Test_UnknownRegression_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => EngleGranger.Test([1.0, 2, 3], [1.0, 2, 4], (AdfRegression)42)).ParamName.ShouldBe("regression");
    }

    // Determinism: bits of the code before the performance work (commit 49269b0); see AdfTests.Test_SeededSeries_GivesPinnedBits.
    [Theory]
    [InlineData(1_000, 0xC0201ED6BFACE14EUL, 0x3FAC26FD53E6209DUL)]
    [InlineData(240, 0xC00A72DAF43250A9UL, 0UL)]
    public void Test_SeededPair_GivesPinnedBits(int n, ulong statisticBits, ulong hedgeBits)
    {
        (double[] a, double[] b) = AdfTests.SeededPair(n);

        EngleGrangerResult sut = EngleGranger.Test(a, b);

        BitConverter.DoubleToUInt64Bits(sut.Statistic).ShouldBe(statisticBits);
        if (hedgeBits != 0) BitConverter.DoubleToUInt64Bits(sut.HedgeRatio).ShouldBe(hedgeBits);
    }
}

