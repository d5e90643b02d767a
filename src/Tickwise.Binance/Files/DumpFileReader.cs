using System.Buffers;
using System.Runtime.CompilerServices;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Files;

/// <summary>Reads the rows of a dump file that <see cref="DumpFile.Detect"/> recognised, in batches.</summary>
/// <remarks>
/// <para>Rows come in file order, in batches of <see cref="DumpReadOptions.BatchSize"/> held in one array the reader
/// reuses: the span is valid only during the callback, so copy what you keep. Reading allocates nothing per line.</para>
/// <para>A bad line (wrong column count, a field that does not parse, a negative or zero quantity, an absurd timestamp,
/// a bar with low above high, ...) is skipped whole and reported to <see cref="DumpReadOptions.OnBadLine"/> with the
/// file name, 1-based line number and reason; in <see cref="DumpReadOptions.Strict"/> mode it stops the read after
/// delivering every row before it.
/// Timestamps in microseconds are converted to milliseconds. Generic OHLCV files have no quote volume, trade count
/// or taker volumes: those bar fields are zero.</para>
/// </remarks>
public static class DumpFileReader
{
    private static readonly string TooLongReason = $"the line is longer than {DumpLineReader.MaxLineLength} bytes";

    /// <summary>Reads every trade or aggregated trade of <paramref name="file"/>.</summary>
    /// <param name="file">A file whose <see cref="DumpFileInfo.Kind"/> is trades or aggTrades.</param>
    /// <param name="onBatch">Receives the trades, a batch at a time.</param>
    /// <param name="options">How to read; <see cref="DumpReadOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the read between batches (rows already delivered stay delivered).</param>
    /// <returns>How many lines were read, emitted and skipped.</returns>
    /// <exception cref="ArgumentException"><paramref name="file"/> holds bars.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is out of range.</exception>
    /// <exception cref="DumpFormatException">Strict mode met a bad line, or the zip holds no single CSV.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DumpReadReport ReadTrades(DumpFileInfo file, Action<ReadOnlySpan<Trade>> onBatch, DumpReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(onBatch);
        if (file.Kind == DumpKind.Bars) throw new ArgumentException($"{file.FileName} holds bars ({file.Layout}); read it with ReadBars.", nameof(file));
        return ReadRows(file, new TradeRowParser(file.Layout, file.Symbol), onBatch, options ?? DumpReadOptions.Default, cancellationToken);
    }

    /// <summary>Reads every bar of <paramref name="file"/>.</summary>
    /// <param name="file">A file whose <see cref="DumpFileInfo.Kind"/> is bars.</param>
    /// <param name="onBatch">Receives the bars, a batch at a time.</param>
    /// <param name="options">How to read; <see cref="DumpReadOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the read between batches (rows already delivered stay delivered).</param>
    /// <returns>How many lines were read, emitted and skipped.</returns>
    /// <exception cref="ArgumentException"><paramref name="file"/> holds trades, or has no interval.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is out of range.</exception>
    /// <exception cref="DumpFormatException">Strict mode met a bad line, or the zip holds no single CSV.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DumpReadReport ReadBars(DumpFileInfo file, Action<ReadOnlySpan<Bar>> onBatch, DumpReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(onBatch);
        if (file.Kind != DumpKind.Bars) throw new ArgumentException($"{file.FileName} holds {file.Kind}; read it with ReadTrades.", nameof(file));
        if (file.Interval is not { } interval) throw new ArgumentException($"{file.FileName} has no bar interval.", nameof(file));
        return ReadRows(file, new BarRowParser(file.Layout, file.Symbol, interval), onBatch, options ?? DumpReadOptions.Default, cancellationToken);
    }

    private static DumpReadReport ReadRows<TRow, TParser>(DumpFileInfo file, TParser parser, Action<ReadOnlySpan<TRow>> onBatch, DumpReadOptions options, CancellationToken cancellationToken)
        where TParser : struct, IRowParser<TRow>
    {
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        int batchSize = options.BatchSize;
        // Pooled: a batch of bars is over 85 KB, which would otherwise land on the large object heap every file.
        TRow[] batch = ArrayPool<TRow>.Shared.Rent(batchSize);
        try
        {
            return ReadInto(file, parser, onBatch, options, batch, batchSize, cancellationToken);
        }
        finally
        {
            ArrayPool<TRow>.Shared.Return(batch, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<TRow>());
        }
    }

    private static DumpReadReport ReadInto<TRow, TParser>(DumpFileInfo file, TParser parser, Action<ReadOnlySpan<TRow>> onBatch, DumpReadOptions options,
        TRow[] batch, int batchSize, CancellationToken cancellationToken)
        where TParser : struct, IRowParser<TRow>
    {
        string fileName = file.FileName;
        int count = 0;
        long lines = 0, rows = 0, badLines = 0;
        using DumpLineReader reader = DumpLineReader.Open(file.Path);
        bool headerPending = file.HasHeader;
        while (true)
        {
            LineStatus status = reader.ReadLine(out ReadOnlySpan<byte> line);
            if (status == LineStatus.End) break;
            string? reason;
            if (status == LineStatus.TooLong)
            {
                reason = TooLongReason;
            }
            else
            {
                if (line.IsEmpty) continue;
                if (headerPending)
                {
                    // The header was checked by Detect; a file changed since then fails on its data lines instead.
                    headerPending = false;
                    continue;
                }
                if (parser.TryParse(line, out batch[count], out reason))
                {
                    lines++;
                    rows++;
                    if (++count == batchSize)
                    {
                        onBatch(batch.AsSpan(0, batchSize));
                        count = 0;
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    continue;
                }
            }

            headerPending = false;
            lines++;
            badLines++;
            reason ??= "bad line";
            if (options.Strict)
            {
                // Deliver every row before the bad line, so the caller knows exactly what it received.
                if (count > 0) onBatch(batch.AsSpan(0, count));
                throw new DumpFormatException(fileName, reader.LineNumber, reason);
            }
            options.OnBadLine?.Invoke(new DumpLineError(fileName, reader.LineNumber, reason));
            // A file of nothing but bad lines never fills a batch, so check for cancellation here too.
            if ((badLines & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        if (count > 0) onBatch(batch.AsSpan(0, count));
        return new DumpReadReport(fileName, lines, rows, badLines);
    }

    private interface IRowParser<TRow>
    {
        bool TryParse(ReadOnlySpan<byte> line, out TRow row, out string? reason);
    }

    private readonly struct TradeRowParser(DumpLayout layout, Symbol symbol) : IRowParser<Trade>
    {
        public bool TryParse(ReadOnlySpan<byte> line, out Trade row, out string? reason) =>
            DumpLineParser.TryParseTrade(line, layout, symbol, out row, out reason);
    }

    private readonly struct BarRowParser(DumpLayout layout, Symbol symbol, Interval interval) : IRowParser<Bar>
    {
        public bool TryParse(ReadOnlySpan<byte> line, out Bar row, out string? reason) =>
            DumpLineParser.TryParseBar(line, layout, symbol, interval, out row, out reason);
    }
}
