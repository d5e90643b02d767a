using System.Text.Json;
using Tickwise.Core.Statistics;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

public sealed class MacKinnonTests
{
    private static readonly string[] Codes = ["n", "c", "ct", "ctt"];
    private static readonly AdfRegression[] Regressions =
        [AdfRegression.None, AdfRegression.Constant, AdfRegression.ConstantTrend, AdfRegression.ConstantQuadraticTrend];

    private static JsonElement Tables() =>
        JsonDocument.Parse(File.ReadAllText(ReferenceData.SharedPath("reference", "adf", "mackinnon_tables.json"))).RootElement;

    [Fact]
    public void CriticalValues_EveryTableRow_MatchesStatsmodelsTable()
    {
        // The generated tables against their source: asymptotic values are b0, T = 100 evaluates the whole surface.
        JsonElement tau = Tables().GetProperty("critical_value_method").GetProperty("tau_2010");
        for (int r = 0; r < Codes.Length; r++)
        {
            int seriesCount = 0;
            foreach (JsonElement row in tau.GetProperty(Codes[r]).EnumerateArray())
            {
                seriesCount++;
                double[][] b = row.EnumerateArray().Select(l => l.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
                var (one, five, ten) = MacKinnon.CriticalValues(Regressions[r], 100, seriesCount);
                one.ShouldBe(b[0][0] + b[0][1] / 100 + b[0][2] / 1e4 + b[0][3] / 1e6, 1e-12);
                five.ShouldBe(b[1][0] + b[1][1] / 100 + b[1][2] / 1e4 + b[1][3] / 1e6, 1e-12);
                ten.ShouldBe(b[2][0] + b[2][1] / 100 + b[2][2] / 1e4 + b[2][3] / 1e6, 1e-12);
                MacKinnon.CriticalValues(Regressions[r], int.MaxValue, seriesCount).FivePercent.ShouldBe(b[1][0]);
            }

            seriesCount.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void PValue_EveryTableRow_MatchesPolynomialFromStatsmodelsTable()
    {
        JsonElement p = Tables().GetProperty("pvalue_method");
        double[] smallScale = p.GetProperty("small_scaling").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] largeScale = p.GetProperty("large_scaling").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int r = 0; r < Codes.Length; r++)
            for (int n = 0; n < 6; n++)
            {
                double star = p.GetProperty("tau_star").GetProperty(Codes[r])[n].GetDouble();
                double[] small = p.GetProperty("tau_smallp_unscaled").GetProperty(Codes[r])[n].EnumerateArray().Select((e, i) => e.GetDouble() * smallScale[i]).ToArray();
                double[] large = p.GetProperty("tau_largep_unscaled").GetProperty(Codes[r])[n].EnumerateArray().Select((e, i) => e.GetDouble() * largeScale[i]).ToArray();
                double below = star - 0.5, above = star + 0.3;
                MacKinnon.PValue(below, Regressions[r], n + 1).ShouldBe(NormalDistribution.Cdf(small[0] + small[1] * below + small[2] * below * below), 1e-12);
                MacKinnon.PValue(above, Regressions[r], n + 1).ShouldBe(
                    NormalDistribution.Cdf(large[0] + large[1] * above + large[2] * above * above + large[3] * above * above * above), 1e-12);
                MacKinnon.PValue(p.GetProperty("tau_min").GetProperty(Codes[r])[n].GetDouble() - 0.01, Regressions[r], n + 1).ShouldBe(0);
            }
    }

    [Fact]
    public void PValue_AboveTableMaximum_IsOne() => MacKinnon.PValue(2.75, AdfRegression.Constant).ShouldBe(1);

    [Fact]
    public void PValue_NaN_IsNaN() => double.IsNaN(MacKinnon.PValue(double.NaN, AdfRegression.Constant)).ShouldBeTrue();

    [Fact]
    public void PValue_SevenSeries_ThrowsWithParameterName() =>
        Should.Throw<ArgumentOutOfRangeException>(() => MacKinnon.PValue(-3, AdfRegression.Constant, 7)).ParamName.ShouldBe("seriesCount");

    [Fact]
    public void CriticalValues_TwoSeriesWithoutConstant_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => MacKinnon.CriticalValues(AdfRegression.None, 100, 2)).ParamName.ShouldBe("seriesCount");
}
