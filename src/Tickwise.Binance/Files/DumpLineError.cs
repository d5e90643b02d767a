namespace Tickwise.Binance.Files;

/// <summary>A line of a dump file that was skipped, and why.</summary>
/// <param name="FileName">The file name, without its folder.</param>
/// <param name="LineNumber">The 1-based line number (the header, when there is one, is line 1).</param>
/// <param name="Reason">What is wrong with the line.</param>
public readonly record struct DumpLineError(string FileName, long LineNumber, string Reason)
{
    /// <summary>Returns <c>file:line: reason</c>.</summary>
    public override string ToString() => $"{FileName}:{LineNumber}: {Reason}";
}
