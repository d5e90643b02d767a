using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

/// <summary>shared/reference/robust: the stackloss data and the expected Huber and Theil-Sen values.</summary>
internal static class RobustReference
{
    private static readonly Lazy<JsonElement> LazyExpected = new(() =>
        JsonDocument.Parse(File.ReadAllText(ReferenceData.SharedPath("reference", "robust", "expected.json"))).RootElement);

    public static JsonElement Expected => LazyExpected.Value;

    /// <summary>Columns of stackloss.csv: STACKLOSS, AIRFLOW, WATERTEMP, ACIDCONC (21 rows).</summary>
    public static (double[] Y, double[][] X) Stackloss()
    {
        string[] lines = File.ReadAllLines(ReferenceData.SharedPath("reference", "robust", "stackloss.csv"));
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[] y = rows.Select(r => r[0]).ToArray();
        double[][] x = Enumerable.Range(1, 3).Select(c => rows.Select(r => r[c]).ToArray()).ToArray();
        return (y, x);
    }

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Moves statsmodels' trailing constant first, our order.</summary>
    public static double[] ConstantFirst(double[] constantLast) => [constantLast[^1], .. constantLast[..^1]];
}
