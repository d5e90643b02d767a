namespace Tickwise.Testing;

/// <summary>Where the repository and the team's shared data sit, seen from a test assembly.</summary>
/// <remarks>Linked into every test project (see the csproj files) so that each finds <c>../shared</c> the same way.</remarks>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the first directory above the test binaries that holds <c>Tickwise.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/data</c> beside the repository.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary><c>../shared/reference</c> beside the repository.</summary>
    public static string SharedReference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    /// <summary>A file under <c>../shared/data/binance</c>.</summary>
    public static string Binance(params string[] parts) => Path.Combine([SharedData, "binance", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tickwise.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"Tickwise.slnx not found above {AppContext.BaseDirectory}");
    }
}
