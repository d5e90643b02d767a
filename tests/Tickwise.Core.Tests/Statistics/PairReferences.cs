using System.Collections.Concurrent;
using System.Text.Json;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Statistics;

/// <summary>pair_references.json (next to this file, made by generate_pair_references.py with statsmodels 0.13.5 and
/// scipy 1.10.1) and the real Binance hourly closes it was computed on.</summary>
internal static class PairReferences
{
    private static readonly ConcurrentDictionary<string, double[]> Closes = new();

    private static readonly Lazy<JsonElement> LazyRoot = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Tickwise.Core.Tests", "Statistics", "pair_references.json"))).RootElement);

    public static JsonElement Root => LazyRoot.Value;

    public static IEnumerable<JsonElement> Section(string name) => Root.GetProperty(name).EnumerateArray();

    public static JsonElement Case(string section, string id) => Section(section).Single(e => e.GetProperty("id").GetString() == id);

    /// <summary>Hourly closes of <paramref name="symbol"/> (BTC, ETH, SOL, BNB), all 35,040 bars.</summary>
    public static double[] HourlyCloses(string symbol) => Closes.GetOrAdd(symbol, s => ReferenceData.HourlyCloses($"{s}_USDT_1h.csv"));

    public static double[] Slice(string symbol, int start, int count) => HourlyCloses(symbol).AsSpan(start, count).ToArray();

    public static double[] Slice(JsonElement c, string leg) =>
        Slice(c.GetProperty(leg).GetString()!, c.GetProperty("start").GetInt32(), c.GetProperty("count").GetInt32());

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Tickwise.slnx"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Tickwise.slnx not found above " + AppContext.BaseDirectory);
    }
}
