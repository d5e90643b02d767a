namespace Tickwise.Binance.Files;

/// <summary>What the rows of a dump file become.</summary>
public enum DumpKind : byte
{
    /// <summary>Raw trades, read with <see cref="DumpFileReader.ReadTrades"/>.</summary>
    Trades = 1,

    /// <summary>Aggregated trades, read with <see cref="DumpFileReader.ReadTrades"/>; ids are aggregated trade ids.</summary>
    AggTrades = 2,

    /// <summary>Bars, read with <see cref="DumpFileReader.ReadBars"/>.</summary>
    Bars = 3,
}
