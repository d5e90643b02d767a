using System.IO.Compression;
using Tickwise.Binance.Files;

namespace Tickwise.Ingest;

/// <summary>Estimates how many rows a dump file holds, for progress bars: its (uncompressed) size over the mean length of its first lines.</summary>
internal static class RowEstimate
{
    private const int SampleBytes = 64 * 1024;

    /// <summary>Returns the estimated row count, at least 1; never throws for a readable file.</summary>
    public static long Rows(DumpFileInfo file)
    {
        try
        {
            if (file.IsZip)
            {
                using ZipArchive archive = ZipFile.OpenRead(file.Path);
                ZipArchiveEntry? entry = archive.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
                if (entry is null) return 1;
                using Stream stream = entry.Open();
                return Estimate(stream, entry.Length);
            }
            using FileStream plain = File.OpenRead(file.Path);
            return Estimate(plain, plain.Length);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return 1; // the import itself reports the problem
        }
    }

    private static long Estimate(Stream stream, long totalBytes)
    {
        byte[] sample = new byte[SampleBytes];
        int read = stream.ReadAtLeast(sample, SampleBytes, throwOnEndOfStream: false);
        int lines = sample.AsSpan(0, read).Count((byte)'\n');
        if (lines == 0) return 1;
        return Math.Max(1, totalBytes * lines / read);
    }
}
