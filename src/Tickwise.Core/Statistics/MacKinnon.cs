namespace Tickwise.Core.Statistics;

/// <summary>Approximate p-values (MacKinnon 1994) and critical values (MacKinnon 2010) of unit-root and
/// cointegration t statistics, as statsmodels' <c>mackinnonp</c> and <c>mackinnoncrit</c>.</summary>
/// <remarks>
/// <para><c>seriesCount</c> is the number of I(1) series N: 1 for the ADF test, k + 1 for an Engle-Granger test
/// with k regressors. p-values exist for N = 1 to 6; critical values for N = 1 (no deterministic term) and
/// N = 1 to 12 otherwise.</para>
/// <para>p-value: 1 above the table's largest statistic, 0 below its smallest; otherwise
/// Φ(c0 + c1 t + c2 t² [+ c3 t³]) with the small- or large-p coefficients on either side of τ*.</para>
/// </remarks>
public static class MacKinnon
{
    /// <summary>Returns the approximate p-value of <paramref name="statistic"/>; NaN when it is NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seriesCount"/> is outside 1..6, or the regression is unknown.</exception>
    public static double PValue(double statistic, AdfRegression regression, int seriesCount = 1)
    {
        int r = Index(regression);
        if (seriesCount < 1 || seriesCount > 6)
            throw new ArgumentOutOfRangeException(nameof(seriesCount), seriesCount, "MacKinnon (1994) p-values cover 1 to 6 series.");
        if (double.IsNaN(statistic)) return double.NaN;
        int n = seriesCount - 1;
        if (statistic > MacKinnonTables.TauMax[r][n]) return 1;
        if (statistic < MacKinnonTables.TauMin[r][n]) return 0;
        double[] c = statistic <= MacKinnonTables.TauStar[r][n] ? MacKinnonTables.SmallP[r][n] : MacKinnonTables.LargeP[r][n];
        double z = 0;
        for (int i = c.Length - 1; i >= 0; i--) z = z * statistic + c[i];
        return NormalDistribution.Cdf(z);
    }

    /// <summary>Returns the 1%, 5% and 10% critical values for a regression on <paramref name="observations"/> observations
    /// (<see cref="int.MaxValue"/> or less than 1 for the asymptotic values).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seriesCount"/> is outside the table, or the regression is unknown.</exception>
    public static (double OnePercent, double FivePercent, double TenPercent) CriticalValues(AdfRegression regression, int observations, int seriesCount = 1)
    {
        double[][][] table = MacKinnonTables.Tau2010[Index(regression)];
        if (seriesCount < 1 || seriesCount > table.Length)
            throw new ArgumentOutOfRangeException(nameof(seriesCount), seriesCount, $"MacKinnon (2010) critical values cover 1 to {table.Length} series for {regression}.");
        double[][] rows = table[seriesCount - 1];
        double inv = observations < 1 || observations == int.MaxValue ? 0 : 1.0 / observations;
        return (Surface(rows[0], inv), Surface(rows[1], inv), Surface(rows[2], inv));
    }

    private static double Surface(double[] b, double inv) => b[0] + inv * (b[1] + inv * (b[2] + inv * b[3]));

    private static int Index(AdfRegression regression) => regression switch
    {
        AdfRegression.None => 0,
        AdfRegression.Constant => 1,
        AdfRegression.ConstantTrend => 2,
        AdfRegression.ConstantQuadraticTrend => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(regression), regression, "Unknown regression."),
    };
}
