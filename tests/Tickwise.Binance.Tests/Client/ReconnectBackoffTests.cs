using Tickwise.Binance.Client;
using Tickwise.Testing;

namespace Tickwise.Binance.Tests.Client;

public class ReconnectBackoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public void Next_RepeatedFailures_DoublesFromOneSecondToTheCapWithJitterInTheUpperHalf()
    {
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), new Random(1));
        double[] steps = [1, 2, 4, 8, 16, 32, 60, 60, 60];

        foreach (double step in steps)
        {
            TimeSpan delay = sut.Next();
            delay.TotalSeconds.ShouldBeInRange(step / 2, step);
        }
        sut.Attempt.ShouldBe(steps.Length);
    }

    [Fact]
    public void Next_ManyDraws_SpreadOverTheJitterRange()
    {
        var sut = new ReconnectBackoff(Second, Second, TimeSpan.FromSeconds(30), new Random(7));
        var delays = Enumerable.Range(0, 1000).Select(_ => sut.Next().TotalSeconds).ToList();

        delays.Min().ShouldBeLessThan(0.55);
        delays.Max().ShouldBeGreaterThan(0.95);
        delays.Distinct().Count().ShouldBeGreaterThan(900);
    }

    [Fact]
    public void OnConnectionEnded_AfterAHealthyPeriod_StartsAgainFromTheFirstDelay()
    {
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), new Random(2));
        for (int i = 0; i < 5; i++) sut.Next();

        sut.OnConnectionEnded(TimeSpan.FromSeconds(30));

        sut.Attempt.ShouldBe(0);
        sut.Next().ShouldBeLessThanOrEqualTo(Second);
    }

    [Fact]
    public void OnConnectionEnded_ShortConnection_KeepsDoubling()
    {
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), new Random(3));
        for (int i = 0; i < 4; i++) sut.Next();

        sut.OnConnectionEnded(TimeSpan.FromSeconds(29));

        sut.Next().TotalSeconds.ShouldBeInRange(8, 16);
    }

    [Fact]
    public void Next_TinyStepsAndHugeCap_NeverOverflows()
    {
        var sut = new ReconnectBackoff(TimeSpan.FromTicks(1), TimeSpan.MaxValue, TimeSpan.FromSeconds(1), new Random(4));
        TimeSpan last = TimeSpan.Zero;
        for (int i = 0; i < 200; i++) last = sut.Next();
        last.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void Next_WithinTheFastRetryWindow_StaysAtTheFirstDelayThenDoublesToTheCap()
    {
        var clock = new ManualClock(0);
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), clock, new Random(5));
        var fast = new List<TimeSpan>();

        // The outage's clock runs on the waits themselves, as in the reconnect loop (connects refused at once).
        TimeSpan outage = TimeSpan.Zero;
        while (outage < TimeSpan.FromSeconds(10))
        {
            TimeSpan delay = sut.Next();
            fast.Add(delay);
            clock.Advance(delay);
            outage += delay;
        }
        double[] after = [1, 2, 4, 8, 16, 32, 60, 60];
        var slow = after.Select(_ => { TimeSpan d = sut.Next(); clock.Advance(d); return d; }).ToList();

        fast.Count.ShouldBeInRange(10, 20);
        fast.ShouldAllBe(d => d >= Second / 2 && d <= Second);
        for (int i = 0; i < after.Length; i++) slow[i].TotalSeconds.ShouldBeInRange(after[i] / 2, after[i]);
        sut.Attempt.ShouldBe(fast.Count + after.Length);
    }

    [Fact]
    public void Next_ServerBackWithinTheWindow_ReconnectsAtMostOneFirstDelayLater()
    {
        var clock = new ManualClock(0);
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), clock, new Random(6));
        TimeSpan backAt = TimeSpan.FromSeconds(20);

        TimeSpan attemptAt = TimeSpan.Zero;
        while (attemptAt < backAt)
        {
            TimeSpan delay = sut.Next();
            clock.Advance(delay);
            attemptAt += delay;
        }

        (attemptAt - backAt).ShouldBeLessThanOrEqualTo(Second);
    }

    [Fact]
    public void OnConnectionEnded_ShortConnectionAfterTheWindow_StaysInTheSameOutage()
    {
        var clock = new ManualClock(0);
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), clock, new Random(8));
        sut.Next();
        clock.Advance(TimeSpan.FromSeconds(6));
        sut.Next().ShouldBeLessThanOrEqualTo(Second); // first step of the doubling
        sut.Next().TotalSeconds.ShouldBeInRange(1, 2);

        // Connected for 10 s, below the healthy 30 s: a flapping endpoint, not a new outage.
        clock.Advance(TimeSpan.FromSeconds(10));
        sut.OnConnectionEnded(TimeSpan.FromSeconds(10));

        sut.Next().TotalSeconds.ShouldBeInRange(2, 4);
    }

    [Fact]
    public void OnConnectionEnded_HealthyConnection_OpensANewFastRetryWindow()
    {
        var clock = new ManualClock(0);
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), clock, new Random(9));
        sut.Next();
        clock.Advance(TimeSpan.FromSeconds(6));
        for (int i = 0; i < 4; i++) sut.Next();

        clock.Advance(TimeSpan.FromMinutes(5));
        sut.OnConnectionEnded(TimeSpan.FromMinutes(5));
        var delays = Enumerable.Range(0, 4).Select(_ => { TimeSpan d = sut.Next(); clock.Advance(d); return d; }).ToList();

        delays.ShouldAllBe(d => d <= Second);
    }

    [Fact]
    public void Next_ZeroWindow_IsPureDoubling()
    {
        var clock = new ManualClock(0);
        var sut = new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(30), TimeSpan.Zero, clock, new Random(10));

        sut.Next().ShouldBeLessThanOrEqualTo(Second);
        sut.Next().TotalSeconds.ShouldBeInRange(1, 2);
        sut.Next().TotalSeconds.ShouldBeInRange(2, 4);
    }

    [Fact]
    public void Constructor_BadTimings_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.Zero, Minute, Second, new Random())).ParamName.ShouldBe("initial");
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(Minute, Second, Second, new Random())).ParamName.ShouldBe("max");
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(-1), new Random())).ParamName.ShouldBe("healthyAfter");
        Should.Throw<ArgumentNullException>(() => new ReconnectBackoff(Second, Minute, Second, null!));
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(Second, Minute, Second, TimeSpan.FromSeconds(-1), TimeProvider.System, new Random())).ParamName.ShouldBe("fastRetryWindow");
        Should.Throw<ArgumentNullException>(() => new ReconnectBackoff(Second, Minute, Second, Second, null!, new Random()));
    }
}
