using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

/// <summary>A NIST StRD linear regression data set and its certified values (shared/reference/nist_strd).</summary>
internal sealed record NistData(string Name, double[] Y, double[][] X, bool Intercept, int? PolyDegree,
    double[] Coefficients, double[] StandardErrors, double ResidualStdDev, double RSquared)
{
    /// <summary>Loads <c>{name}.csv</c> (y first, then x columns) and <c>{name}.expected.json</c>; expands a polynomial model's x into its powers.</summary>
    public static NistData Load(string name)
    {
        string dir = ReferenceData.SharedPath("reference", "nist_strd");
        string[] lines = File.ReadAllLines(Path.Combine(dir, name + ".csv"));
        int columns = lines[0].Split(',').Length;
        var cols = new List<double>[columns];
        for (int c = 0; c < columns; c++) cols[c] = [];
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split(',');
            for (int c = 0; c < columns; c++) cols[c].Add(double.Parse(f[c], CultureInfo.InvariantCulture));
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".expected.json")));
        JsonElement root = doc.RootElement;
        bool intercept = root.GetProperty("intercept").GetBoolean();
        int? degree = root.GetProperty("poly_degree").ValueKind == JsonValueKind.Number ? root.GetProperty("poly_degree").GetInt32() : null;
        double[] y = cols[0].ToArray();
        double[][] x;
        if (degree is > 1)
        {
            double[] basis = cols[1].ToArray();
            x = Enumerable.Range(1, degree.Value).Select(d => basis.Select(v => Math.Pow(v, d)).ToArray()).ToArray();
        }
        else x = cols.Skip(1).Select(c => c.ToArray()).ToArray();

        var coefficients = new List<double>();
        var errors = new List<double>();
        foreach (JsonProperty p in root.GetProperty("coefficients").EnumerateObject())
        {
            // The *_str fields are NIST's certified text; parse them rather than trust a float round trip.
            coefficients.Add(double.Parse(p.Value.GetProperty("estimate_str").GetString()!, CultureInfo.InvariantCulture));
            errors.Add(double.Parse(p.Value.GetProperty("stderr_str").GetString()!, CultureInfo.InvariantCulture));
        }

        return new NistData(name, y, x, intercept, degree, coefficients.ToArray(), errors.ToArray(),
            double.Parse(root.GetProperty("residual_sd_str").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(root.GetProperty("r_squared_str").GetString()!, CultureInfo.InvariantCulture));
    }
}
