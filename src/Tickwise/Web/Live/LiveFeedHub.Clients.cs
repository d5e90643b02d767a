using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace Tickwise.Web.Live;

/// <summary>WebSocket clients: the receive loop, subscribe and unsubscribe, the subscriber map.</summary>
internal sealed partial class LiveFeedHub
{
    private readonly ConcurrentDictionary<long, FeedClient> _clients = new();
    private readonly Lock _subscriptionLock = new();
    private long _nextClientId, _sentByGone, _droppedByGone;

    /// <summary>Serves one accepted WebSocket until the client closes it, fails, falls behind, or the server stops.</summary>
    /// <param name="socket">The accepted socket.</param>
    /// <param name="transport">The socket's batching transport, or null to send frame by frame.</param>
    /// <param name="requestAborted">Ends the client.</param>
    public async Task RunClientAsync(WebSocket socket, BatchingStream? transport, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping.Token);
        using var client = new FeedClient(Interlocked.Increment(ref _nextClientId), socket, _options, linked.Token, transport);
        _clients[client.Id] = client;
        Task sending = client.SendLoopAsync();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.MaxClientMessageBytes);
        try
        {
            await ReceiveLoopAsync(socket, client, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            RemoveClient(client);
            client.Abort();
            await sending;
            await CloseAsync(socket, client.DisconnectReason);
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, FeedClient client, byte[] buffer)
    {
        CancellationToken token = client.Aborted;
        try
        {
            while (!token.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == _options.MaxClientMessageBytes)
                    {
                        client.Enqueue(FeedJson.Reply("", "error", $"Message too large: at most {_options.MaxClientMessageBytes} bytes."));
                        await DrainMessageAsync(socket, buffer, token);
                        length = -1;
                        break;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length, _options.MaxClientMessageBytes - length), token);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (length >= 0) HandleMessage(client, buffer.AsSpan(0, length));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // aborted by the server (slow client, stopping) or the request
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // the client went away
        }
    }

    private static async Task DrainMessageAsync(WebSocket socket, byte[] buffer, CancellationToken token)
    {
        ValueWebSocketReceiveResult result;
        do result = await socket.ReceiveAsync(buffer.AsMemory(), token);
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
    }

    private static async Task CloseAsync(WebSocket socket, string? reason)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(reason is null ? WebSocketCloseStatus.NormalClosure : WebSocketCloseStatus.PolicyViolation, reason ?? "bye", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // a client that stopped reading may not take the close frame either
        }
        finally
        {
            socket.Abort();
        }
    }

    /// <summary>Handles one client message: <c>{"op":"subscribe"|"unsubscribe","channels":[...]}</c>; anything else gets an error reply.</summary>
    private void HandleMessage(FeedClient client, ReadOnlySpan<byte> json)
    {
        string? op = null;
        var channels = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Send a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("op"u8))
                {
                    reader.Read();
                    op = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("\"op\" must be a string.");
                }
                else if (reader.ValueTextEquals("channels"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("\"channels\" must be an array of strings.");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String) throw new JsonException("\"channels\" must be an array of strings.");
                        if (channels.Count >= _options.MaxChannelsPerClient) throw new JsonException($"At most {_options.MaxChannelsPerClient} channels.");
                        channels.Add(reader.GetString()!);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            client.Enqueue(FeedJson.Reply("", "error", $"Malformed message: {e.Message}"));
            return;
        }
        bool subscribe = string.Equals(op, "subscribe", StringComparison.Ordinal);
        if (!subscribe && !string.Equals(op, "unsubscribe", StringComparison.Ordinal))
        {
            client.Enqueue(FeedJson.Reply("", "error", $"Unknown op '{op}': use subscribe or unsubscribe."));
            return;
        }
        if (channels.Count == 0)
        {
            client.Enqueue(FeedJson.Reply("", "error", "Give at least one channel in \"channels\"."));
            return;
        }
        foreach (string text in channels)
        {
            if (!FeedChannel.TryParse(text, out FeedChannel channel, out string error))
            {
                client.Enqueue(FeedJson.Reply(text, "error", error));
                continue;
            }
            if (subscribe) Subscribe(client, channel);
            else Unsubscribe(client, channel);
        }
    }

    private void Subscribe(FeedClient client, FeedChannel channel)
    {
        lock (_subscriptionLock)
        {
            if (!client.Channels.Contains(channel.Name) && client.Channels.Count >= _options.MaxChannelsPerClient)
            {
                client.Enqueue(FeedJson.Reply(channel.Name, "error", $"At most {_options.MaxChannelsPerClient} channels per connection."));
                return;
            }
            // The reply goes first, so that it precedes the channel's first message.
            client.Enqueue(FeedJson.Reply(channel.Name, "subscribed", null));
            if (client.Channels.Add(channel.Name)) RebuildSubscribers();
        }
        if (channel.Kind == FeedChannelKind.Bars) EnsureBar(channel.Symbol, channel.Interval);
        else if (channel.Kind == FeedChannelKind.Pair) StartPair(channel);
    }

    private void Unsubscribe(FeedClient client, FeedChannel channel)
    {
        lock (_subscriptionLock)
        {
            if (client.Channels.Remove(channel.Name)) RebuildSubscribers();
            client.Enqueue(FeedJson.Reply(channel.Name, "unsubscribed", null));
        }
        if (channel.Kind == FeedChannelKind.Pair) StopPairIfUnused(channel);
    }

    private void RemoveClient(FeedClient client)
    {
        lock (_subscriptionLock)
        {
            _clients.TryRemove(client.Id, out _);
            client.Channels.Clear();
            RebuildSubscribers();
            Interlocked.Add(ref _sentByGone, client.Sent);
            Interlocked.Add(ref _droppedByGone, client.Dropped);
        }
        if (client.DisconnectReason is not null) MarkSlow(client);
    }

    /// <summary>Rebuilds the immutable channel → clients map; called under the subscription lock (subscriptions are rare).</summary>
    private void RebuildSubscribers()
    {
        var map = new Dictionary<string, List<FeedClient>>(StringComparer.Ordinal);
        foreach (FeedClient client in _clients.Values)
        {
            foreach (string channel in client.Channels)
            {
                if (!map.TryGetValue(channel, out List<FeedClient>? list)) map[channel] = list = [];
                list.Add(client);
            }
        }
        var snapshot = new Dictionary<string, FeedClient[]>(map.Count, StringComparer.Ordinal);
        foreach (var (channel, list) in map) snapshot[channel] = [.. list];
        _subscribers = snapshot;
    }
}
