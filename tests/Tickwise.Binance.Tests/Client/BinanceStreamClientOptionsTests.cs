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
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_OutOfRange_ThrowsNamingTheSetting(string name, Func<BinanceStreamClientOptions, BinanceStreamClientOptions> change)
    {
        var sut = change(Valid());

        Should.Throw<ArgumentOutOfRangeException>(sut.Validate).ParamName.ShouldBe(name);
    }

    private static BinanceStreamClientOptions Copy(BinanceStreamClientOptions o, TimeSpan? initial = null, TimeSpan? max = null, TimeSpan? noData = null, int? maxBytes = null, int? pageLimit = null, int? attempts = null) => new()
    {
        Endpoints = o.Endpoints,
        Subscription = o.Subscription,
        InitialBackoff = initial ?? o.InitialBackoff,
        MaxBackoff = max ?? o.MaxBackoff,
        NoDataTimeout = noData ?? o.NoDataTimeout,
        MaxMessageBytes = maxBytes ?? o.MaxMessageBytes,
        RestPageLimit = pageLimit ?? o.RestPageLimit,
        RestAttempts = attempts ?? o.RestAttempts,
    };
}
