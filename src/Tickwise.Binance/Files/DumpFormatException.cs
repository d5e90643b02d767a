namespace Tickwise.Binance.Files;

/// <summary>A dump file that cannot be read: unknown layout, empty, no CSV in the zip, or (in strict mode) a bad line.</summary>
/// <remarks>The message always starts with the file name, and with <c>:line</c> when one line is at fault.</remarks>
public sealed class DumpFormatException : Exception
{
    /// <summary>Creates an exception about a whole file.</summary>
    public DumpFormatException(string fileName, string reason)
        : base($"{fileName}: {reason}")
    {
        FileName = fileName;
        Reason = reason;
    }

    /// <summary>Creates an exception about one line of a file.</summary>
    public DumpFormatException(string fileName, long lineNumber, string reason)
        : base($"{fileName}:{lineNumber}: {reason}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>The file name, without its folder.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line at fault, or 0 when the whole file is.</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
