using Tickwise.Core.Market;

namespace Tickwise.Binance.Files;

/// <summary>A dump file as <see cref="DumpFile.Detect"/> understood it: where it is, its layout, symbol and interval.</summary>
/// <param name="Path">The <c>.csv</c> file, or the <c>.zip</c> holding one CSV.</param>
/// <param name="Layout">The column layout.</param>
/// <param name="Symbol">The symbol every row belongs to.</param>
/// <param name="Interval">The bar interval for <see cref="DumpKind.Bars"/>; null for trades.</param>
/// <param name="HasHeader">True when the first line names the columns.</param>
public sealed record DumpFileInfo(string Path, DumpLayout Layout, Symbol Symbol, Interval? Interval, bool HasHeader)
{
    /// <summary>What the rows become.</summary>
    public DumpKind Kind => Layout switch
    {
        DumpLayout.SpotTrades or DumpLayout.FuturesTrades => DumpKind.Trades,
        DumpLayout.SpotAggTrades or DumpLayout.FuturesAggTrades => DumpKind.AggTrades,
        _ => DumpKind.Bars,
    };

    /// <summary>True when <see cref="Path"/> is a zip archive.</summary>
    public bool IsZip => Path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file name without its folder, as used in error messages.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
