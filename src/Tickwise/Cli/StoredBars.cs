using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary>Reads the bars the analysis commands work on, with the checks every one of them needs.</summary>
internal static class StoredBars
{
    /// <summary>Opens an existing store (a SQLite file or a <c>postgres://</c> URL), refusing to create a SQLite file for a read-only command.</summary>
    public static ITickStore OpenExisting(string store)
    {
        bool isUrl = store.Contains("://", StringComparison.Ordinal);
        if (!isUrl && !File.Exists(store)) throw new CliException($"No database at {store}: import or simulate first, or pass --db.");
        return TickStores.Open(store);
    }

    /// <summary>Returns the symbol's bars of the interval in the range, failing plainly when the symbol is unknown or has none.</summary>
    public static Bar[] Read(ITickStore store, Symbol symbol, Interval interval, TimeRange range)
    {
        RequireSymbol(store, symbol);
        Bar[] bars = [.. store.ReadBars(symbol, interval, range)];
        if (bars.Length == 0)
            throw new CliException($"{symbol} has no {interval} bars in that range; it has {string.Join(", ", store.ListIntervals(symbol))}.");
        return bars;
    }

    /// <summary>Fails plainly, listing what the database holds, when it has nothing of <paramref name="symbol"/>.</summary>
    public static void RequireSymbol(ITickStore store, Symbol symbol)
    {
        IReadOnlyList<Symbol> known = store.ListSymbols();
        if (!known.Contains(symbol))
            throw new CliException($"{symbol} has no data in this database; it holds {(known.Count == 0 ? "nothing yet" : string.Join(", ", known))}.");
    }

    /// <summary>Returns the closes of the symbols at the open times they all share, oldest first, as doubles for statistics.</summary>
    public static (long[] OpenTimes, double[][] Closes) AlignCloses(IReadOnlyList<Bar[]> barsPerSymbol)
    {
        var common = new HashSet<long>(barsPerSymbol[0].Select(b => b.OpenTimeMs));
        foreach (Bar[] bars in barsPerSymbol.Skip(1)) common.IntersectWith(bars.Select(b => b.OpenTimeMs));
        long[] times = [.. common.Order()];
        var closes = new double[barsPerSymbol.Count][];
        for (int s = 0; s < barsPerSymbol.Count; s++)
        {
            var byTime = barsPerSymbol[s].ToDictionary(b => b.OpenTimeMs, b => b.Close.ToDouble());
            closes[s] = [.. times.Select(t => byTime[t])];
        }
        return (times, closes);
    }
}
