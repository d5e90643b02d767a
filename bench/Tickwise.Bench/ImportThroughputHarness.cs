using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tickwise.Cli;
using Tickwise.Configuration;

namespace Tickwise.Bench;

/// <summary>
/// End-to-end <c>import</c> throughput: the real command (read, parse, aggregate 13 intervals, store trades and bars)
/// over the trade files in <c>../shared/data/binance/trades</c>, each repeated with shifted ids and times until the
/// total reaches the target (10M trades by default).
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project bench/Tickwise.Bench -- import-throughput [totalTrades] [workDir]</c>.
/// The repeated files are written first (not timed); the import into a fresh database is timed.
/// </remarks>
internal static class ImportThroughputHarness
{
    public static void Run(string[] args)
    {
        long target = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        string work = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "tickwise-import-bench");
        string sourceDir = Path.Combine(RepositoryRoot(), "..", "shared", "data", "binance", "trades");
        Directory.CreateDirectory(work);
        foreach (string old in Directory.GetFiles(work)) File.Delete(old);

        string[] sources = Directory.GetFiles(sourceDir, "*.csv");
        Array.Sort(sources, StringComparer.Ordinal);
        long perFile = (target + sources.Length - 1) / sources.Length;
        var files = new List<string>();
        long total = 0;
        foreach (string source in sources)
        {
            (string file, long rows) = Repeat(source, work, perFile);
            files.Add(file);
            total += rows;
        }
        long bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"import-throughput: {total:N0} trades in {files.Count} files ({bytes / 1e6:F0} MB), machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        string db = Path.Combine(work, "bench.db");
        var clock = Stopwatch.StartNew();
        int exit = TickwiseCli.Build(TickwiseSettings.Load()).Parse(["import", .. files, "--db", db]).Invoke();
        clock.Stop();
        if (exit != 0) throw new InvalidOperationException($"import failed with exit code {exit}");
        Console.WriteLine($"import-throughput: {total:N0} trades in {clock.Elapsed.TotalSeconds:F2} s = {total / clock.Elapsed.TotalSeconds:N0} trades/s end to end (13 intervals, SQLite {new FileInfo(db).Length / 1e6:F0} MB)");
    }

    /// <summary>
    /// Writes the source's rows again and again, each copy's ids and times shifted past the previous copy's,
    /// into a file whose name keeps the layout words (and so the symbol) of the source; usdm copies get a
    /// <c>_PERP</c> symbol so they do not share an id sequence with the spot trades of the same coin.
    /// </summary>
    private static (string File, long Rows) Repeat(string source, string work, long rows)
    {
        string name = Path.GetFileName(source);
        bool usdm = name.Contains("-usdm-", StringComparison.Ordinal);
        string symbol = name[..name.IndexOf('-')] + (usdm ? "_PERP" : "");
        string target = Path.Combine(work, $"{symbol}-trades-{(usdm ? "usdm" : "spot")}-bench.csv");

        string[] lines = File.ReadAllLines(source);
        bool header = lines[0].StartsWith("id,", StringComparison.Ordinal);
        var body = header ? lines[1..] : lines;
        var parsed = body.Select(l => l.Split(',')).ToArray();
        long firstId = long.Parse(parsed[0][0], CultureInfo.InvariantCulture);
        long idSpan = long.Parse(parsed[^1][0], CultureInfo.InvariantCulture) - firstId + 1;
        long firstTime = long.Parse(parsed[0][4], CultureInfo.InvariantCulture);
        long timeSpan = long.Parse(parsed[^1][4], CultureInfo.InvariantCulture) - firstTime + 1_000;

        using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        if (header) writer.WriteLine(lines[0]);
        long written = 0;
        for (long copy = 0; written < rows; copy++)
        {
            foreach (string[] cells in parsed)
            {
                if (written == rows) break;
                long id = long.Parse(cells[0], CultureInfo.InvariantCulture) + copy * idSpan;
                long time = long.Parse(cells[4], CultureInfo.InvariantCulture) + copy * timeSpan;
                writer.Write(id.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(cells[1]); writer.Write(','); writer.Write(cells[2]); writer.Write(','); writer.Write(cells[3]); writer.Write(',');
                writer.Write(time.ToString(CultureInfo.InvariantCulture));
                for (int c = 5; c < cells.Length; c++) { writer.Write(','); writer.Write(cells[c]); }
                writer.Write('\n');
                written++;
            }
        }
        return (target, written);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tickwise.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Tickwise.slnx not found above " + AppContext.BaseDirectory);
    }
}
