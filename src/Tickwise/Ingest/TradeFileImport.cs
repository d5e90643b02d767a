using System.Threading.Channels;
using Tickwise.Binance.Files;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>Imports one trade or aggregated-trade dump file: stores its trades and the bars they make.</summary>
/// <remarks>
/// Two stages joined by a bounded channel: the file is read and parsed on a background task while this thread
/// appends batches to the store and aggregates them. The channel waits when full (storage never drops), so
/// memory stays at a few batches whatever the file size.
/// </remarks>
internal sealed class TradeFileImport
{
    /// <summary>Trades per batch, and so per store transaction.</summary>
    public const int BatchCapacity = 32_768;
    private const int BatchesInFlight = 4;

    private readonly ITickStore _store;
    private readonly IReadOnlyList<Interval> _intervals;
    private readonly DumpReadOptions _readOptions;

    public TradeFileImport(ITickStore store, IReadOnlyList<Interval> intervals, DumpReadOptions readOptions)
    {
        _store = store;
        _intervals = intervals;
        _readOptions = readOptions;
    }

    /// <summary>Imports the file and returns what happened; <paramref name="onProgress"/> gets the trades stored so far.</summary>
    /// <exception cref="DumpFormatException">The file is not a trade dump, or (strict) a line is bad.</exception>
    /// <exception cref="StoreException">The store failed; what it committed before stays.</exception>
    public async Task<ImportResult> RunAsync(DumpFileInfo file, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        TradeIdSpace.Claim(_store, file.Symbol, file.Kind);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var batches = Channel.CreateBounded<TradeBatch>(new BoundedChannelOptions(BatchesInFlight)
        {
            FullMode = BoundedChannelFullMode.Wait, // the reader waits for storage: nothing is dropped
            SingleReader = true,
            SingleWriter = true,
        });
        var free = new Stack<Trade[]>();
        var freeLock = new Lock();
        // Stops the reader when the store side fails, so that it does not wait forever on a channel nobody drains.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken readToken = stopReading.Token;

        Task<DumpReadReport> reading = Task.Run(() =>
        {
            try
            {
                return DumpFileReader.ReadTrades(file, trades =>
                {
                    Trade[] buffer;
                    lock (freeLock) buffer = free.Count > 0 ? free.Pop() : new Trade[BatchCapacity];
                    if (buffer.Length < trades.Length) buffer = new Trade[trades.Length];
                    trades.CopyTo(buffer);
                    // Blocking here is the back-pressure: at most BatchesInFlight batches wait for the store.
                    batches.Writer.WriteAsync(new TradeBatch(buffer, trades.Length), readToken).AsTask().GetAwaiter().GetResult();
                }, _readOptions, readToken);
            }
            finally
            {
                batches.Writer.TryComplete();
            }
        }, CancellationToken.None);

        var writer = new SymbolBarWriter(_store, file.Symbol, _intervals);
        long stored = 0, inserted = 0;
        Exception? failure = null;
        try
        {
            // Drains to the end even when cancelled: the reader stops at the token and completes the channel.
            await foreach (TradeBatch batch in batches.Reader.ReadAllAsync(CancellationToken.None))
            {
                ReadOnlySpan<Trade> trades = batch.Trades.AsSpan(0, batch.Count);
                inserted += _store.AppendTrades(trades);
                writer.Add(trades);
                stored += trades.Length;
                onProgress?.Invoke(stored);
                lock (freeLock) free.Push(batch.Trades);
            }
        }
        catch (Exception e)
        {
            failure = e;
            await stopReading.CancelAsync();
        }

        DumpReadReport? report = null;
        try
        {
            report = await reading;
        }
        catch (Exception e)
        {
            failure ??= e;
        }
        // Whatever stopped the import (a strict bad line, Ctrl+C), the trades stored so far get their bars, so the
        // store stays consistent; only a failing store itself is left alone.
        if (failure is not StoreException) writer.Finish();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return new ImportResult(file, report!.Lines, stored, inserted, report.BadLines, writer.LateTrades, writer.BarsWritten, writer.Rebuilt, started.Elapsed);
    }

    private readonly record struct TradeBatch(Trade[] Trades, int Count);
}
