namespace Tickwise.Core.Indicators;

/// <summary>Applies the indicators' bad-input rule to the batch (reference) functions.</summary>
internal static class BatchInput
{
    /// <summary>Runs <paramref name="compute"/> on the accepted inputs only and maps its results back:
    /// at a rejected index the output repeats the previous one, as the streaming form's Value does.</summary>
    public static double[] Map(ReadOnlySpan<double> values, Func<double, bool> accepts, Func<double[], double[]> compute)
    {
        var kept = new List<double>(values.Length);
        for (int i = 0; i < values.Length; i++)
            if (accepts(values[i])) kept.Add(values[i]);
        double[] inner = compute(kept.ToArray());
        var output = new double[values.Length];
        double last = double.NaN;
        int k = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (accepts(values[i])) last = inner[k++];
            output[i] = last;
        }

        return output;
    }

    public static bool IsFinite(double x) => double.IsFinite(x);

    public static bool IsPrice(double x) => double.IsFinite(x) && x > 0;

    public static double[] NaNs(int length)
    {
        var a = new double[length];
        Array.Fill(a, double.NaN);
        return a;
    }
}
