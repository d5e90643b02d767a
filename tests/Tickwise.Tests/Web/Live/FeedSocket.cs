using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tickwise.Tests.Web.Live;

/// <summary>A test client of <c>/ws</c>: sends JSON, receives messages with a timeout, one at a time (a batch frame's
/// messages are handed out in order) or frame by frame.</summary>
internal sealed class FeedSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly Queue<JsonElement> _pending = new();

    /// <summary>Frames received that were batches (JSON arrays).</summary>
    public int BatchFrames { get; private set; }

    public ClientWebSocket Socket => _socket;

    public static async Task<FeedSocket> ConnectAsync(Uri server)
    {
        var client = new FeedSocket();
        await client._socket.ConnectAsync(new Uri($"ws://{server.Authority}/ws"), CancellationToken.None);
        return client;
    }

    public Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(params string[] channels) => SendAsync(JsonSerializer.Serialize(new { op = "subscribe", channels }));

    /// <summary>Returns the next message, or throws when none comes within <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        while (_pending.Count == 0)
        {
            JsonElement frame = await ReceiveFrameAsync(timeout);
            if (frame.ValueKind != JsonValueKind.Array)
            {
                _pending.Enqueue(frame);
                break;
            }
            BatchFrames++;
            if (frame.GetArrayLength() < 2) throw new InvalidDataException($"A batch frame holds at least two messages: {frame.GetRawText()}");
            foreach (JsonElement message in frame.EnumerateArray()) _pending.Enqueue(message);
        }
        return _pending.Dequeue();
    }

    /// <summary>Returns the next frame as it came (a message object or a batch array), or throws when none comes within
    /// <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<JsonElement> ReceiveFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        int length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException($"closed by the server: {_socket.CloseStatusDescription}");
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(_buffer.AsMemory(0, length)).RootElement.Clone();
    }

    /// <summary>Receives until a message of <paramref name="type"/> arrives and returns it (others are skipped).</summary>
    public async Task<JsonElement> ReceiveTypeAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            JsonElement message = await ReceiveAsync(timeout);
            if (message.GetProperty("type").GetString() == type) return message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // the server may have gone first
        }
        _socket.Dispose();
    }
}
