using System.Buffers;
using System.Net.WebSockets;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>The receive loop and watchdog of one connection.</summary>
public sealed partial class BinanceStreamClient
{
    private const int InitialBufferBytes = 16 * 1024;

    // Written by the receive loop, read by the watchdog: the last time the connection showed life, and whether the
    // loop is busy downstream (a slow consumer or a backfill is not a silent exchange).
    private long _lastActivity;
    private int _busy;
    private bool _shutdownAnnounced; // set by the receive loop's own parse, read by the same loop

    /// <summary>Catches up over REST (or, for a connection handed over by a rollover, takes the frames it read ahead),
    /// then reads messages until the connection ends, the run is cancelled, or a newer connection takes over; returns
    /// why it ended and the connection taking over, if any. Never throws for what the network or the server does.</summary>
    private async Task<(string Reason, Handover? Next)> ReadConnectionAsync(ClientWebSocket socket, Handover? inherited, long connectedAt,
        Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        using var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Cancelled by the rollover when a newer connection has streamed long enough: ends this one's receive.
        using var handedOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var silent = new StrongBox(false);
        Task watchdog = WatchAsync(socket, silent, watchdogStop.Token);
        Task rollover = RollOverAsync(connectedAt, handedOver, watchdogStop.Token);
        using var assembler = new MessageAssembler(InitialBufferBytes, _options.MaxMessageBytes);
        try
        {
            if (inherited is not null)
            {
                string? broken = await TakeOverAsync(inherited, deliver, cancellationToken).ConfigureAwait(false);
                if (broken is not null) return (broken, TakePendingHandover());
                _live.MarkLive(); // the old connection was live and this one took over without a gap
            }
            else
            {
                ResetBooks();
                if (_sequencer is not null)
                {
                    // Subscribed first, fetched second: every trade is either in the fetched history or queued on the socket.
                    Volatile.Write(ref _busy, 1);
                    try { await _sequencer.CatchUpAsync(deliver, cancellationToken).ConfigureAwait(false); }
                    finally { MarkActivity(); Volatile.Write(ref _busy, 0); }
                }
                // Everything missed while away is delivered (or there is no repair to wait for): live from here on.
                _live.MarkLive();
            }
            string reason = await ReceiveAsync(socket, deliver, assembler, handedOver.Token, cancellationToken).ConfigureAwait(false);
            return (reason, TakePendingHandover());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ("stopped", null);
        }
        catch (OperationCanceledException) when (handedOver.IsCancellationRequested && Volatile.Read(ref _pendingHandover) is not null)
        {
            return ("connection lifetime reached", TakePendingHandover());
        }
        // A cancellation that neither the caller nor the watchdog caused came from the consumer: its failure ends the run.
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException || (e is OperationCanceledException && silent.Value))
        {
            string reason = silent.Value ? $"no data for {DurationText.Of(_options.NoDataTimeout)}"
                : e.InnerException is { } inner ? $"connection lost: {e.Message} ({inner.Message})" : $"connection lost: {e.Message}";
            return (reason, TakePendingHandover());
        }
        finally
        {
            await watchdogStop.CancelAsync().ConfigureAwait(false);
            try { await watchdog.ConfigureAwait(false); } catch (OperationCanceledException) { }
            await rollover.ConfigureAwait(false);
            // A handover that was ready but not taken (the run stopped, the consumer failed, or it came too late) is closed.
            Interlocked.Exchange(ref _pendingHandover, null)?.Dispose();
        }
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, Func<MarketEvent, CancellationToken, ValueTask> deliver, MessageAssembler assembler, CancellationToken receiveToken, CancellationToken cancellationToken)
    {
        while (true)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(assembler.NextWindow(), receiveToken).ConfigureAwait(false);
            MarkActivity();
            if (result.MessageType == WebSocketMessageType.Close)
                return $"the exchange closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd();
            MessageProgress progress = assembler.Accept(result);
            if (progress == MessageProgress.Oversized) Interlocked.Increment(ref _oversized);
            if (progress != MessageProgress.Complete) continue;
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                Interlocked.Increment(ref _binaryFrames);
            }
            else
            {
                // Stamped on arrival, observed once handled: the REST answers it caused (a gap's trades, a book
                // snapshot) reach a recorder before it, in the order the pipeline used them.
                long receivedNs = OnFrame is null ? 0 : ReceivedUnixNs();
                ValueTask handled = HandleMessage(assembler.Message, deliver, cancellationToken);
                if (_shutdownAnnounced)
                {
                    _shutdownAnnounced = false;
                    await handled.ConfigureAwait(false);
                    OnFrame?.Invoke(receivedNs, assembler.Message);
                    return "the exchange announced a shutdown (serverShutdown)";
                }
                if (!handled.IsCompletedSuccessfully)
                {
                    // Waiting on the consumer or on a gap repair: busy, not silent.
                    Volatile.Write(ref _busy, 1);
                    try { await handled.ConfigureAwait(false); }
                    finally { MarkActivity(); Volatile.Write(ref _busy, 0); }
                }
                OnFrame?.Invoke(receivedNs, assembler.Message);
            }
            assembler.Clear();
            // A newer connection has streamed through the overlap: leave at this message boundary.
            if (Volatile.Read(ref _pendingHandover) is not null) return "connection lifetime reached";
        }
    }

    /// <summary>Parses, counts and delivers one text message: the whole per-message path, synchronous unless the
    /// consumer or a gap repair makes it wait.</summary>
    internal ValueTask HandleMessage(ReadOnlySpan<byte> utf8, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _messages);
        if (Classify(utf8, out MarketEvent marketEvent, out LiveBook? book))
            return DeliverAsync(marketEvent, deliver, cancellationToken);
        return book is not null ? ApplyDepth(book, deliver, cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Parses one message and counts it; returns true with the event to deliver, or false with the book a
    /// depth diff belongs to (null when there is nothing to do).</summary>
    private bool Classify(ReadOnlySpan<byte> utf8, out MarketEvent marketEvent, out LiveBook? book)
    {
        marketEvent = default;
        book = null;
        ParseResult result = BinanceMessageParser.Parse(utf8, _depth, out StreamMessage message);
        if (result.IsError)
        {
            Interlocked.Increment(ref _parseErrors);
            StatusOfStream(utf8)?.OnParseError();
            return false;
        }
        if (!result.IsParsed)
        {
            Interlocked.Increment(ref _ignored);
            // Binance announces maintenance before it cuts the connection: leave now, on our terms, and catch up after.
            if (utf8.IndexOf("\"serverShutdown\""u8) >= 0) _shutdownAnnounced = true;
            return false;
        }
        Symbol symbol = message.Kind switch
        {
            StreamMessageKind.Trade or StreamMessageKind.AggTrade => message.Trade.Symbol,
            StreamMessageKind.Quote => message.Quote.Symbol,
            StreamMessageKind.Kline => message.Kline.Bar.Symbol,
            _ => message.Depth!.Symbol,
        };
        if (!_symbols.TryGetValue(symbol, out StreamSymbolStatus? status))
        {
            Interlocked.Increment(ref _unexpectedSymbols);
            return false;
        }
        long nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        status.OnMessage(nowMs);
        switch (message.Kind)
        {
            case StreamMessageKind.Quote when _draining && message.Quote.UpdateId <= status.LastQuoteUpdateId:
                status.OnDuplicateQuote(); // the old connection of a rollover delivered it already
                _frameDropped = true;
                return false;
            case StreamMessageKind.Quote when message.Quote.TimestampMs == 0:
                status.OnQuote(message.Quote.UpdateId);
                marketEvent = MarketEvent.Of(message.Quote with { TimestampMs = nowMs });
                return true;
            case StreamMessageKind.Quote:
                status.OnQuote(message.Quote.UpdateId);
                marketEvent = message.Event;
                return true;
            case StreamMessageKind.Trade or StreamMessageKind.AggTrade or StreamMessageKind.Kline:
                marketEvent = message.Event;
                return true;
            case StreamMessageKind.Depth when _books is not null:
                book = _books[symbol];
                return false;
            default:
                return false; // partial depth snapshots, or depth without a REST client: counted above
        }
    }

    /// <summary>Finds the subscribed symbol a frame's envelope names (<c>{"stream":"btcusdt@aggTrade",...</c>), for
    /// counting a parse error against it; null when the frame names none. Only on the error path; allocates nothing.</summary>
    private StreamSymbolStatus? StatusOfStream(ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> marker = "\"stream\":\""u8;
        int start = utf8.IndexOf(marker);
        if (start < 0) return null;
        ReadOnlySpan<byte> rest = utf8[(start + marker.Length)..];
        int at = rest.IndexOf((byte)'@');
        if (at is <= 0 or > Symbol.MaxLength) return null;
        Span<char> name = stackalloc char[Symbol.MaxLength];
        for (int i = 0; i < at; i++)
        {
            byte c = rest[i];
            if (c > 127) return null;
            name[i] = (char)(c is >= (byte)'a' and <= (byte)'z' ? c - 32 : c);
        }
        return _symbolsByName.TryGetValue(name[..at], out StreamSymbolStatus? status) ? status : null;
    }

    private ValueTask DeliverAsync(MarketEvent marketEvent, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        if (marketEvent.Kind != MarketEventKind.Trade) return deliver(marketEvent, cancellationToken);
        StreamSymbolStatus status = _symbols[marketEvent.Trade.Symbol];
        long last = status.LastTradeId;
        long id = marketEvent.Trade.Id;
        if (last >= 0 && id <= last)
        {
            // Ids run without gaps per symbol (raw and aggregated alike): a repeat is the stream overlapping a
            // backfill or a rollover's old connection.
            status.OnDuplicate();
            _frameDropped = true;
            return ValueTask.CompletedTask;
        }
        if (_sequencer is not null) return _sequencer.OnLiveAsync(marketEvent.Trade, deliver, cancellationToken);
        // Without repair (no REST client): count what is missing.
        if (last >= 0 && id > last + 1) status.OnLost(last + 1, id - 1);
        status.OnDelivered(id);
        return deliver(marketEvent, cancellationToken);
    }

    /// <summary>Gets or sets what sees every text frame (a recorder), as received, once it has been handled: after the
    /// REST answers it caused, which <see cref="BinanceRestClient.OnAnswer"/> sees; set it before <see cref="RunAsync"/>.</summary>
    public FrameObserver? OnFrame { get; set; }

    private long ReceivedUnixNs() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private void MarkActivity() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>Aborts the socket when nothing has arrived for the no-data timeout while the loop waits on the network.</summary>
    private async Task WatchAsync(ClientWebSocket socket, StrongBox silent, CancellationToken cancellationToken)
    {
        TimeSpan period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _options.NoDataTimeout.Ticks / 4));
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _busy) == 1) continue;
            if (_time.GetElapsedTime(Volatile.Read(ref _lastActivity)) < _options.NoDataTimeout) continue;
            silent.Value = true;
            socket.Abort();
            return;
        }
    }

    private sealed class StrongBox(bool value)
    {
        public volatile bool Value = value;
    }
}
