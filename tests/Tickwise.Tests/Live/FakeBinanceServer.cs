using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tickwise.Tests.Live;

/// <summary>
/// A Binance-protocol server on 127.0.0.1 for tests: the combined stream <c>/stream?streams=...</c> and REST
/// <c>/api/v3/aggTrades</c> and <c>/api/v3/historicalTrades</c> (also under <c>/fapi/v1</c>), publishing trades whose
/// contiguous ids the test controls with <see cref="Publish"/>, and misbehaving as its <see cref="FakeBinanceScenario"/> says.
/// </summary>
/// <remarks>Every published trade is kept, so the REST history holds all of them, exactly as Binance's does; the
/// stream carries only what is published while a connection is open. One history serves both trade kinds: a
/// connection subscribed to <c>@aggTrade</c> gets it as aggregated trades, one subscribed to <c>@trade</c> as raw
/// trades (with the same ids), and the two REST endpoints answer in their own formats.</remarks>
internal sealed partial class FakeBinanceServer : IAsyncDisposable
{
    public const long FirstTimeMs = 1_723_075_200_000; // 2024-08-08T00:00:00Z

    private WebApplication _app;
    private bool _down;
    private volatile bool _calm;
    private readonly FakeBinanceScenario _scenario;
    private readonly object _gate = new();
    private readonly Dictionary<string, List<PublishedTrade>> _history = new(StringComparer.Ordinal);
    private readonly List<Connection> _connections = [];
    private readonly List<int> _streamCounts = [];
    private int _connectionCount;
    private int _upgradeAttempts;
    private int _restRequests;
    private int _rateLimited;
    private int _futuresRestRequests;
    private int _historicalRequests;
    private readonly List<string?> _apiKeys = [];


    private FakeBinanceServer(WebApplication app, FakeBinanceScenario scenario)
    {
        _app = app;
        _scenario = scenario;
    }

    public string BaseUrl { get; private set; } = "";

    public string WsUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal);

    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>The number of streams each connection asked for, in connection order.</summary>
    public IReadOnlyList<int> StreamsPerConnection { get { lock (_gate) return [.. _streamCounts]; } }

    public int RestRequests => Volatile.Read(ref _restRequests);

    public int RateLimitedAnswers => Volatile.Read(ref _rateLimited);

    /// <summary>REST requests for raw trades (<c>historicalTrades</c>).</summary>
    public int HistoricalTradesRequests => Volatile.Read(ref _historicalRequests);

    /// <summary>The <c>X-MBX-APIKEY</c> header of each <c>historicalTrades</c> request (null: none), in order.</summary>
    public IReadOnlyList<string?> HistoricalTradesApiKeys { get { lock (_gate) return [.. _apiKeys]; } }

    /// <summary>REST requests on the futures path <c>/fapi/v1/...</c>.</summary>
    public int FuturesRestRequests => Volatile.Read(ref _futuresRestRequests);

    public static async Task<FakeBinanceServer> StartAsync(FakeBinanceScenario? scenario = null)
    {
        var server = new FakeBinanceServer(null!, scenario ?? new FakeBinanceScenario());
        server._app = server.Build(0);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <summary>Stops closing and dropping connections from now on (the scenario's <c>CloseEvery</c> and
    /// <c>AbortEvery</c>), so that a test can end on connections that stay up.</summary>
    public void Calm() => _calm = true;

    /// <summary>Stops serving, as an exchange going down for maintenance: every connection drops and nothing listens
    /// on the port until <see cref="StartAgainAsync"/>. The history stays, as Binance's does.</summary>
    public async Task StopAsync()
    {
        _down = true;
        lock (_gate)
            foreach (Connection connection in _connections) connection.Outbox.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }

    /// <summary>Serves again on the same port after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        _app = Build(new Uri(BaseUrl).Port);
        await _app.StartAsync();
        _down = false;
    }

    private WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            // 1024 streams in the URL is about 20 KB: more than Kestrel's 8 KB default request line.
            o.Limits.MaxRequestLineSize = 64 * 1024;
            o.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        });
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Map("/stream", HandleStreamAsync);
        // Typed as route handlers (not RequestDelegates, which would discard the returned result).
        app.MapGet("/api/v3/aggTrades", (Func<HttpContext, Task<IResult>>)HandleAggTrades);
        app.MapGet("/api/v3/depth", HandleDepth);
        app.MapGet("/api/v3/historicalTrades", (Func<HttpContext, Task<IResult>>)HandleHistoricalTrades);
        app.MapGet("/fapi/v1/aggTrades", (Func<HttpContext, Task<IResult>>)(context =>
        {
            Interlocked.Increment(ref _futuresRestRequests);
            return HandleAggTrades(context);
        }));
        app.MapGet("/fapi/v1/historicalTrades", (Func<HttpContext, Task<IResult>>)(context =>
        {
            Interlocked.Increment(ref _futuresRestRequests);
            return HandleHistoricalTrades(context);
        }));
        return app;
    }

    /// <summary>Publishes <paramref name="count"/> trades of <paramref name="symbol"/> with the next ids (the first id is 1000).</summary>
    public void Publish(string symbol, int count)
    {
        string stream = symbol.ToLowerInvariant() + "@aggTrade";
        string rawStream = symbol.ToLowerInvariant() + "@trade";
        for (int i = 0; i < count; i++)
        {
            lock (_gate)
            {
                if (!_history.TryGetValue(symbol, out var trades)) _history[symbol] = trades = [];
                long id = 1000 + trades.Count;
                var trade = new PublishedTrade(id, $"{60000 + id % 997}.{id % 100:00}", $"0.{id % 9 + 1:000}", FirstTimeMs + id * 7, id % 3 == 0);
                trades.Add(trade);
                byte[]? frame = null, rawFrame = null;
                foreach (Connection connection in _connections)
                {
                    if (connection.Streams.Contains(stream))
                        connection.Outbox.Writer.TryWrite(frame ??= Encoding.UTF8.GetBytes($"{{\"stream\":\"{stream}\",\"data\":{trade.Json(symbol, withEvent: true)}}}"));
                    if (connection.Streams.Contains(rawStream))
                        connection.Outbox.Writer.TryWrite(rawFrame ??= Encoding.UTF8.GetBytes($"{{\"stream\":\"{rawStream}\",\"data\":{trade.RawJson(symbol, withEvent: true)}}}"));
                }
            }
        }
    }

    /// <summary>Publishes in batches with short pauses, so that connections come and go while trades flow.</summary>
    public async Task PublishSlowlyAsync(string symbol, int count, int batch, TimeSpan pause)
    {
        for (int done = 0; done < count; done += batch)
        {
            Publish(symbol, Math.Min(batch, count - done));
            await Task.Delay(pause);
        }
    }

    /// <summary>Publishes one spot bookTicker (which carries no time) of <paramref name="symbol"/>.</summary>
    public void PublishQuote(string symbol, long updateId, string bid, string ask)
    {
        string stream = symbol.ToLowerInvariant() + "@bookTicker";
        byte[] frame = Encoding.UTF8.GetBytes($"{{\"stream\":\"{stream}\",\"data\":{{\"u\":{updateId},\"s\":\"{symbol}\",\"b\":\"{bid}\",\"B\":\"1.5\",\"a\":\"{ask}\",\"A\":\"2.5\"}}}}");
        lock (_gate)
            foreach (Connection connection in _connections)
                if (connection.Streams.Contains(stream)) connection.Outbox.Writer.TryWrite(frame);
    }

    /// <summary>Sends one raw frame to every open connection.</summary>
    public void SendRaw(byte[] frame, bool binary = false)
    {
        lock (_gate)
            foreach (Connection connection in _connections) connection.Outbox.Writer.TryWrite(binary ? [0xFF, .. frame] : frame);
    }

    public IReadOnlyList<long> PublishedIds(string symbol)
    {
        lock (_gate) return _history.TryGetValue(symbol, out var trades) ? trades.Select(t => t.Id).ToList() : [];
    }

    public IReadOnlyList<(long Id, string Price, string Quantity, long TimeMs, bool BuyerMaker)> Published(string symbol)
    {
        lock (_gate) return _history.TryGetValue(symbol, out var trades) ? trades.Select(t => (t.Id, t.Price, t.Quantity, t.TimeMs, t.BuyerMaker)).ToList() : [];
    }

    public async Task WaitForConnectionsAsync(int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Connections < count)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{Connections} connections after {timeout}, expected {count}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_down) await StopAsync();
    }

    private async Task HandleStreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        if (Interlocked.Increment(ref _upgradeAttempts) <= _scenario.RefusedConnections) { context.Response.StatusCode = 503; return; }
        string[] streams = (context.Request.Query["streams"].ToString()).Split('/', StringSplitOptions.RemoveEmptyEntries);
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(new HashSet<string>(streams, StringComparer.Ordinal), Channel.CreateUnbounded<byte[]>());
        lock (_gate)
        {
            _connections.Add(connection);
            _streamCounts.Add(streams.Length);
        }
        // Counted once it receives what is published: a test that waits for a connection then publishes must not race it.
        int number = Interlocked.Increment(ref _connectionCount);
        try
        {
            await ServeAsync(socket, connection, number, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client went away: the normal end of a connection.
        }
        finally
        {
            lock (_gate) _connections.Remove(connection);
        }
    }

    private async Task ServeAsync(WebSocket socket, Connection connection, int number, CancellationToken aborted)
    {
        // Read the client's side so its close and pings are seen.
        Task reading = Task.Run(async () =>
        {
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }, CancellationToken.None);
        bool silent = false;
        int sent = 0, trades = 0;
        await foreach (byte[] frame in connection.Outbox.Reader.ReadAllAsync(aborted))
        {
            if (reading.IsCompleted) return;
            if (silent) continue; // swallow: the exchange has stopped talking but not hung up
            if (_scenario.GarbageEvery > 0 && ++trades % _scenario.GarbageEvery == 0)
            {
                await SendGarbageAsync(socket, trades / _scenario.GarbageEvery, aborted);
                sent++;
            }
            bool binary = frame.Length > 0 && frame[0] == 0xFF;
            await socket.SendAsync(binary ? frame.AsMemory(1) : frame, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, aborted);
            sent++;
            if (_scenario.CloseEvery > 0 && sent >= _scenario.CloseEvery && !_calm)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "fake server closes", timeout.Token);
                return;
            }
            if (_scenario.AbortEvery > 0 && sent >= _scenario.AbortEvery && !_calm)
            {
                socket.Abort();
                return;
            }
            if (_scenario.SilentAfter > 0 && sent >= _scenario.SilentAfter && number <= _scenario.SilentConnections) silent = true;
        }
    }

    private async Task SendGarbageAsync(WebSocket socket, int n, CancellationToken aborted)
    {
        string truncated = "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1723075200000,\"s\":\"BTCUSDT\",\"a\":1";
        (byte[] bytes, WebSocketMessageType type) = (n % 7) switch
        {
            0 => (Encoding.UTF8.GetBytes(truncated), WebSocketMessageType.Text),
            1 when _scenario.InvalidUtf8 => ([0x00, 0xFF, 0xFE, 0x7B, 0x22], WebSocketMessageType.Text),
            1 => (Encoding.UTF8.GetBytes("{\"stream\":1}"), WebSocketMessageType.Text),
            2 => (Encoding.UTF8.GetBytes("{\"result\":null,\"id\":1}"), WebSocketMessageType.Text),
            3 => ([1, 2, 3, 4], WebSocketMessageType.Binary),
            4 => (Oversized(), WebSocketMessageType.Text),
            5 => (Encoding.UTF8.GetBytes("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":\"x\",\"p\":5}}"), WebSocketMessageType.Text),
            _ => (Encoding.UTF8.GetBytes("not json at all"), WebSocketMessageType.Text),
        };
        await socket.SendAsync(bytes, type, true, aborted);
    }

    private byte[] Oversized()
    {
        var bytes = new byte[_scenario.OversizedBytes];
        bytes.AsSpan().Fill((byte)' ');
        "{\"pad\":\""u8.CopyTo(bytes);
        bytes[^2] = (byte)'"';
        bytes[^1] = (byte)'}';
        return bytes;
    }

    private Task<IResult> HandleAggTrades(HttpContext context) => HandleTrades(context, raw: false);

    private async Task<IResult> HandleHistoricalTrades(HttpContext context)
    {
        Interlocked.Increment(ref _historicalRequests);
        string? key = context.Request.Headers.TryGetValue("X-MBX-APIKEY", out var values) ? values.ToString() : null;
        lock (_gate) _apiKeys.Add(key);
        // Binance's MARKET_DATA answer to a call without its key: 401 with code -2014 (API-key format invalid).
        if (_scenario.HistoricalTradesNeedApiKey && string.IsNullOrEmpty(key))
            return Results.Text("{\"code\":-2014,\"msg\":\"API-key format invalid.\"}", "application/json", statusCode: 401);
        return await HandleTrades(context, raw: true);
    }

    private async Task<IResult> HandleTrades(HttpContext context, bool raw)
    {
        if (_scenario.SlowTradesSymbol is { } slow && context.Request.Query["symbol"] == slow) await Task.Delay(_scenario.SlowTradesDelay);
        int request = Interlocked.Increment(ref _restRequests);
        if (request <= _scenario.RateLimitedRequests)
        {
            Interlocked.Increment(ref _rateLimited);
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(_scenario.Banned ? 418 : 429);
        }
        if (_scenario.RestDown) return Results.StatusCode(503);
        if (request <= _scenario.RateLimitedRequests + _scenario.FailedRequests) return Results.StatusCode(500);
        string? symbol = context.Request.Query["symbol"];
        if (string.IsNullOrEmpty(symbol)
            || !long.TryParse(context.Request.Query["fromId"], NumberStyles.None, CultureInfo.InvariantCulture, out long fromId)
            || !int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out int limit)
            || limit is < 1 or > 1000)
            return Results.BadRequest("{\"code\":-1100,\"msg\":\"Illegal characters found in a parameter.\"}");
        var body = new StringBuilder("[");
        lock (_gate)
        {
            if (_history.TryGetValue(symbol, out var trades) && trades.Count > 0)
            {
                long start = Math.Max(0, fromId - trades[0].Id);
                for (long i = start; i < trades.Count && i < start + limit; i++)
                {
                    if (body.Length > 1) body.Append(',');
                    body.Append(raw ? trades[(int)i].RawJson(symbol, withEvent: false) : trades[(int)i].Json(symbol, withEvent: false));
                }
            }
        }
        body.Append(']');
        return Results.Text(body.ToString(), "application/json");
    }

    private sealed record Connection(HashSet<string> Streams, Channel<byte[]> Outbox);

    private sealed record PublishedTrade(long Id, string Price, string Quantity, long TimeMs, bool BuyerMaker)
    {
        public string Json(string symbol, bool withEvent) => withEvent
            ? $"{{\"e\":\"aggTrade\",\"E\":{TimeMs + 1},\"s\":\"{symbol}\",\"a\":{Id},\"p\":\"{Price}\",\"q\":\"{Quantity}\",\"f\":{Id * 2},\"l\":{Id * 2 + 1},\"T\":{TimeMs},\"m\":{(BuyerMaker ? "true" : "false")},\"M\":true}}"
            : $"{{\"a\":{Id},\"p\":\"{Price}\",\"q\":\"{Quantity}\",\"f\":{Id * 2},\"l\":{Id * 2 + 1},\"T\":{TimeMs},\"m\":{(BuyerMaker ? "true" : "false")},\"M\":true}}";

        /// <summary>The trade as a raw <c>trade</c> stream event, or as an element of a <c>historicalTrades</c> answer.</summary>
        public string RawJson(string symbol, bool withEvent) => withEvent
            ? $"{{\"e\":\"trade\",\"E\":{TimeMs + 1},\"s\":\"{symbol}\",\"t\":{Id},\"p\":\"{Price}\",\"q\":\"{Quantity}\",\"T\":{TimeMs},\"m\":{(BuyerMaker ? "true" : "false")},\"M\":true}}"
            : $"{{\"id\":{Id},\"price\":\"{Price}\",\"qty\":\"{Quantity}\",\"quoteQty\":\"1\",\"time\":{TimeMs},\"isBuyerMaker\":{(BuyerMaker ? "true" : "false")},\"isBestMatch\":true}}";
    }
}
