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
        var sut = Copy(Valid(), lifetime: TimeSpan.FromSeconds(5), overlap: TimeSpan.FromSeconds(1), fastRetry: TimeSpan.FromSeconds(7));

        var copy = sut.With(new StreamSubscription([new Symbol("ETHUSDT")], [StreamKind.AggTrade]));

        copy.MaxConnectionLifetime.ShouldBe(TimeSpan.FromSeconds(5));
        copy.ConnectionOverlap.ShouldBe(TimeSpan.FromSeconds(1));
        copy.FastRetryWindow.ShouldBe(TimeSpan.FromSeconds(7));
    }

    public static TheoryData<string, Func<BinanceStreamClientOptions, BinanceStreamClientOptions>> Bad => new()
    {
        { "InitialBackoff", o => Copy(o, initial: TimeSpan.Zero) },
        { "MaxBackoff", o => Copy(o, max: TimeSpan.FromMilliseconds(10)) },
        { "NoDataTimeout", o => Copy(o, noData: TimeSpan.FromSeconds(-1)) },
        { "MaxMessageBytes", o => Copy(o, maxBytes: 10) },
        { "MaxMessageBytes", o => Copy(o, maxBytes: int.MaxValue) },
        { "RestPageLimit", o => Copy(o, pageLimit: 1001) },
        { "RestPageLimit", o => Copy(o, pageLimit: 0) },
        { "RestAttempts", o => Copy(o, attempts: 0) },
        { "MaxConnectionLifetime", o => Copy(o, lifetime: TimeSpan.Zero) },
        { "ConnectionOverlap", o => Copy(o, overlap: TimeSpan.FromTicks(-1)) },
        { "FastRetryWindow", o => Copy(o, fastRetry: TimeSpan.FromTicks(-1)) },
        { "ConnectionOverlap", o => Copy(o, lifetime: TimeSpan.FromSeconds(2), overlap: TimeSpan.FromSeconds(2)) },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_OutOfRange_ThrowsNamingTheSetting(string name, Func<BinanceStreamClientOptions, BinanceStreamClientOptions> change)
    {
        var sut = change(Valid());

        Should.Throw<ArgumentOutOfRangeException>(sut.Validate).ParamName.ShouldBe(name);
    }

    private static BinanceStreamClientOptions Copy(BinanceStreamClientOptions o, TimeSpan? initial = null, TimeSpan? max = null, TimeSpan? noData = null, int? maxBytes = null, int? pageLimit = null, int? attempts = null, TimeSpan? lifetime = null, TimeSpan? overlap = null, TimeSpan? fastRetry = null) => new()
    {
        Endpoints = o.Endpoints,
        Subscription = o.Subscription,
        InitialBackoff = initial ?? o.InitialBackoff,
        MaxBackoff = max ?? o.MaxBackoff,
        NoDataTimeout = noData ?? o.NoDataTimeout,
        MaxMessageBytes = maxBytes ?? o.MaxMessageBytes,
        RestPageLimit = pageLimit ?? o.RestPageLimit,
        RestAttempts = attempts ?? o.RestAttempts,
        MaxConnectionLifetime = lifetime ?? o.MaxConnectionLifetime,
        ConnectionOverlap = overlap ?? o.ConnectionOverlap,
        FastRetryWindow = fastRetry ?? o.FastRetryWindow,
    };
}
