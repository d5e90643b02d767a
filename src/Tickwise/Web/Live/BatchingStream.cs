namespace Tickwise.Web.Live;

/// <summary>The WebSocket's transport with a switch: between <see cref="BeginBatch"/> and <see cref="EndBatchAsync"/>,
/// frames are gathered in memory and written with one write and one flush, instead of one each.</summary>
/// <remarks>
/// <para>A client's sender drains its queue in batches, so a burst of messages costs one socket write rather than one
/// per message: that is what lets one process feed a hundred clients. Frames stay whole and in order; the WebSocket
/// itself does not know (it only sees writes complete).</para>
/// <para>Writes to the inner stream are serialized by a lock, so a keep-alive ping or a close frame written beside a
/// batch lands between two frames, never inside one. Reads pass straight through.</para>
/// </remarks>
internal sealed class BatchingStream(Stream inner) : Stream
{
    /// <summary>A batch larger than this is written out at once.</summary>
    private const int MaxBuffered = 256 * 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly MemoryStream _buffer = new();
    private volatile bool _batching;

    /// <summary>Starts gathering writes.</summary>
    public void BeginBatch() => _batching = true;

    /// <summary>Writes and flushes what was gathered, and stops gathering.</summary>
    public async Task EndBatchAsync(CancellationToken cancellationToken)
    {
        _batching = false;
        await WriteBufferedAsync(cancellationToken);
    }

    /// <summary>Stops gathering and forgets what was gathered (the sender stopped: the connection is ending), so that a
    /// close frame written afterwards goes straight out.</summary>
    public void AbandonBatch()
    {
        _batching = false;
        // The socket may have disposed this stream already (the client went away first): nothing is left to forget.
        lock (_buffer)
        {
            if (_buffer.CanWrite) _buffer.SetLength(0);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_batching)
        {
            bool full;
            lock (_buffer)
            {
                _buffer.Write(buffer.Span);
                full = _buffer.Length >= MaxBuffered;
            }
            if (full) await WriteBufferedAsync(cancellationToken);
            return;
        }
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => _batching ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override void Flush()
    {
        if (!_batching) inner.Flush();
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    /// <inheritdoc/>
    public override bool CanRead => inner.CanRead;

    /// <inheritdoc/>
    public override bool CanWrite => inner.CanWrite;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            lock (_buffer) _buffer.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        lock (_buffer) _buffer.Dispose();
        await base.DisposeAsync();
    }

    private async Task WriteBufferedAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            byte[] pending;
            lock (_buffer)
            {
                if (_buffer.Length == 0) return;
                pending = _buffer.ToArray();
                _buffer.SetLength(0);
            }
            await inner.WriteAsync(pending, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
