using Tickwise.Binance.Client;

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
    public void Constructor_BadTimings_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.Zero, Minute, Second, new Random())).ParamName.ShouldBe("initial");
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(Minute, Second, Second, new Random())).ParamName.ShouldBe("max");
        Should.Throw<ArgumentOutOfRangeException>(() => new ReconnectBackoff(Second, Minute, TimeSpan.FromSeconds(-1), new Random())).ParamName.ShouldBe("healthyAfter");
        Should.Throw<ArgumentNullException>(() => new ReconnectBackoff(Second, Minute, Second, null!));
    }
}
