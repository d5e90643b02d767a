using Tickwise.Binance.Files;

namespace Tickwise.Ingest;

/// <summary>What importing one file did.</summary>
/// <param name="File">The file and its detected layout.</param>
/// <param name="Lines">Lines read, header included.</param>
/// <param name="Rows">Trades or bars read from the file.</param>
/// <param name="NewRows">Rows the store did not hold before; null for bars, which replace what was stored.</param>
/// <param name="BadLines">Lines skipped as malformed.</param>
/// <param name="LateTrades">Trades older than their symbol's current bar: stored but in no bar.</param>
/// <param name="BarsWritten">Bars written (built or resampled).</param>
/// <param name="Rebuilt">True when the span's bars were rebuilt from the store because it held other trades there.</param>
/// <param name="Elapsed">Wall time.</param>
internal sealed record ImportResult(
    DumpFileInfo File, long Lines, long Rows, long? NewRows, long BadLines, long LateTrades, long BarsWritten, bool Rebuilt, TimeSpan Elapsed);
