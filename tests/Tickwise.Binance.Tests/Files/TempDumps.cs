using System.IO.Compression;
using System.Text;

namespace Tickwise.Binance.Tests.Files;

/// <summary>A temporary folder of dump files written by a test, deleted afterwards.</summary>
internal sealed class TempDumps : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tickwise-dumps-").FullName;

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> and returns its path.</summary>
    public string Csv(string fileName, string content)
    {
        string path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes a zip named <paramref name="fileName"/> holding the given entries and returns its path.</summary>
    public string Zip(string fileName, params (string Name, string Content)[] entries)
    {
        string path = Path.Combine(_folder, fileName);
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach ((string name, string content) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
