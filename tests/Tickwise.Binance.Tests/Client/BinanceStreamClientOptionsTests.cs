using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Client;

public class BinanceStreamClientOptionsTests
{
    private static BinanceStreamClientOptions Valid() => new()
    {
        Endpoints = BinanceEndpoints.Of(BinanceMarket.Spot),
        Subscription = new StreamSubscription([new Symbol("BTCUSDT")], [StreamKind.AggTrade]),
    };

    [Fact]
    public void Validate_Defaults_AreBinancesTimings()
    {
        var sut = Valid();

        sut.Validate();

        sut.InitialBackoff.ShouldBe(TimeSpan.FromSeconds(1));
        sut.MaxBackoff.ShouldBe(TimeSpan.FromSeconds(60));
        sut.RestPageLimit.ShouldBe(1000);
        sut.MaxConnectionLifetime.ShouldBe(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(50)); // under Binance's 24 h
        sut.ConnectionOverlap.ShouldBe(TimeSpan.FromSeconds(2));
        sut.FastRetryWindow.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void With_AnotherSubscription_KeepsTheLifetimeAndOverlap()
    {
        var sut = Valid() with { MaxConnectionLifetime = TimeSpan.FromSeconds(5), ConnectionOverlap = TimeSpan.FromSeconds(1), FastRetryWindow = TimeSpan.FromSeconds(7) };

        var copy = sut.With(new StreamSubscription([new Symbol("ETHUSDT")], [StreamKind.AggTrade]));

        copy.MaxConnectionLifetime.ShouldBe(TimeSpan.FromSeconds(5));
        copy.ConnectionOverlap.ShouldBe(TimeSpan.FromSeconds(1));
        copy.FastRetryWindow.ShouldBe(TimeSpan.FromSeconds(7));
    }

    public static TheoryData<string, Func<BinanceStreamClientOptions, BinanceStreamClientOptions>> Bad => new()
    {
        { "InitialBackoff", o => o with { InitialBackoff = TimeSpan.Zero } },
        { "MaxBackoff", o => o with { MaxBackoff = TimeSpan.FromMilliseconds(10) } },
        { "NoDataTimeout", o => o with { NoDataTimeout = TimeSpan.FromSeconds(-1) } },
        { "MaxMessageBytes", o => o with { MaxMessageBytes = 10 } },
        { "MaxMessageBytes", o => o with { MaxMessageBytes = int.MaxValue } },
        { "RestPageLimit", o => o with { RestPageLimit = 1001 } },
        { "RestPageLimit", o => o with { RestPageLimit = 0 } },
        { "RestAttempts", o => o with { RestAttempts = 0 } },
        { "MaxConnectionLifetime", o => o with { MaxConnectionLifetime = TimeSpan.Zero } },
        { "ConnectionOverlap", o => o with { ConnectionOverlap = TimeSpan.FromTicks(-1) } },
        { "FastRetryWindow", o => o with { FastRetryWindow = TimeSpan.FromTicks(-1) } },
        { "ConnectionOverlap", o => o with { MaxConnectionLifetime = TimeSpan.FromSeconds(2), ConnectionOverlap = TimeSpan.FromSeconds(2) } },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_OutOfRange_ThrowsNamingTheSetting(string name, Func<BinanceStreamClientOptions, BinanceStreamClientOptions> change)
    {
        var sut = change(Valid());

        Should.Throw<ArgumentOutOfRangeException>(sut.Validate).ParamName.ShouldBe(name);
    }
}
