using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>The connection lifetime: Binance ends every connection after 24 hours, so the client opens a new one
/// before <see cref="BinanceStreamClientOptions.MaxConnectionLifetime"/>, reads it ahead while the old one still
/// delivers, and switches once the new one has streamed for <see cref="BinanceStreamClientOptions.ConnectionOverlap"/>.</summary>
/// <remarks>
/// <para>During the overlap both connections carry the same messages. The old one keeps delivering; the new one's
/// frames are copied into a queue. At the switch the old one stops at a message boundary, the queue is delivered,
/// and what both carried is dropped: trades by id (the sequencer's check), bookTicker quotes by update id, depth diffs
/// by the book's update id (stale diffs). Klines are delivered again (a kline update is idempotent). The books are
/// not reset and no REST catch-up runs: the feed never stopped. If the new connection's frames do not reach back to
/// the old one's last (the old one lagged), the sequencer's gap repair fills the difference over REST.</para>
/// <para>A frame recorder (<see cref="OnFrame"/>) sees the queued frames that delivered something, so a recording
/// holds no duplicate.</para>
/// </remarks>
public sealed partial class BinanceStreamClient
{
    private Handover? _pendingHandover;
    private bool _draining; // delivering a handover's queued frames: duplicates of the old connection's are expected
    private bool _frameDropped; // the frame just handled was such a duplicate

    private Handover? TakePendingHandover() => Interlocked.Exchange(ref _pendingHandover, null);

    /// <summary>Waits out the connection's lifetime, opens the next connection, reads it ahead through the overlap,
    /// then hands it over by cancelling <paramref name="handedOver"/>. Ends quietly when <paramref name="stop"/> fires
    /// (the connection ended first), closing a connection it opened and did not hand over.</summary>
    private async Task RollOverAsync(long connectedAt, CancellationTokenSource handedOver, CancellationToken stop)
    {
        Handover? next = null;
        try
        {
            TimeSpan left = _options.MaxConnectionLifetime - _time.GetElapsedTime(connectedAt);
            if (left > TimeSpan.Zero) await Task.Delay(left, _time, stop).ConfigureAwait(false);
            TimeSpan wait = _options.InitialBackoff;
            while (next is null)
            {
                var socket = new ClientWebSocket();
                string? failure = await ConnectAsync(socket, stop).ConfigureAwait(false);
                stop.ThrowIfCancellationRequested();
                if (failure is null)
                {
                    Interlocked.Increment(ref _connections);
                    next = new Handover(socket, _time.GetTimestamp());
                    break;
                }
                socket.Dispose();
                // The old connection still streams: keep trying, each wait doubling up to the cap, until it ends.
                _onNotice(new StreamNotice(StreamNoticeKind.ConnectFailed, $"opening the connection to replace the one at its lifetime: {failure}; retrying in {DurationText.Of(wait)}", wait));
                await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                wait = wait * 2 < _options.MaxBackoff ? wait * 2 : _options.MaxBackoff;
            }
            next.Reading = ReadAheadAsync(next);
            await next.FirstFrame.Task.WaitAsync(stop).ConfigureAwait(false);
            if (next.Failure is not null)
            {
                _onNotice(new StreamNotice(StreamNoticeKind.ConnectFailed, $"the connection opened to replace the one at its lifetime failed: {next.Failure}; the old one goes on", TimeSpan.Zero));
                return; // the old connection ends at the exchange's limit, and a plain reconnect follows
            }
            await Task.Delay(_options.ConnectionOverlap, _time, stop).ConfigureAwait(false);
            Volatile.Write(ref _pendingHandover, next);
            next = null;
            // The receive loop leaves at its next message boundary; a quiet old connection is cut short here.
            await handedOver.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The connection ended before its lifetime: nothing to hand over.
        }
        finally
        {
            next?.Dispose();
        }
    }

    /// <summary>Stops the handed-over connection's read-ahead at a message boundary and delivers what it queued,
    /// dropping what the old connection delivered already; returns null, or why the new connection is unusable.</summary>
    private async Task<string?> TakeOverAsync(Handover handover, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        handover.StopRequested = true;
        // The read-ahead ends after the message it is reading; the watchdog aborts the socket if none comes.
        await handover.Reading!.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _busy, 1);
        _draining = true;
        try
        {
            while (handover.Frames.TryDequeue(out QueuedFrame frame))
            {
                _frameDropped = false;
                try
                {
                    await HandleMessage(frame.Bytes.AsSpan(0, frame.Length), deliver, cancellationToken).ConfigureAwait(false);
                    if (!_frameDropped && OnFrame is { } observe) observe(frame.ReceivedUnixNs, frame.Bytes.AsSpan(0, frame.Length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame.Bytes);
                }
            }
        }
        finally
        {
            _draining = false;
            MarkActivity();
            Volatile.Write(ref _busy, 0);
        }
        return handover.Failure is null ? null : $"the new connection failed during the rollover: {handover.Failure}";
    }

    /// <summary>Reads the next connection into its queue, whole text messages only, until told to stop (then at a
    /// message boundary), closed or broken.</summary>
    private async Task ReadAheadAsync(Handover handover)
    {
        var assembler = new MessageAssembler(InitialBufferBytes, _options.MaxMessageBytes);
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await handover.Socket.ReceiveAsync(assembler.NextWindow(), CancellationToken.None).ConfigureAwait(false);
                if (handover.StopRequested) MarkActivity(); // handed over: this is now the connection the watchdog guards
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    handover.Failure = "the exchange closed it";
                    return;
                }
                MessageProgress progress = assembler.Accept(result);
                if (progress == MessageProgress.Oversized) Interlocked.Increment(ref _oversized);
                if (progress != MessageProgress.Complete) continue;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Interlocked.Increment(ref _binaryFrames);
                }
                else
                {
                    ReadOnlySpan<byte> message = assembler.Message;
                    byte[] copy = ArrayPool<byte>.Shared.Rent(message.Length);
                    message.CopyTo(copy);
                    handover.Frames.Enqueue(new QueuedFrame(copy, message.Length, ReceivedUnixNs()));
                    handover.FirstFrame.TrySetResult();
                }
                assembler.Clear();
                if (handover.StopRequested) return;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            handover.Failure = e.Message;
        }
        finally
        {
            assembler.Dispose();
            handover.FirstFrame.TrySetResult(); // a connection that fails before its first frame wakes the rollover too
        }
    }

    private readonly record struct QueuedFrame(byte[] Bytes, int Length, long ReceivedUnixNs);

    /// <summary>The next connection of a rollover: its socket, when it opened, and the frames read ahead.</summary>
    private sealed class Handover(ClientWebSocket socket, long connectedAt) : IDisposable
    {
        public ClientWebSocket Socket { get; } = socket;
        public long ConnectedAt { get; } = connectedAt;
        public ConcurrentQueue<QueuedFrame> Frames { get; } = new();
        public TaskCompletionSource FirstFrame { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task? Reading { get; set; }
        public volatile bool StopRequested;
        public volatile string? Failure;

        public void Dispose()
        {
            Socket.Abort();
            Socket.Dispose();
            while (Frames.TryDequeue(out QueuedFrame frame)) ArrayPool<byte>.Shared.Return(frame.Bytes);
        }
    }
}
