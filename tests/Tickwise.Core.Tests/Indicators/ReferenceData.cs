using System.Globalization;
using System.Text.Json;

namespace Tickwise.Core.Tests.Indicators;

/// <summary>One daily bar of Stock.Indicators' 502-bar test set, as doubles.</summary>
public sealed record QuoteRow(double Open, double High, double Low, double Close, double Volume)
{
    public QuoteRow WithClose(double close) => this with { Close = close };
}

/// <summary>Loads the shared reference files by path relative to the repository root.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<QuoteRow[]> LazyQuotes = new(LoadQuotes);
    private static readonly Lazy<JsonDocument> LazyExpected = new(() => JsonDocument.Parse(File.ReadAllText(IndicatorsPath("expected.json"))));

    /// <summary>The 502 bars of <c>shared/reference/indicators/default.csv</c> (Stock.Indicators "Bars"), oldest first.</summary>
    public static QuoteRow[] Quotes => LazyQuotes.Value;

    public static double[] Closes
    {
        get
        {
            var closes = new double[Quotes.Length];
            for (int i = 0; i < closes.Length; i++) closes[i] = Quotes[i].Close;
            return closes;
        }
    }

    public static string SharedPath(params string[] parts)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Tickwise.slnx")))
            dir = Path.GetDirectoryName(dir);
        if (dir is null) throw new InvalidOperationException("Tickwise.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine([dir, "..", "shared", .. parts]);
    }

    /// <summary>Closes of a real Binance USD-M hourly bar file (shared/data/binance/klines/1h/{name}, 35,040 bars, 2022-05-25 to 2026-05-24).</summary>
    public static double[] HourlyCloses(string name) =>
        File.ReadLines(SharedPath("data", "binance", "klines", "1h", name)).Skip(1).Where(l => l.Length > 0)
            .Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();

    public static string IndicatorsPath(string file) => SharedPath("reference", "indicators", file);

    /// <summary>Returns the (index, value) pairs of one sample assertion in expected.json; null stands for "no value yet".</summary>
    public static IReadOnlyList<(int Index, double? Expected)> Sample(string assertion, string? field = null)
    {
        JsonElement values = LazyExpected.Value.RootElement.GetProperty("sample_assertions").GetProperty(assertion).GetProperty("values");
        var points = new List<(int, double?)>();
        foreach (JsonProperty p in values.EnumerateObject())
        {
            JsonElement v = field is null ? p.Value : p.Value.GetProperty(field);
            points.Add((int.Parse(p.Name, CultureInfo.InvariantCulture), v.ValueKind == JsonValueKind.Null ? null : v.GetDouble()));
        }

        return points;
    }

    /// <summary>Returns one field of a whole-series baseline in results/, one entry per bar; null during warm-up.</summary>
    public static IReadOnlyList<(int Index, double? Expected)> Baseline(string file, string field)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(IndicatorsPath("results"), file)));
        var points = new List<(int, double?)>();
        int i = 0;
        foreach (JsonElement row in doc.RootElement.EnumerateArray())
        {
            JsonElement v = row.GetProperty(field);
            points.Add((i++, v.ValueKind == JsonValueKind.Null ? null : v.GetDouble()));
        }

        return points;
    }

    private static QuoteRow[] LoadQuotes()
    {
        var rows = new List<QuoteRow>();
        foreach (string line in File.ReadLines(IndicatorsPath("default.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            rows.Add(new QuoteRow(D(f[1]), D(f[2]), D(f[3]), D(f[4]), D(f[5])));
        }

        return rows.ToArray();
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>A random walk of bars around <paramref name="level"/>, for long runs; deterministic for a seed.</summary>
    public static QuoteRow[] RandomWalk(int count, double level, double step, int seed)
    {
        var random = new Random(seed);
        var rows = new QuoteRow[count];
        double close = level;
        for (int i = 0; i < count; i++)
        {
            double open = close;
            close = Math.Max(level * 0.01, close + step * (random.NextDouble() - 0.5));
            double high = Math.Max(open, close) + step * random.NextDouble() * 0.3;
            double low = Math.Max(level * 0.005, Math.Min(open, close) - step * random.NextDouble() * 0.3);
            rows[i] = new QuoteRow(open, high, low, close, 1 + 1000 * random.NextDouble());
        }

        return rows;
    }
}
