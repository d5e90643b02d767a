using Tickwise.Health;
using Tickwise.Testing;

namespace Tickwise.Tests.Health;

public class MessageRateTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Compute_TwoSecondsAfterStart_RateIsTheCountOverTheElapsedTime()
    {
        var clock = new ManualClock(0);
        var sut = new MessageRate(clock, 2, [0, 10]);
        var rates = new double[2];

        clock.Advance(TimeSpan.FromSeconds(2));
        sut.Compute([200, 10], rates);

        rates[0].ShouldBe(100, Tolerance);
        rates[1].ShouldBe(0, Tolerance);
    }

    [Fact]
    public void Compute_AskedAgainWithinASecond_MeasuresFromTheSameOldestSample()
    {
        var clock = new ManualClock(0);
        var sut = new MessageRate(clock, 1, [0]);
        var rates = new double[1];
        clock.Advance(TimeSpan.FromSeconds(2));
        sut.Compute([200], rates);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        sut.Compute([300], rates);

        rates[0].ShouldBe(300 / 2.5, Tolerance);
    }

    [Fact]
    public void Compute_AfterTheWindow_ForgetsSamplesOlderThanTenSeconds()
    {
        var clock = new ManualClock(0);
        var sut = new MessageRate(clock, 1, [0]);
        var rates = new double[1];
        clock.Advance(TimeSpan.FromSeconds(2));
        sut.Compute([10_000], rates); // a burst at the start

        clock.Advance(TimeSpan.FromSeconds(13));
        sut.Compute([10_130], rates);

        rates[0].ShouldBe(130 / 13.0, Tolerance); // measured from the sample at 2 s, not from the start
    }

    [Fact]
    public void Compute_NoTimeElapsed_ReportsZeroNotInfinity()
    {
        var sut = new MessageRate(new ManualClock(0), 1, [0]);
        var rates = new double[1];

        sut.Compute([50], rates);

        rates[0].ShouldBe(0);
    }

    [Fact]
    public void Compute_CounterWentBackwards_ReportsZero()
    {
        var clock = new ManualClock(0);
        var sut = new MessageRate(clock, 1, [100]);
        var rates = new double[1];
        clock.Advance(TimeSpan.FromSeconds(1));

        sut.Compute([40], rates);

        rates[0].ShouldBe(0);
    }

    [Fact]
    public void Compute_SpansOfAnotherWidth_Throws()
    {
        var sut = new MessageRate(new ManualClock(0), 2, [0, 0]);

        Should.Throw<ArgumentException>(() => sut.Compute([1], new double[2]));
        Should.Throw<ArgumentException>(() => sut.Compute([1, 2], new double[3]));
    }

    [Fact]
    public void Constructor_InitialOfAnotherWidth_Throws()
    {
        Should.Throw<ArgumentException>(() => new MessageRate(new ManualClock(0), 3, [0]));
    }
}
