using Tickwise.Binance.Files;

namespace Tickwise.Cli;

/// <summary>Prints the first malformed lines of an import to stderr with file and line, then only counts them.</summary>
internal sealed class BadLineReporter(int shown)
{
    private long _count;

    /// <summary>Malformed lines seen so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Takes one malformed line (called from the reading thread).</summary>
    public void Report(DumpLineError line)
    {
        long count = Interlocked.Increment(ref _count);
        if (count <= shown) Console.Error.WriteLine($"tickwise: warning: {line} (line skipped)");
        else if (count == shown + 1) Console.Error.WriteLine("tickwise: warning: more malformed lines; only counting them from now on");
    }
}
