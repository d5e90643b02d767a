using System.Net.WebSockets;
using Tickwise.Binance.Book;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>
/// Reads Binance's combined stream for a set of symbols and streams, for as long as it runs: reconnects with
/// exponential backoff, reconnects when the feed goes silent, and repairs trade gaps over REST (aggregated trades over
/// <c>/aggTrades</c>, raw trades over <c>/historicalTrades</c>), so that downstream sees every trade once and in order.
/// </summary>
/// <remarks>
/// <para>One connection carries every stream of the <see cref="StreamSubscription"/> (at most 1024). Messages are read
/// into a pooled buffer that grows up to <see cref="BinanceStreamClientOptions.MaxMessageBytes"/> and parsed in place
/// by <see cref="BinanceMessageParser"/>. A frame that does not parse, a binary frame or an oversized message is
/// counted and skipped: nothing a server sends makes the receive loop throw. Depth diffs keep a local
/// <see cref="OrderBook"/> per symbol (see <c>BinanceStreamClient.Books.cs</c>), whose top is delivered as a quote
/// when <c>bookTicker</c> is not subscribed.</para>
/// <para>Delivery is sequential on the receive loop and awaited: a slow consumer slows the reading (and the watchdog
/// does not count that time as silence), it never loses data. Spot quotes carry no time and are stamped with the
/// client clock's Unix ms. An exception thrown by the consumer ends <see cref="RunAsync"/>; network failures never
/// do.</para>
/// <para>Time, delays and the watchdog run on the injected <see cref="TimeProvider"/>.</para>
/// </remarks>
public sealed partial class BinanceStreamClient
{
    private readonly BinanceStreamClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<StreamNotice> _onNotice;
    private readonly ReconnectBackoff _backoff;
    private readonly Dictionary<Symbol, StreamSymbolStatus> _symbols;
    private readonly StreamSymbolStatus[] _statuses;
    private readonly Dictionary<string, StreamSymbolStatus>.AlternateLookup<ReadOnlySpan<char>> _symbolsByName;
    private readonly TradeSequencer? _sequencer;
    private readonly BinanceRestClient? _rest;
    private readonly Dictionary<Symbol, LiveBook>? _books;
    private readonly DepthUpdate _snapshot = new();
    private readonly bool _quotesFromBooks;
    private readonly DepthUpdate _depth = new();
    private readonly Uri _streamUri;
    private readonly LiveState _live = new();
    private long _connections;
    private long _messages;
    private long _parseErrors;
    private long _ignored;
    private long _binaryFrames;
    private long _oversized;
    private long _unexpectedSymbols;
    private int _connected;
    private long _rollovers;
    private int _running;

    /// <summary>Creates a client; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="options">Endpoints, subscription and timings; validated here.</param>
    /// <param name="rest">The REST client used to repair trade gaps and fetch book snapshots; null to deliver the stream as it comes.</param>
    /// <param name="time">The clock and timers.</param>
    /// <param name="onNotice">Receives connection and repair events (never one per message); may be null.</param>
    /// <param name="random">The jitter source; null for a shared one.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public BinanceStreamClient(BinanceStreamClientOptions options, BinanceRestClient? rest, TimeProvider time, Action<StreamNotice>? onNotice = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _time = time;
        _onNotice = onNotice ?? (_ => { });
        _backoff = new ReconnectBackoff(options.InitialBackoff, options.MaxBackoff, options.HealthyAfter, options.FastRetryWindow, time, random ?? Random.Shared);
        _streamUri = options.Endpoints.CombinedStreamUri(options.Subscription.StreamNames);
        _statuses = new StreamSymbolStatus[options.Subscription.Symbols.Count];
        _symbols = new Dictionary<Symbol, StreamSymbolStatus>(_statuses.Length);
        for (int i = 0; i < _statuses.Length; i++)
        {
            _statuses[i] = new StreamSymbolStatus(options.Subscription.Symbols[i]);
            _symbols.Add(_statuses[i].Symbol, _statuses[i]);
        }
        var byName = new Dictionary<string, StreamSymbolStatus>(_statuses.Length, StringComparer.Ordinal);
        foreach (StreamSymbolStatus status in _statuses) byName[status.Symbol.Value] = status;
        _symbolsByName = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _rest = rest;
        if (rest is not null && (options.Subscription.HasAggTrades || options.Subscription.Kinds.Contains(StreamKind.Trade)))
            _sequencer = new TradeSequencer(rest, _statuses, options.Subscription.HasAggTrades, options.RestPageLimit, options.RestAttempts, options.InitialBackoff, time, _onNotice, _live);
        if (rest is not null && options.Subscription.Kinds.Contains(StreamKind.Depth))
        {
            _books = new Dictionary<Symbol, LiveBook>(_statuses.Length);
            foreach (StreamSymbolStatus status in _statuses) _books.Add(status.Symbol, new LiveBook(new OrderBook(status.Symbol), status));
            // bookTicker is the exchange's own best bid and ask; without it the book's top is the quote.
            _quotesFromBooks = !options.Subscription.Kinds.Contains(StreamKind.BookTicker);
        }
    }

    /// <summary>The options the client runs with.</summary>
    public BinanceStreamClientOptions Options => _options;

    /// <summary>The combined-stream address the client connects to.</summary>
    public Uri StreamUri => _streamUri;

    /// <summary>True when trade gaps are repaired over REST (a REST client was given and aggTrade or trade is subscribed).</summary>
    public bool HasGapRepair => _sequencer is not null;

    /// <summary>True when depth diffs keep local order books (a REST client was given and depth is subscribed).</summary>
    public bool HasBooks => _books is not null;

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>Whether the connection delivers live trades with none missing before them (see <see cref="LiveState"/>).</summary>
    public LiveState Live => _live;

    /// <summary>Connections opened so far.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Text messages received, whatever became of them.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Connections replaced before their lifetime ran out (<see cref="BinanceStreamClientOptions.MaxConnectionLifetime"/>),
    /// the new one streaming before the old one closed.</summary>
    public long Rollovers => Interlocked.Read(ref _rollovers);

    /// <summary>Messages the parser rejected (malformed, missing fields, bad numbers, ...).</summary>
    public long ParseErrors => Interlocked.Read(ref _parseErrors);

    /// <summary>Valid messages that carry no market data (subscription answers, other events).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Binary messages, which Binance never sends on these streams; skipped.</summary>
    public long BinaryFrames => Interlocked.Read(ref _binaryFrames);

    /// <summary>Messages longer than <see cref="BinanceStreamClientOptions.MaxMessageBytes"/>; skipped.</summary>
    public long OversizedMessages => Interlocked.Read(ref _oversized);

    /// <summary>Parsed messages of a symbol that was not subscribed; skipped.</summary>
    public long UnexpectedSymbols => Interlocked.Read(ref _unexpectedSymbols);

    /// <summary>Per-symbol counters, in subscription order.</summary>
    public IReadOnlyList<StreamSymbolStatus> Symbols => _statuses;

    /// <summary>Makes every symbol log its trade gaps (ranges backfilled over REST, ranges missing) for
    /// <see cref="StreamSymbolStatus.TryTakeGap"/>, which a consumer must then drain: bar quality flags are built
    /// from them. Call before <see cref="RunAsync"/>.</summary>
    public void LogGaps()
    {
        foreach (StreamSymbolStatus status in _statuses) status.LogGaps();
    }

    /// <summary>Sets the last trade id (aggregated or raw, as subscribed) already held for <paramref name="symbol"/>, so that the first
    /// connection fetches what happened since (resuming after a restart). Call before <see cref="RunAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">Gap repair is off (no REST client, or no trade stream).</exception>
    /// <exception cref="ArgumentException">The symbol is not subscribed.</exception>
    public void Resume(Symbol symbol, long lastTradeId)
    {
        if (_sequencer is null) throw new InvalidOperationException("Resuming needs gap repair: a REST client and the aggTrade or trade stream.");
        _sequencer.Resume(symbol, lastTradeId);
    }

    /// <summary>Connects, reads and delivers until <paramref name="cancellationToken"/> is cancelled, reconnecting as
    /// often as needed; then closes the connection politely and returns.</summary>
    /// <param name="deliver">Receives each trade, quote and kline in order; awaited before the next message is read.</param>
    /// <param name="cancellationToken">Stops the client; cancellation is the normal end and does not throw.</param>
    /// <exception cref="InvalidOperationException">The client has been run before.</exception>
    /// <exception cref="Exception">Whatever <paramref name="deliver"/> throws ends the run with it.</exception>
    public async Task RunAsync(Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        // The counters, the sequencer and the parse buffer belong to one receive loop.
        if (Interlocked.Exchange(ref _running, 1) == 1) throw new InvalidOperationException("This client is already running; create one client per run.");
        Handover? next = null;
        Task closingOld = Task.CompletedTask;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // A rollover hands over a connection that is open and streaming already: no connect, no backoff.
                Handover? inherited = next;
                next = null;
                ClientWebSocket socket = inherited?.Socket ?? new ClientWebSocket();
                if (inherited is null)
                {
                    string? failure = await ConnectAsync(socket, cancellationToken).ConfigureAwait(false);
                    if (cancellationToken.IsCancellationRequested) { socket.Dispose(); break; }
                    if (failure is not null)
                    {
                        socket.Dispose();
                        TimeSpan wait = _backoff.Next();
                        _onNotice(new StreamNotice(StreamNoticeKind.ConnectFailed, $"cannot reach the exchange at {_options.Endpoints.StreamBase}: {failure}; retrying in {DurationText.Of(wait)} (attempt {_backoff.Attempt})", wait));
                        if (!await DelayAsync(wait, cancellationToken).ConfigureAwait(false)) break;
                        continue;
                    }
                    Interlocked.Increment(ref _connections);
                    _onNotice(new StreamNotice(StreamNoticeKind.Connected, $"connected to {_options.Endpoints.StreamBase} ({_options.Subscription.StreamNames.Count} streams)", TimeSpan.Zero));
                }
                Volatile.Write(ref _connected, 1);
                long connectedAt = inherited?.ConnectedAt ?? _time.GetTimestamp();
                (string reason, next) = await ReadConnectionAsync(socket, inherited, connectedAt, deliver, cancellationToken).ConfigureAwait(false);
                if (next is not null)
                {
                    // The new connection streams already; the old one closes in the background, its last frames duplicates.
                    await closingOld.ConfigureAwait(false);
                    closingOld = CloseAndDisposeAsync(socket);
                    Interlocked.Increment(ref _rollovers);
                    _onNotice(new StreamNotice(StreamNoticeKind.RolledOver, $"{reason}: switched to a new connection opened {DurationText.Of(_time.GetElapsedTime(next.ConnectedAt))} ago", TimeSpan.Zero));
                    continue;
                }
                Volatile.Write(ref _connected, 0);
                _live.MarkInterrupted();
                await CloseAndDisposeAsync(socket).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested) break;
                _backoff.OnConnectionEnded(_time.GetElapsedTime(connectedAt));
                TimeSpan retry = _backoff.Next();
                _onNotice(new StreamNotice(StreamNoticeKind.Disconnected, $"{reason}; reconnecting in {DurationText.Of(retry)}", retry));
                if (!await DelayAsync(retry, cancellationToken).ConfigureAwait(false)) break;
            }
        }
        finally
        {
            Volatile.Write(ref _connected, 0);
            _live.MarkInterrupted();
            next?.Dispose();
            await closingOld.ConfigureAwait(false);
        }
    }

    private static async Task CloseAndDisposeAsync(ClientWebSocket socket)
    {
        await CloseQuietlyAsync(socket).ConfigureAwait(false);
        socket.Dispose();
    }

    /// <summary>Opens the socket; returns null on success or why it failed.</summary>
    private async Task<string?> ConnectAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(_streamUri, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {DurationText.Of(_options.ConnectTimeout)}";
        }
        catch (OperationCanceledException)
        {
            return "stopped";
        }
        catch (WebSocketException e)
        {
            return e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    /// <summary>Waits; returns false when cancelled.</summary>
    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        // Open: we are stopping; CloseReceived: the exchange closed first and waits for our half of the handshake.
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client stopping", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Stopping anyway: a server that cannot take the close frame changes nothing.
        }
    }
}
