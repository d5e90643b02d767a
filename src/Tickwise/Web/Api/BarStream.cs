using System.Buffers;
using System.Threading.Channels;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Storage.Sqlite;
using Tickwise.Web.Analysis;

namespace Tickwise.Web.Api;

/// <summary>The bars of one <c>/api/bars</c> request in chunks of <see cref="ChunkRows"/>, read from the store while
/// the response writes the chunks before them.</summary>
/// <remarks>
/// <para>Reading 10,000 bars from SQLite takes about as long as rendering and sending them; read first and write after,
/// the two times add up. <see cref="Open"/> reads the first chunk on the request's thread, so a bad symbol or a store
/// error is still a ProblemDetails response before any byte is sent; a reader task reads the rest into a bounded
/// channel of <see cref="ChunksAhead"/> chunks (it waits when the client is slow; nothing is dropped). Chunks are
/// rented arrays, so nothing is allocated per row.</para>
/// <para>A store error after the first chunk surfaces from <see cref="NextAsync"/>: the response is then cut short.</para>
/// <para>"The latest N" streams only when the store can find the N-th latest bar with one seek (SQLite); otherwise
/// the bars are read whole first, as <see cref="StoredSeries.RentBars"/> does, and then only written in chunks.</para>
/// </remarks>
internal sealed class BarStream : IAsyncDisposable
{
    /// <summary>Rows per chunk: about 44 KB of JSON, one flush of the response each.</summary>
    public const int ChunkRows = 256;

    /// <summary>Chunks the reader may be ahead of the writer (~330 KB of bars).</summary>
    private const int ChunksAhead = 8;

    private readonly IEnumerator<Bar>? _rows;
    private readonly PooledBars? _buffered;
    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(
        new BoundedChannelOptions(ChunksAhead) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private Chunk _first;
    private Chunk _current;
    private int _bufferedAt;
    private bool _firstTaken;
    private Task? _reader;

    private BarStream(IEnumerator<Bar>? rows, PooledBars? buffered)
    {
        _rows = rows;
        _buffered = buffered;
    }

    /// <summary>The current chunk's bars, oldest first, valid until the next <see cref="NextAsync"/>.</summary>
    public ReadOnlySpan<Bar> Current => _buffered is not null
        ? _buffered.Span.Slice(_bufferedAt - _current.Count, _current.Count)
        : _current.Rows.AsSpan(0, _current.Count);

    /// <summary>Starts reading at most <paramref name="limit"/> bars, oldest first: from <paramref name="fromMs"/> on
    /// when given, otherwise the latest ones opening before <paramref name="toMs"/>.</summary>
    /// <exception cref="StoreException">The store cannot be read (raised here, before the response starts).</exception>
    public static BarStream Open(ITickStore store, Symbol symbol, Interval interval, long? fromMs, long? toMs, int limit)
    {
        long to = toMs ?? long.MaxValue;
        if (fromMs is { } from) return Start(store.ReadBars(symbol, interval, new TimeRange(from, to), limit));
        if (store is SqliteTickStore sqlite)
        {
            long start = sqlite.LatestBarsStartMs(symbol, interval, to, limit) ?? long.MinValue;
            return Start(store.ReadBars(symbol, interval, new TimeRange(start, to), limit));
        }
        return new BarStream(null, StoredSeries.RentBars(store, symbol, interval, fromMs, toMs, limit));
    }

    /// <summary>Moves to the next chunk; false at the end.</summary>
    /// <exception cref="StoreException">The store failed while reading ahead.</exception>
    public async ValueTask<bool> NextAsync(CancellationToken cancellationToken)
    {
        ReturnCurrent();
        if (_buffered is not null)
        {
            int count = Math.Min(ChunkRows, _buffered.Count - _bufferedAt);
            _bufferedAt += count;
            _current = new Chunk([], count, false);
            return count > 0;
        }
        if (!_firstTaken)
        {
            _firstTaken = true;
            _current = _first;
            _first = default;
            return _current.Count > 0;
        }
        if (_reader is null) return false;
        while (await _chunks.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_chunks.Reader.TryRead(out _current) && _current.Count > 0) return true;
            ReturnCurrent();
        }
        return false;
    }

    /// <summary>Stops the reader, waits for it to release its store connection, and returns every rented chunk.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            // Its failure was already reported through NextAsync, or nobody asked: the response is over either way.
            try { await _reader; }
            catch (OperationCanceledException) { }
        }
        else
        {
            _rows?.Dispose();
        }
        ReturnCurrent();
        Return(_first);
        _first = default;
        while (_chunks.Reader.TryRead(out Chunk left)) Return(left);
        _buffered?.Dispose();
        _stop.Dispose();
    }

    private static BarStream Start(IEnumerable<Bar> rows)
    {
        var stream = new BarStream(rows.GetEnumerator(), null);
        try
        {
            stream._first = stream.Fill();
            if (stream._first.Last) stream._rows!.Dispose();
            else stream._reader = Task.Run(stream.ReadAheadAsync);
            return stream;
        }
        catch
        {
            stream._rows!.Dispose();
            Return(stream._first);
            throw;
        }
    }

    private async Task ReadAheadAsync()
    {
        try
        {
            while (true)
            {
                Chunk chunk = Fill();
                try
                {
                    await _chunks.Writer.WriteAsync(chunk, _stop.Token);
                }
                catch
                {
                    Return(chunk);
                    throw;
                }
                if (chunk.Last) break;
            }
            _chunks.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _chunks.Writer.TryComplete(e is OperationCanceledException ? null : e);
        }
        finally
        {
            _rows!.Dispose();
        }
    }

    /// <summary>Reads up to <see cref="ChunkRows"/> bars into a rented array.</summary>
    private Chunk Fill()
    {
        Bar[] rows = ArrayPool<Bar>.Shared.Rent(ChunkRows);
        int count = 0;
        try
        {
            while (count < ChunkRows)
            {
                if (!_rows!.MoveNext()) return new Chunk(rows, count, true);
                rows[count++] = _rows.Current;
            }
            return new Chunk(rows, count, false);
        }
        catch
        {
            Return(new Chunk(rows, count, false));
            throw;
        }
    }

    private void ReturnCurrent()
    {
        if (_buffered is null) Return(_current);
        _current = default;
    }

    private static void Return(Chunk chunk)
    {
        // Bars hold their symbol (a string): clearing lets it go with the request.
        if (chunk.Rows is { Length: > 0 } rows) ArrayPool<Bar>.Shared.Return(rows, clearArray: true);
    }

    /// <summary>A rented array holding <paramref name="Count"/> bars; <paramref name="Last"/> when the read ended with it.</summary>
    private readonly record struct Chunk(Bar[] Rows, int Count, bool Last);
}
