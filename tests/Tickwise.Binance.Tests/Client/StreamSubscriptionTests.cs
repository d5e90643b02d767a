using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Client;

public class StreamSubscriptionTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");

    [Fact]
    public void StreamNames_EveryKindOfEverySymbol_InBinanceSpelling()
    {
        var sut = new StreamSubscription([Btc, Eth], [StreamKind.AggTrade, StreamKind.BookTicker, StreamKind.Depth]);

        sut.StreamNames.ShouldBe(["btcusdt@aggTrade", "btcusdt@bookTicker", "btcusdt@depth@100ms", "ethusdt@aggTrade", "ethusdt@bookTicker", "ethusdt@depth@100ms"]);
        sut.HasAggTrades.ShouldBeTrue();
    }

    [Fact]
    public void NameOf_RawTrades_IsTheTradeStream()
    {
        StreamSubscription.NameOf(Btc, StreamKind.Trade).ShouldBe("btcusdt@trade");
        new StreamSubscription([Btc], [StreamKind.Trade]).HasAggTrades.ShouldBeFalse();
    }

    [Fact]
    public void Constructor_Exactly1024Streams_IsAccepted()
    {
        var symbols = Enumerable.Range(0, 512).Select(i => new Symbol($"S{i}USDT")).ToList();

        var sut = new StreamSubscription(symbols, [StreamKind.AggTrade, StreamKind.BookTicker]);

        sut.StreamNames.Count.ShouldBe(StreamSubscription.MaxStreamsPerConnection);
    }

    [Fact]
    public void Constructor_1025Streams_ThrowsNamingTheLimit()
    {
        var symbols = Enumerable.Range(0, 1025).Select(i => new Symbol($"S{i}USDT")).ToList();

        Should.Throw<ArgumentException>(() => new StreamSubscription(symbols, [StreamKind.AggTrade])).Message.ShouldContain("1024");
    }

    [Fact]
    public void Constructor_BadLists_Throw()
    {
        Should.Throw<ArgumentException>(() => new StreamSubscription([], [StreamKind.AggTrade]));
        Should.Throw<ArgumentException>(() => new StreamSubscription([Btc], []));
        Should.Throw<ArgumentException>(() => new StreamSubscription([Btc, Btc], [StreamKind.AggTrade])).Message.ShouldContain("twice");
        Should.Throw<ArgumentException>(() => new StreamSubscription([Btc], [StreamKind.Depth, StreamKind.Depth]));
        Should.Throw<ArgumentException>(() => new StreamSubscription([default], [StreamKind.AggTrade]));
        Should.Throw<ArgumentException>(() => new StreamSubscription([Btc], [(StreamKind)99]));
    }

    [Fact]
    public void Constructor_BothTradeKinds_ThrowsBecauseTheirIdsAreSeparateSequences()
    {
        Should.Throw<ArgumentException>(() => new StreamSubscription([Btc], [StreamKind.AggTrade, StreamKind.Trade])).Message.ShouldContain("not both");
    }

    [Fact]
    public void Split_2050Streams_ThreeConnectionsWithEachSymbolOnOne()
    {
        var symbols = Enumerable.Range(0, 1025).Select(i => new Symbol($"S{i}USDT")).ToList();

        var sut = StreamSubscription.Split(symbols, [StreamKind.AggTrade, StreamKind.BookTicker]);

        sut.Select(s => s.StreamNames.Count).ShouldBe([1024, 1024, 2]);
        sut.SelectMany(s => s.Symbols).ShouldBe(symbols);
    }

    [Fact]
    public void Split_FewStreams_OneConnection()
    {
        StreamSubscription.Split([Btc, Eth], [StreamKind.AggTrade]).Single().StreamNames.ShouldBe(["btcusdt@aggTrade", "ethusdt@aggTrade"]);
    }

    [Fact]
    public void Split_BadLists_Throw()
    {
        Should.Throw<ArgumentException>(() => StreamSubscription.Split([], [StreamKind.AggTrade]));
        Should.Throw<ArgumentException>(() => StreamSubscription.Split([Btc], []));
        Should.Throw<ArgumentException>(() => StreamSubscription.Split([Btc, Btc], [StreamKind.AggTrade]));
    }

    [Theory]
    [InlineData("aggTrade", StreamKind.AggTrade)]
    [InlineData("AGGTRADE", StreamKind.AggTrade)]
    [InlineData(" trade ", StreamKind.Trade)]
    [InlineData("bookTicker", StreamKind.BookTicker)]
    [InlineData("depth", StreamKind.Depth)]
    [InlineData("depth@100ms", StreamKind.Depth)]
    public void TryParseKind_KnownNames_Parse(string text, StreamKind expected)
    {
        StreamSubscription.TryParseKind(text, out StreamKind kind).ShouldBeTrue();
        kind.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kline_1m")]
    [InlineData("depth@1000ms")]
    [InlineData("aggTrades")]
    public void TryParseKind_UnknownNames_Fail(string text)
    {
        StreamSubscription.TryParseKind(text, out _).ShouldBeFalse();
    }
}
