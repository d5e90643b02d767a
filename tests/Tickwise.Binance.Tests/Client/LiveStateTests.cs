using Tickwise.Binance.Client;

namespace Tickwise.Binance.Tests.Client;

public sealed class LiveStateTests
{
    [Fact]
    public void New_IsNotLiveAndUninterrupted()
    {
        var sut = new LiveState();

        sut.IsLive.ShouldBeFalse();
        sut.Interruptions.ShouldBe(0);
    }

    [Fact]
    public void MarkInterrupted_CountsOncePerInterruption()
    {
        var sut = new LiveState();
        sut.MarkInterrupted(); // not live yet: nothing to interrupt
        sut.MarkLive();

        sut.MarkInterrupted();
        sut.MarkInterrupted(); // the same interruption (a disconnect during a gap fill)

        sut.IsLive.ShouldBeFalse();
        sut.Interruptions.ShouldBe(1);
        sut.MarkLive();
        sut.MarkInterrupted();
        sut.Interruptions.ShouldBe(2);
    }
}
