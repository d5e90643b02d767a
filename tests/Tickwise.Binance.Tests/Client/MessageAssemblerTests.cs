using System.Net.WebSockets;
using Tickwise.Binance.Client;

namespace Tickwise.Binance.Tests.Client;

public class MessageAssemblerTests
{
    private static MessageProgress Receive(MessageAssembler sut, ReadOnlySpan<byte> fragment, bool end)
    {
        Memory<byte> window = sut.NextWindow();
        int count = Math.Min(window.Length, fragment.Length);
        fragment[..count].CopyTo(window.Span);
        return sut.Accept(new ValueWebSocketReceiveResult(count, WebSocketMessageType.Text, end));
    }

    [Fact]
    public void Accept_FragmentsOfOneMessage_JoinsThemPastTheInitialBuffer()
    {
        using var sut = new MessageAssembler(initialBytes: 16, maxMessageBytes: 1024);
        byte[] text = new byte[100];
        for (int i = 0; i < text.Length; i++) text[i] = (byte)('a' + i % 26);

        MessageProgress last = MessageProgress.Partial;
        for (int at = 0; at < text.Length;)
        {
            int before = sut.Message.Length;
            last = Receive(sut, text.AsSpan(at), end: false);
            at += sut.Message.Length - before;
        }
        sut.Accept(new ValueWebSocketReceiveResult(0, WebSocketMessageType.Text, true)).ShouldBe(MessageProgress.Complete);

        last.ShouldBe(MessageProgress.Partial);
        sut.Message.ToArray().ShouldBe(text);
        sut.Clear();
        sut.Message.Length.ShouldBe(0);
    }

    [Fact]
    public void Accept_MessageOverTheLimit_DroppedThenTheNextIsWhole()
    {
        using var sut = new MessageAssembler(initialBytes: 16, maxMessageBytes: 32);
        byte[] big = new byte[32];

        Receive(sut, big, end: false).ShouldBe(MessageProgress.Partial); // fills the limit exactly
        Receive(sut, big, end: false).ShouldBe(MessageProgress.Partial); // over it: skipping
        Receive(sut, big, end: true).ShouldBe(MessageProgress.Oversized);
        Receive(sut, "{}"u8, end: true).ShouldBe(MessageProgress.Complete);

        sut.Message.ToArray().ShouldBe("{}"u8.ToArray());
    }
}
