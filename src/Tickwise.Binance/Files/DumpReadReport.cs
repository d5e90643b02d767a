namespace Tickwise.Binance.Files;

/// <summary>What reading one dump file did.</summary>
/// <param name="FileName">The file name, without its folder.</param>
/// <param name="Lines">Data lines read: every line but the header and blank lines.</param>
/// <param name="Rows">Rows emitted to the callback.</param>
/// <param name="BadLines">Lines skipped as bad (always <c>Lines - Rows</c>).</param>
public sealed record DumpReadReport(string FileName, long Lines, long Rows, long BadLines);
