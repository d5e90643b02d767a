namespace Tickwise.Binance.Tests;

/// <summary>Finds the shared real-data folder next to the repository, by walking up to <c>Tickwise.slnx</c>.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tickwise.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Tickwise.slnx not found above " + AppContext.BaseDirectory);
    });

    /// <summary>Returns the path of a file under <c>../shared/data/binance</c>.</summary>
    public static string Binance(params string[] parts) =>
        Path.GetFullPath(Path.Combine([Root.Value, "..", "shared", "data", "binance", .. parts]));
}
