using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Theil-Sen regression: the median of the pairwise slopes, robust to up to 29% of outliers, as
/// scipy's <c>theilslopes</c>.</summary>
/// <remarks>
/// <para><see cref="Fit"/> is exact: it forms all n(n-1)/2 slopes over the pairs with x_i &lt; x_j (pairs with
/// equal x are left out) and selects their median in O(n²) time and memory. <see cref="FitWithInterval"/> also
/// sorts them for Sen's (1968) confidence interval (eq. 2.6, Kendall's variance corrected for ties in x,
/// interval ranks rounded half to even as NumPy does).</para>
/// <para><see cref="FitSampled"/> is the variant for long windows: the median of m pairs drawn uniformly at
/// random (with replacement, seeded, so repeatable), O(m) time and memory whatever n is. Its slope is the median of
/// the sampled slopes, whose rank among all slopes is within about ±1/(2√m) of the median's in quantile terms (one
/// standard deviation; about ±0.35% of the ranks for the default 20,000 pairs); when m covers every pair it
/// falls back to the exact fit.</para>
/// <para>Bad data never throws: NaN or infinite values, fewer than two points, or x constant (no pair with
/// distinct x) give a result with NaN values, the status and a reason.</para>
/// </remarks>
public static class TheilSen
{
    /// <summary>The default number of sampled pairs of <see cref="FitSampled"/>.</summary>
    public const int DefaultSamplePairs = 20_000;

    /// <summary>Returns the exact Theil-Sen line of y on x.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public static TheilSenResult Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TheilSenIntercept intercept = TheilSenIntercept.Separate)
    {
        TheilSenResult? bad = Check(x, y);
        if (bad is not null) return bad.Value;
        double[] slopes = AllSlopes(x, y, out int count);
        try
        {
            if (count == 0) return TheilSenResult.Failed(StatisticStatus.ConstantSeries, "x is constant: no pair has distinct x.");
            double slope = OrderStatistics.MedianInPlace(slopes.AsSpan(0, count));
            return new TheilSenResult(StatisticStatus.Ok, null, slope, Intercept(x, y, slope, intercept), double.NaN, double.NaN, count);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(slopes);
        }
    }

    /// <summary>Returns the exact Theil-Sen line with Sen's confidence interval of the slope at confidence 1 - <paramref name="alpha"/>.</summary>
    /// <param name="x">The regressor.</param>
    /// <param name="y">The responses.</param>
    /// <param name="alpha">As scipy: 0.05 gives a 95% interval; a value above 0.5 is taken as 1 - alpha.</param>
    /// <param name="intercept">How to place the intercept.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not strictly between 0 and 1.</exception>
    public static TheilSenResult FitWithInterval(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double alpha = 0.05,
        TheilSenIntercept intercept = TheilSenIntercept.Separate)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie strictly between 0 and 1.");
        TheilSenResult? bad = Check(x, y);
        if (bad is not null) return bad.Value;
        double[] slopes = AllSlopes(x, y, out int count);
        try
        {
            return count == 0
                ? TheilSenResult.Failed(StatisticStatus.ConstantSeries, "x is constant: no pair has distinct x.")
                : WithInterval(x, y, alpha, intercept, slopes.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(slopes);
        }
    }

    private static TheilSenResult WithInterval(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double alpha, TheilSenIntercept intercept, Span<double> sorted)
    {
        int count = sorted.Length;
        sorted.Sort();
        double slope = (count & 1) == 1 ? sorted[count / 2] : sorted[count / 2 - 1] + (sorted[count / 2] - sorted[count / 2 - 1]) / 2;

        if (alpha > 0.5) alpha = 1 - alpha;
        double z = NormalQuantile(alpha / 2);
        int n = x.Length;
        double variance = n * (n - 1.0) * (2.0 * n + 5);
        double[] xs = x.ToArray();
        Array.Sort(xs);
        for (int i = 0; i < n;)
        {
            int j = i + 1;
            while (j < n && xs[j] == xs[i]) j++;
            double t = j - i;
            if (t > 1) variance -= t * (t - 1) * (2 * t + 5);
            i = j;
        }

        double sigma = Math.Sqrt(variance / 18);
        int upper = (int)Math.Min(Math.Round((count - z * sigma) / 2), count - 1);
        int lower = (int)Math.Max(Math.Round((count + z * sigma) / 2) - 1, 0);
        return new TheilSenResult(StatisticStatus.Ok, null, slope, Intercept(x, y, slope, intercept), sorted[lower], sorted[upper], count);
    }

    /// <summary>Returns the Theil-Sen line from <paramref name="samplePairs"/> randomly drawn pairs (see remarks).</summary>
    /// <param name="x">The regressor.</param>
    /// <param name="y">The responses.</param>
    /// <param name="samplePairs">How many pairs to draw; at or above n(n-1)/2 the exact fit is returned.</param>
    /// <param name="seed">The seed of the pair sampler: the same seed and data give the same line.</param>
    /// <param name="intercept">How to place the intercept.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samplePairs"/> is below 1.</exception>
    public static TheilSenResult FitSampled(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int samplePairs = DefaultSamplePairs,
        ulong seed = 0x5EED_7E11_5E11UL, TheilSenIntercept intercept = TheilSenIntercept.Separate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplePairs, 1);
        TheilSenResult? bad = Check(x, y);
        if (bad is not null) return bad.Value;
        int n = x.Length;
        if (samplePairs >= n * (n - 1L) / 2) return Fit(x, y, intercept);

        double[] slopes = ArrayPool<double>.Shared.Rent(samplePairs); // 160 KB by default: pooled, not a large-object allocation per call
        try
        {
            return Sampled(x, y, samplePairs, seed, intercept, slopes);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(slopes);
        }
    }

    private static TheilSenResult Sampled(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int samplePairs, ulong seed, TheilSenIntercept intercept, double[] slopes)
    {
        int n = x.Length, count = 0;
        ulong state = seed;
        // Pairs with equal x are redrawn; a bounded number of attempts keeps a nearly constant x from looping long.
        for (long attempt = 0; count < samplePairs && attempt < 20L * samplePairs; attempt++)
        {
            int i = (int)(Next(ref state) % (ulong)n);
            int j = (int)(Next(ref state) % (ulong)(n - 1));
            if (j >= i) j++;
            double dx = x[j] - x[i];
            if (dx != 0) slopes[count++] = (y[j] - y[i]) / dx;
        }

        if (count == 0) return TheilSenResult.Failed(StatisticStatus.ConstantSeries, "x is constant: no sampled pair has distinct x.");
        double slope = OrderStatistics.MedianInPlace(slopes.AsSpan(0, count));
        return new TheilSenResult(StatisticStatus.Ok, null, slope, Intercept(x, y, slope, intercept), double.NaN, double.NaN, count);
    }

    private static TheilSenResult? Check(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} values but y has {y.Length}.", nameof(y));
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                return TheilSenResult.Failed(StatisticStatus.NonFiniteInput, $"Point {i} has a NaN or infinite value.");
        if (x.Length < 2) return TheilSenResult.Failed(StatisticStatus.NotEnoughData, $"{x.Length} points: a slope needs two.");
        return null;
    }

    private static double[] AllSlopes(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out int count)
    {
        int n = x.Length;
        long pairs = n * (n - 1L) / 2;
        if (pairs > Array.MaxLength) throw new ArgumentException($"{n} points make {pairs} pairs, more than an array holds: use FitSampled.", nameof(x));
        double[] slopes = ArrayPool<double>.Shared.Rent((int)pairs); // the caller returns it
        count = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double dx = x[j] - x[i];
                if (dx != 0) slopes[count++] = (y[j] - y[i]) / dx; // the same slope whichever of the two has the smaller x
            }

        return slopes;
    }

    private static double Intercept(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double slope, TheilSenIntercept method)
    {
        if (method == TheilSenIntercept.Joint)
        {
            double[] residuals = ArrayPool<double>.Shared.Rent(x.Length);
            try
            {
                for (int i = 0; i < x.Length; i++) residuals[i] = y[i] - slope * x[i];
                return OrderStatistics.MedianInPlace(residuals.AsSpan(0, x.Length));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(residuals);
            }
        }

        return OrderStatistics.Median(y) - slope * OrderStatistics.Median(x);
    }

    // Φ⁻¹(p) by bisection on the CDF: called once per interval, so robustness beats speed.
    private static double NormalQuantile(double p)
    {
        double lo = -40, hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(lo)); i++)
        {
            double mid = (lo + hi) / 2;
            if (NormalDistribution.Cdf(mid) < p) lo = mid;
            else hi = mid;
        }

        return (lo + hi) / 2;
    }

    // SplitMix64: a small, well-mixed generator; enough for drawing pair indexes.
    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
