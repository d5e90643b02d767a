using Tickwise.Binance.Files;
using Tickwise.Core.Bars;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>Imports one kline or OHLCV file: stores its bars as given and the coarser bars resampled from them.</summary>
/// <remarks>
/// The file's bars are stored first (replacing stored bars with the same open time). The coarser bars are then
/// resampled from what the store holds over the span of whole longest-interval bars that the file touches, so
/// that overlapping or repeated imports give the same coarse bars as one clean import.
/// </remarks>
internal sealed class BarFileImport
{
    private readonly ITickStore _store;
    private readonly IReadOnlyList<Interval> _intervals;
    private readonly DumpReadOptions _readOptions;

    public BarFileImport(ITickStore store, IReadOnlyList<Interval> intervals, DumpReadOptions readOptions)
    {
        _store = store;
        _intervals = intervals;
        _readOptions = readOptions;
    }

    /// <summary>Imports the file; <paramref name="onProgress"/> gets the bars stored so far.</summary>
    /// <exception cref="DumpFormatException">The file is not a bar file, or (strict) a line is bad.</exception>
    /// <exception cref="StoreException">The store failed; what it committed before stays.</exception>
    public ImportResult Run(DumpFileInfo file, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Interval source = file.Interval ?? throw new ImportException($"{file.Path}: the bar interval is unknown; pass --interval.");
        long rows = 0, firstOpen = long.MaxValue, lastOpen = long.MinValue;
        DumpReadReport report = DumpFileReader.ReadBars(file, bars =>
        {
            _store.UpsertBars(bars);
            foreach (ref readonly Bar bar in bars)
            {
                firstOpen = Math.Min(firstOpen, bar.OpenTimeMs);
                lastOpen = Math.Max(lastOpen, bar.OpenTimeMs);
            }
            rows += bars.Length;
            onProgress?.Invoke(rows);
        }, _readOptions, cancellationToken);

        long written = rows;
        List<Interval> targets = CoarserMultiples(source);
        if (rows > 0 && targets.Count > 0) written += Resample(file.Symbol, source, targets, firstOpen, lastOpen);
        return new ImportResult(file, report.Lines, rows, NewRows: null, report.BadLines, LateTrades: 0, written, Rebuilt: false, started.Elapsed);
    }

    /// <summary>The requested intervals that are whole multiples of the file's, longer than it.</summary>
    private List<Interval> CoarserMultiples(Interval source)
    {
        var targets = new List<Interval>();
        foreach (Interval interval in _intervals)
        {
            if (interval.Milliseconds > source.Milliseconds && interval.Milliseconds % source.Milliseconds == 0) targets.Add(interval);
        }
        return targets;
    }

    private long Resample(Symbol symbol, Interval source, List<Interval> targets, long firstOpen, long lastOpen)
    {
        Interval longest = targets[^1];
        var span = new TimeRange(longest.FloorMs(firstOpen), longest.FloorMs(lastOpen) + longest.Milliseconds);
        var resampler = new BarResampler(symbol, source, targets);
        // Materialized before writing so that no read stays open across a write.
        Bar[] stored = [.. _store.ReadBars(symbol, source, span)];
        long written = 0;
        foreach (ref readonly Bar bar in stored.AsSpan())
        {
            resampler.Add(in bar);
            if (resampler.Completed.Length >= 4096) written += Flush(resampler);
        }
        written += Flush(resampler);
        var open = new Bar[targets.Count];
        int count = resampler.CopyOpenBars(open);
        // An open coarse bar that begins after the last source bar holds nothing yet: storing it would invent a flat bar.
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (stored.Length > 0 && open[i].OpenTimeMs <= stored[^1].OpenTimeMs) open[kept++] = open[i];
        }
        _store.UpsertBars(open.AsSpan(0, kept));
        return written + kept;
    }

    private long Flush(BarResampler resampler)
    {
        int count = resampler.Completed.Length;
        _store.UpsertBars(resampler.Completed);
        resampler.ClearCompleted();
        return count;
    }
}
