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
}
