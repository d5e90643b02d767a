using System.Buffers;

namespace Tickwise.Core.Statistics;

/// <summary>Medians and ranks for the robust estimators.</summary>
internal static class OrderStatistics
{
    /// <summary>Returns the median of <paramref name="values"/>, reordering them in place (quickselect, O(n) expected);
    /// the mean of the two middle values for an even count; NaN for none.</summary>
    public static double MedianInPlace(Span<double> values)
    {
        int n = values.Length;
        if (n == 0) return double.NaN;
        int upper = n / 2;
        double high = Select(values, upper);
        if ((n & 1) == 1) return high;
        // After selecting `upper`, every value left of it is <= it: the lower middle is their maximum.
        double low = values[0];
        for (int i = 1; i < upper; i++) if (values[i] > low) low = values[i];
        return low + (high - low) / 2;
    }

    /// <summary>Returns the median of a copy of <paramref name="values"/>, leaving them untouched.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        double[] copy = ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            values.CopyTo(copy);
            return MedianInPlace(copy.AsSpan(0, values.Length));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(copy);
        }
    }

    /// <summary>Returns the k-th smallest value (0-based), partially ordering <paramref name="values"/> in place so that
    /// everything left of k is not greater and everything right of it is not smaller (Hoare's quickselect,
    /// median-of-three pivot).</summary>
    public static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (hi > lo)
        {
            int mid = lo + (hi - lo) / 2;
            // Median of three as the pivot: sorted inputs (common for prices) stay O(n).
            if (values[mid] < values[lo]) Swap(values, mid, lo);
            if (values[hi] < values[lo]) Swap(values, hi, lo);
            if (values[hi] < values[mid]) Swap(values, hi, mid);
            double pivot = values[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) { Swap(values, i, j); i++; j--; }
            }

            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }

        return values[k];
    }

    /// <summary>Writes the ranks of <paramref name="values"/> (1-based, ties given their average rank, as
    /// scipy's <c>rankdata(method="average")</c>) into <paramref name="ranks"/>.</summary>
    /// <param name="values">The values to rank.</param>
    /// <param name="ranks">Receives the rank of each value, in the values' order.</param>
    /// <param name="order">Scratch of the same length, overwritten.</param>
    public static void AverageRanks(ReadOnlySpan<double> values, Span<double> ranks, Span<int> order)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++) order[i] = i;
        Span<double> keys = ranks; // the sort keys first, the ranks in sorted order next, scattered back last
        values.CopyTo(keys);
        keys[..n].Sort(order[..n]);
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            double rank = (start + end + 1) / 2.0; // average of 1-based ranks start+1 .. end
            for (int i = start; i < end; i++) keys[i] = rank;
            start = end;
        }

        // keys[i] is now the rank of values[order[i]]; scatter them back to value order.
        Span<double> tmp = n <= 512 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++) tmp[order[i]] = keys[i];
        tmp.CopyTo(ranks);
    }

    private static void Swap(Span<double> values, int i, int j) => (values[i], values[j]) = (values[j], values[i]);
}
