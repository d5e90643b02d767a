namespace Tickwise.Core.Statistics;

/// <summary>Half-life of mean reversion of a spread (Ornstein-Uhlenbeck discretised as an AR(1)).</summary>
/// <remarks>
/// <para>Regresses Δs_t = s_t - s_(t-1) on s_(t-1) with a constant by <see cref="Ols"/>; the half-life is
/// -ln 2 / slope steps. That is the usual first-order form (Chan); the exact AR(1) half-life
/// ln 2 / -ln(1 + slope) is close to it for slow reversion (slope near 0) and is not used.</para>
/// <para>Bad data never throws: NaN or infinite values, fewer than three points, a constant spread or a singular
/// regression give NaN and the status; a slope ≥ 0 (no reversion) gives NaN and
/// <see cref="StatisticStatus.NotMeanReverting"/>.</para>
/// </remarks>
public static class HalfLife
{
    /// <summary>Estimates the half-life of mean reversion of <paramref name="spread"/>, in steps.</summary>
    public static HalfLifeResult Estimate(ReadOnlySpan<double> spread)
    {
        int n = spread.Length;
        foreach (double v in spread)
            if (!double.IsFinite(v)) return new(StatisticStatus.NonFiniteInput, "The spread has a NaN or infinite value.", double.NaN, double.NaN, double.NaN);
        if (n < 4) return new(StatisticStatus.NotEnoughData, $"{n} points leave {Math.Max(n - 1, 0)} changes; the regression needs at least 3.", double.NaN, double.NaN, double.NaN);

        var change = new double[n - 1];
        var level = new double[n - 1];
        for (int i = 1; i < n; i++)
        {
            change[i - 1] = spread[i] - spread[i - 1];
            level[i - 1] = spread[i - 1];
        }

        OlsResult fit = Ols.Fit(change, [level]);
        if (fit.Status != StatisticStatus.Ok) return new(fit.Status, fit.Reason, double.NaN, double.NaN, double.NaN);
        double slope = fit.Coefficients[1], intercept = fit.Coefficients[0];
        if (!(slope < 0))
            return new(StatisticStatus.NotMeanReverting, $"The reversion slope is {slope:G6} (not negative): the spread does not revert.", double.NaN, slope, intercept);
        return new(StatisticStatus.Ok, null, -Math.Log(2) / slope, slope, intercept);
    }
}
