using System.Diagnostics;
using System.Net.WebSockets;

namespace Tickwise.Web.Live;

/// <summary>One WebSocket client of the live feed: its channels and its bounded outgoing queue, drained by its own sender.</summary>
/// <remarks>
/// <para>The dispatcher enqueues; the sender loop (<see cref="SendLoopAsync"/>) writes frames. Neither waits on the
/// other, so a client that reads slowly never slows the pipeline or the other clients.</para>
/// <para>When the queue is full, the oldest half of its droppable messages (bar_update, trade, quote) is discarded in
/// one pass (amortized O(1)) and counted in <see cref="Dropped"/>; if nothing droppable is left, the new message is
/// dropped when droppable, and the client is disconnected when it is not. A client whose queue stays full for
/// <see cref="FeedOptions.SlowClientTimeout"/> is disconnected.</para>
/// </remarks>
internal sealed class FeedClient : IDisposable
{
    private readonly WebSocket _socket;
    private readonly int _capacity;
    private readonly long _slowTicks;
    private readonly Lock _lock = new();
    private Queue<FeedMessage> _queue;
    private Queue<FeedMessage> _spare;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _abort;
    private int _signalled;
    private long _fullSinceTicks;
    private long _dropped, _sent;
    private int _slowCounted;

    /// <summary>Frames written to the transport before it is flushed (bounds the latency of the first of them).</summary>
    private const int FramesPerWrite = 8;

    /// <summary>At most this many messages share one frame.</summary>
    internal const int MessagesPerFrame = 128;

    /// <summary>A frame stops taking messages once it holds this many bytes (it always takes at least one).</summary>
    private const int FrameBytes = 32 * 1024;

    private readonly FeedMessage[] _taken = new FeedMessage[MessagesPerFrame];
    private byte[] _frame = new byte[FrameBytes + 1024];

    private readonly BatchingStream? _transport;

    /// <summary>Creates the client over an open socket; <paramref name="stopping"/> ends it with the server.</summary>
    /// <param name="id">The hub's number for the client.</param>
    /// <param name="socket">The socket.</param>
    /// <param name="options">Queue and timeout settings.</param>
    /// <param name="stopping">Ends the client.</param>
    /// <param name="transport">The socket's batching transport, or null to write frame by frame.</param>
    public FeedClient(long id, WebSocket socket, FeedOptions options, CancellationToken stopping, BatchingStream? transport = null)
    {
        _transport = transport;
        Id = id;
        _socket = socket;
        _capacity = options.ClientQueueCapacity;
        _slowTicks = (long)(options.SlowClientTimeout.TotalSeconds * Stopwatch.Frequency);
        _queue = new Queue<FeedMessage>(_capacity);
        _spare = new Queue<FeedMessage>(_capacity);
        _abort = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    /// <summary>The hub's number for the client.</summary>
    public long Id { get; }

    /// <summary>The channels the client subscribed to; guarded by the hub's subscription lock.</summary>
    public HashSet<string> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages thinned from this client's queue.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages written to the socket.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages waiting.</summary>
    public int Queued
    {
        get
        {
            lock (_lock) return _queue.Count;
        }
    }

    /// <summary>Why the client was disconnected by the server, or null.</summary>
    public string? DisconnectReason { get; private set; }

    /// <summary>Cancelled when the client must stop (disconnected, slow, or the server is stopping).</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Queues a message; returns false when the client fell too far behind and is being disconnected.</summary>
    public bool Enqueue(in FeedMessage message)
    {
        if (_abort.IsCancellationRequested) return false;
        lock (_lock)
        {
            if (_queue.Count >= _capacity)
            {
                long now = Stopwatch.GetTimestamp();
                if (_fullSinceTicks == 0) _fullSinceTicks = now;
                else if (now - _fullSinceTicks > _slowTicks) return Disconnect("slow: the queue stayed full");
                if (!Thin())
                {
                    if (!message.Droppable) return Disconnect("slow: the queue is full of messages that cannot be dropped");
                    _dropped++;
                    return true;
                }
            }
            _queue.Enqueue(message);
        }
        if (Interlocked.Exchange(ref _signalled, 1) == 0) _signal.Release();
        return true;
    }

    /// <summary>Disconnects a client whose queue has stayed full too long; called by the hub's timer so a client that
    /// stopped reading is dropped even when no new message comes for it.</summary>
    public void CheckSlow()
    {
        lock (_lock)
        {
            if (_fullSinceTicks != 0 && Stopwatch.GetTimestamp() - _fullSinceTicks > _slowTicks) Disconnect("slow: the queue stayed full");
        }
    }

    /// <summary>Writes queued messages to the socket until the client is aborted or the socket fails.</summary>
    /// <remarks>
    /// A message alone in the queue goes out as its own frame, as soon as the sender wakes. When several are waiting
    /// (a burst, or a client behind), up to <see cref="MessagesPerFrame"/> of them go out in one frame as a JSON array,
    /// in order: with a hundred clients at 20k messages/s, frames (each one a WebSocket header, a mask check and a
    /// receive on the client) are what saturate two cores, not bytes. See docs/websocket.md, "Batches".
    /// </remarks>
    public async Task SendLoopAsync()
    {
        CancellationToken token = _abort.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _signal.WaitAsync(token);
                Volatile.Write(ref _signalled, 0);
                int frames = 0;
                while (true)
                {
                    int count = TakeFrame(out ReadOnlyMemory<byte> frame);
                    if (count == 0) break;
                    if (frames == 0) _transport?.BeginBatch();
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, token);
                    Interlocked.Add(ref _sent, count);
                    if (++frames == FramesPerWrite)
                    {
                        if (_transport is not null) await _transport.EndBatchAsync(token);
                        frames = 0;
                    }
                }
                if (frames > 0 && _transport is not null) await _transport.EndBatchAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // aborted: the receive loop or the hub ends the connection
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            _abort.Cancel(); // the socket failed: stop receiving too
        }
        finally
        {
            _transport?.AbandonBatch();
        }
    }

    /// <summary>Returns true the first time only: the hub counts a slow disconnection once, whoever notices it.</summary>
    public bool TryCountSlow() => Interlocked.Exchange(ref _slowCounted, 1) == 0;

    /// <summary>Stops the client.</summary>
    public void Abort() => _abort.Cancel();

    /// <inheritdoc/>
    public void Dispose()
    {
        _abort.Cancel();
        _abort.Dispose();
        _signal.Dispose();
    }

    /// <summary>Takes the next frame's messages off the queue and returns how many (0 when it is empty): one message as
    /// its own text, several as <c>[m1,m2,...]</c> in <see cref="_frame"/> (reused, so nothing is allocated per frame).</summary>
    private int TakeFrame(out ReadOnlyMemory<byte> frame)
    {
        int count = 0, bytes = 2;
        lock (_lock)
        {
            while (count < MessagesPerFrame && _queue.TryPeek(out FeedMessage next) && (count == 0 || bytes + next.Utf8.Length + 1 <= FrameBytes))
            {
                _taken[count++] = _queue.Dequeue();
                bytes += next.Utf8.Length + 1;
            }
            if (_fullSinceTicks != 0 && _queue.Count <= _capacity / 2) _fullSinceTicks = 0;
        }
        if (count <= 1)
        {
            frame = count == 0 ? default : _taken[0].Utf8;
            _taken[0] = default;
            return count;
        }
        if (_frame.Length < bytes) _frame = new byte[bytes];
        _frame[0] = (byte)'[';
        int at = 1;
        for (int i = 0; i < count; i++)
        {
            if (i > 0) _frame[at++] = (byte)',';
            byte[] utf8 = _taken[i].Utf8;
            utf8.CopyTo(_frame, at);
            at += utf8.Length;
            _taken[i] = default;
        }
        _frame[at++] = (byte)']';
        frame = _frame.AsMemory(0, at);
        return count;
    }

    /// <summary>Drops the oldest half of the droppable messages, keeping order; false when none is droppable.</summary>
    private bool Thin()
    {
        int droppable = 0;
        foreach (FeedMessage m in _queue)
        {
            if (m.Droppable) droppable++;
        }
        if (droppable == 0) return false;
        int toDrop = Math.Max(1, droppable / 2);
        _spare.Clear();
        foreach (FeedMessage m in _queue)
        {
            if (m.Droppable && toDrop > 0)
            {
                toDrop--;
                _dropped++;
                continue;
            }
            _spare.Enqueue(m);
        }
        (_queue, _spare) = (_spare, _queue);
        _spare.Clear();
        return true;
    }

    private bool Disconnect(string reason)
    {
        DisconnectReason ??= reason;
        _abort.Cancel();
        return false;
    }
}
