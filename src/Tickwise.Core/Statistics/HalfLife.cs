using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Half-life of mean reversion of a spread (Ornstein-Uhlenbeck discretised as an AR(1)).</summary>
/// <remarks>
/// <para>Regresses Δs_t = s_t - s_(t-1) on s_(t-1) with a constant by OLS (<see cref="Ols"/>'s arithmetic); the half-life is
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

        // The regression as a pooled design (level, then change) solved by OlsSolver: Ols.Fit's arithmetic and bits
        // without its result object, since only the slope and the intercept are needed.
        int rows = n - 1;
        double[] buffer = ArrayPool<double>.Shared.Rent(2 * rows);
        double slope, intercept;
        try
        {
            Span<double> design = buffer.AsSpan(0, 2 * rows);
            for (int i = 1; i < n; i++)
            {
                design[i - 1] = spread[i - 1];
                design[rows + i - 1] = spread[i] - spread[i - 1];
            }

            Span<double> work = stackalloc double[6];
            StatisticStatus status = OlsSolver.Solve(design, rows, 1, intercept: true, work[..2], work.Slice(2, 1), work.Slice(3, 1), work.Slice(4, 1),
                out _, out _, out int bad, out bool dependent);
            if (status != StatisticStatus.Ok) return new(status, Ols.FailureReason(bad, dependent, true), double.NaN, double.NaN, double.NaN);
            slope = work[4];
            intercept = work[1] - work[0] * slope; // Ols.Fit's intercept: the mean of y less the means times the slopes
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }

        if (!(slope < 0))
            return new(StatisticStatus.NotMeanReverting, $"The reversion slope is {slope:G6} (not negative): the spread does not revert.", double.NaN, slope, intercept);
        return new(StatisticStatus.Ok, null, -Math.Log(2) / slope, slope, intercept);
    }
}
