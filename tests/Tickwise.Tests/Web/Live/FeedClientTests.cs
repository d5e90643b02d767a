using System.Net.WebSockets;
using System.Text;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public class FeedClientTests
{
    private static FeedClient Client(int capacity = 16, double slowSeconds = 60) =>
        new(1, WebSocket.CreateFromStream(new MemoryStream(), isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero),
            new FeedOptions { ClientQueueCapacity = capacity, SlowClientTimeout = TimeSpan.FromSeconds(slowSeconds) }, CancellationToken.None);

    private static FeedMessage Message(string text, bool droppable) => new(Encoding.UTF8.GetBytes(text), droppable, 0);

    [Fact]
    public void Enqueue_UnderCapacity_KeepsEverything()
    {
        using FeedClient sut = Client();

        for (int i = 0; i < 16; i++) sut.Enqueue(Message($"{i}", droppable: true)).ShouldBeTrue();

        sut.Queued.ShouldBe(16);
        sut.Dropped.ShouldBe(0);
    }

    [Fact]
    public void Enqueue_Full_DropsTheOldestHalfOfDroppableMessagesAndKeepsTheOthers()
    {
        using FeedClient sut = Client();
        for (int i = 0; i < 16; i++) sut.Enqueue(Message($"{i}", droppable: i % 2 == 1)); // 8 kept-always, 8 droppable

        sut.Enqueue(Message("new", droppable: false)).ShouldBeTrue();

        sut.Dropped.ShouldBe(4); // half of the 8 droppable ones, the oldest
        sut.Queued.ShouldBe(13);
        sut.DisconnectReason.ShouldBeNull();
    }

    [Fact]
    public void Enqueue_FullOfMessagesThatCannotBeDropped_DropsADroppableNewcomer()
    {
        using FeedClient sut = Client();
        for (int i = 0; i < 16; i++) sut.Enqueue(Message($"{i}", droppable: false));

        sut.Enqueue(Message("trade", droppable: true)).ShouldBeTrue();

        sut.Dropped.ShouldBe(1);
        sut.Queued.ShouldBe(16);
    }

    [Fact]
    public void Enqueue_FullOfMessagesThatCannotBeDroppedAndAnotherComes_DisconnectsTheClient()
    {
        using FeedClient sut = Client();
        for (int i = 0; i < 16; i++) sut.Enqueue(Message($"{i}", droppable: false));

        sut.Enqueue(Message("alert", droppable: false)).ShouldBeFalse();

        sut.DisconnectReason.ShouldNotBeNull();
        sut.DisconnectReason.ShouldStartWith("slow");
        sut.Aborted.IsCancellationRequested.ShouldBeTrue();
        sut.Enqueue(Message("later", droppable: true)).ShouldBeFalse();
    }

    [Fact]
    public void TryCountSlow_CalledTwice_IsTrueOnce()
    {
        using FeedClient sut = Client();

        sut.TryCountSlow().ShouldBeTrue();
        sut.TryCountSlow().ShouldBeFalse();
    }

    [Fact]
    public async Task CheckSlow_QueueFullLongerThanTheTimeout_Disconnects()
    {
        using FeedClient sut = Client(slowSeconds: 0.2);
        for (int i = 0; i < 17; i++) sut.Enqueue(Message($"{i}", droppable: true)); // the 17th fills it and starts the clock

        sut.CheckSlow();
        sut.DisconnectReason.ShouldBeNull();
        await Task.Delay(400);
        sut.CheckSlow();

        sut.DisconnectReason.ShouldNotBeNull();
        sut.Aborted.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task SendLoop_WritesQueuedMessagesInOrderAsTextFrames()
    {
        var stream = new MemoryStream();
        using var socket = WebSocket.CreateFromStream(stream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        using var sut = new FeedClient(1, socket, new FeedOptions(), CancellationToken.None);
        Task sending = sut.SendLoopAsync();

        sut.Enqueue(Message("{\"a\":1}", droppable: true));
        sut.Enqueue(Message("{\"b\":2}", droppable: false));
        while (sut.Sent < 2) await Task.Delay(5);
        sut.Abort();
        await sending;

        string written = Encoding.UTF8.GetString(stream.ToArray());
        written.IndexOf("{\"a\":1}", StringComparison.Ordinal).ShouldBeLessThan(written.IndexOf("{\"b\":2}", StringComparison.Ordinal));
        written.IndexOf("{\"a\":1}", StringComparison.Ordinal).ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task SendLoop_SeveralQueued_SendsThemAsOneArrayFrameInOrder()
    {
        var stream = new MemoryStream();
        using var socket = WebSocket.CreateFromStream(stream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        using var sut = new FeedClient(1, socket, new FeedOptions(), CancellationToken.None);
        for (int i = 0; i < 5; i++) sut.Enqueue(Message($"{{\"n\":{i}}}", droppable: true));

        Task sending = sut.SendLoopAsync();
        while (sut.Sent < 5) await Task.Delay(5);
        sut.Abort();
        await sending;

        string[] frames = await ReadFramesAsync(stream);
        frames.ShouldBe(["[{\"n\":0},{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4}]"]);
    }

    [Fact]
    public async Task SendLoop_MoreThanAFrameHolds_SplitsIntoFramesKeepingEveryMessageOnce()
    {
        var stream = new MemoryStream();
        using var socket = WebSocket.CreateFromStream(stream, isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        using var sut = new FeedClient(1, socket, new FeedOptions(), CancellationToken.None);
        const int count = FeedClient.MessagesPerFrame * 2 + 1;
        for (int i = 0; i < count; i++) sut.Enqueue(Message($"{i}", droppable: false));

        Task sending = sut.SendLoopAsync();
        while (sut.Sent < count) await Task.Delay(5);
        sut.Abort();
        await sending;

        string[] frames = await ReadFramesAsync(stream);
        frames.Length.ShouldBe(3);
        frames[2].ShouldBe($"{count - 1}"); // the last one was alone: sent as itself, not as a one-element array
        var numbers = new List<int>();
        foreach (string frame in frames[..2]) numbers.AddRange(System.Text.Json.JsonSerializer.Deserialize<int[]>(frame)!);
        numbers.Add(int.Parse(frames[2], System.Globalization.CultureInfo.InvariantCulture));
        numbers.ShouldBe(Enumerable.Range(0, count));
    }

    /// <summary>Reads back the text frames the server side wrote into <paramref name="stream"/>.</summary>
    private static async Task<string[]> ReadFramesAsync(MemoryStream stream)
    {
        using var reader = WebSocket.CreateFromStream(new MemoryStream(stream.ToArray()), isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        var frames = new List<string>();
        var buffer = new byte[1 << 20];
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            try
            {
                do
                {
                    result = await reader.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);
            }
            catch (WebSocketException)
            {
                break; // the end of what was written
            }
            if (result.MessageType == WebSocketMessageType.Close || (length == 0 && result.Count == 0 && result.MessageType != WebSocketMessageType.Text)) break;
            frames.Add(Encoding.UTF8.GetString(buffer, 0, length));
        }
        return [.. frames];
    }
}
