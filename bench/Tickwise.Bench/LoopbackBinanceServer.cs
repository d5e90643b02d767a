using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tickwise.Bench;

/// <summary>
/// A Binance-protocol server on 127.0.0.1 for the live harnesses: the combined aggTrade stream and REST
/// <c>/api/v3/aggTrades</c>, for symbols <c>S0USDT</c>, <c>S1USDT</c>, ..., whose trades are a pure function of their
/// id (so the history costs no memory, however long the run).
/// </summary>
/// <remarks>
/// <para>Unpaced (the throughput harness): one connection gets trades as fast as the socket takes them, the symbols
/// in turn; the WebSocket frames are written by hand, many per socket write, so the server is not what is measured.
/// Paced: each symbol's history grows by a fixed number of trades per second of wall time, whether or not anyone is
/// connected; a connection streams from the history's end when it opened.</para>
/// <para>Trade <c>id</c> of a symbol: price <c>60000 + (id mod 997) / 100</c>, quantity <c>(1 + id mod 9) / 1000</c>,
/// time <c>2024-08-08T00:00:00Z + id / 100</c> ms, buyer maker when <c>id</c> is even. Ids start at 1.</para>
/// </remarks>
internal sealed class LoopbackBinanceServer : IAsyncDisposable
{
    private const long FirstTimeMs = 1_723_075_200_000;
    private const int BatchBytes = 64 * 1024;

    private readonly double _perSecond; // 0: unpaced
    private readonly long[] _published; // unpaced: ids below this were sent
    private readonly long _startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private WebApplication? _app;
    private long _framesSent;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpContext, bool> _streams = new();

    public LoopbackBinanceServer(int symbols, double tradesPerSecondPerSymbol = 0)
    {
        Symbols = new string[symbols];
        for (int i = 0; i < symbols; i++) Symbols[i] = $"S{i}USDT";
        _published = new long[symbols];
        Array.Fill(_published, 1);
        _perSecond = tradesPerSecondPerSymbol;
    }

    public string[] Symbols { get; }

    public string BaseUrl { get; private set; } = "";

    public string WsUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal);

    /// <summary>Stream frames written so far, over all connections.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>The id after the last trade of symbol <paramref name="index"/> in the history now.</summary>
    public long NextId(int index) => _perSecond > 0
        ? 1 + (long)(_perSecond * System.Diagnostics.Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds)
        : Interlocked.Read(ref _published[index]);

    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        app.Map("/stream", HandleStreamAsync);
        app.MapGet("/api/v3/aggTrades", HandleAggTrades);
        await app.StartAsync();
        _app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>Stops listening and drops every connection; <see cref="StartAsync"/> with the same port serves again.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        // Kestrel leaves upgraded connections alone until its shutdown timeout: drop them now, as a crash would.
        foreach (HttpContext stream in _streams.Keys) stream.Abort();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task HandleStreamAsync(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        string? key = context.Request.Headers["Sec-WebSocket-Key"];
        if (upgrade is null || !upgrade.IsUpgradableRequest || string.IsNullOrEmpty(key)) { context.Response.StatusCode = 400; return; }
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        context.Response.Headers["Sec-WebSocket-Accept"] = accept;
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        using Stream stream = await upgrade.UpgradeAsync();
        _streams[context] = true;
        CancellationToken aborted = context.RequestAborted;
        // The client's frames (pongs, its close) are read and dropped; when it goes, the connection ends.
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _ = Task.Run(async () =>
        {
            var sink = new byte[4096];
            try { while (await stream.ReadAsync(sink, gone.Token) > 0) { } }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
            await gone.CancelAsync();
        }, CancellationToken.None);
        var cursor = new long[Symbols.Length];
        for (int i = 0; i < cursor.Length; i++) cursor[i] = NextId(i);
        var batch = new byte[BatchBytes];
        try
        {
            while (!gone.IsCancellationRequested)
            {
                int length = 0, frames = 0;
                bool any = true;
                while (any && length < BatchBytes - 512)
                {
                    any = false;
                    for (int s = 0; s < Symbols.Length && length < BatchBytes - 512; s++)
                    {
                        long id;
                        if (_perSecond > 0)
                        {
                            if (cursor[s] >= NextId(s)) continue;
                            id = cursor[s]++;
                        }
                        else
                        {
                            id = Interlocked.Increment(ref _published[s]) - 1;
                        }
                        length += WriteFrame(batch.AsSpan(length), s, id);
                        frames++;
                        any = true;
                    }
                }
                if (frames == 0)
                {
                    await Task.Delay(1, gone.Token);
                    continue;
                }
                await stream.WriteAsync(batch.AsMemory(0, length), gone.Token);
                Interlocked.Add(ref _framesSent, frames);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server stops.
        }
        finally
        {
            _streams.TryRemove(context, out _);
        }
    }

    /// <summary>Writes one unmasked WebSocket text frame holding the combined-stream aggTrade of symbol <paramref name="s"/> and id <paramref name="id"/>.</summary>
    private int WriteFrame(Span<byte> destination, int s, long id)
    {
        Span<byte> payload = destination[4..];
        int n = 0;
        n += Append(payload[n..], "{\"stream\":\"s"u8);
        n += Number(payload[n..], s);
        n += Append(payload[n..], "usdt@aggTrade\",\"data\":"u8);
        n += TradeJson(payload[n..], s, id, withEvent: true);
        n += Append(payload[n..], "}"u8);
        // Header: FIN + text, then the 16-bit length form (payloads are 126..65535 bytes).
        destination[0] = 0x81;
        destination[1] = 126;
        destination[2] = (byte)(n >> 8);
        destination[3] = (byte)n;
        return n + 4;
    }

    private int TradeJson(Span<byte> destination, int s, long id, bool withEvent)
    {
        long timeMs = FirstTimeMs + id / 100;
        int n = 0;
        n += Append(destination[n..], "{"u8);
        if (withEvent)
        {
            n += Append(destination[n..], "\"e\":\"aggTrade\",\"E\":"u8);
            n += Number(destination[n..], timeMs + 1);
            n += Append(destination[n..], ",\"s\":\"S"u8);
            n += Number(destination[n..], s);
            n += Append(destination[n..], "USDT\","u8);
        }
        n += Append(destination[n..], "\"a\":"u8);
        n += Number(destination[n..], id);
        n += Append(destination[n..], ",\"p\":\"600"u8);
        long cents = id % 997;
        n += Number(destination[n..], 10 + cents / 100); // 60010..60019: keeps two digits
        n += Append(destination[n..], "."u8);
        destination[n++] = (byte)('0' + cents % 100 / 10);
        destination[n++] = (byte)('0' + cents % 10);
        n += Append(destination[n..], "\",\"q\":\"0.00"u8);
        n += Number(destination[n..], 1 + id % 9);
        n += Append(destination[n..], "\",\"f\":"u8);
        n += Number(destination[n..], id * 2);
        n += Append(destination[n..], ",\"l\":"u8);
        n += Number(destination[n..], id * 2 + 1);
        n += Append(destination[n..], ",\"T\":"u8);
        n += Number(destination[n..], timeMs);
        n += Append(destination[n..], id % 2 == 0 ? ",\"m\":true,\"M\":true}"u8 : ",\"m\":false,\"M\":true}"u8);
        return n;
    }

    private IResult HandleAggTrades(HttpContext context)
    {
        string? symbol = context.Request.Query["symbol"];
        int s = Array.IndexOf(Symbols, symbol);
        if (s < 0
            || !long.TryParse(context.Request.Query["fromId"], NumberStyles.None, CultureInfo.InvariantCulture, out long fromId)
            || !int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out int limit) || limit is < 1 or > 1000)
            return Results.BadRequest("{\"code\":-1100,\"msg\":\"Illegal characters found in a parameter.\"}");
        long end = Math.Min(NextId(s), Math.Max(fromId, 1) + limit);
        var body = new byte[Math.Max(2, (int)Math.Max(0, end - fromId)) * 200 + 2];
        int n = 0;
        body[n++] = (byte)'[';
        for (long id = Math.Max(fromId, 1); id < end; id++)
        {
            if (n > 1) body[n++] = (byte)',';
            n += TradeJson(body.AsSpan(n), s, id, withEvent: false);
        }
        body[n++] = (byte)']';
        return Results.Bytes(body.AsMemory(0, n).ToArray(), "application/json");
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int Number(Span<byte> destination, long value)
    {
        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }
}
