using Tickwise.Core.Market;
using Tickwise.Ingest;

namespace Tickwise.Tests.Ingest;

public class CompositeMarketObserverTests
{
    private sealed class Recorder(string name, List<string> log) : IMarketObserver
    {
        public void OnTrade(in Trade trade) => log.Add($"{name} trade {trade.Id}");
        public void OnQuote(in Quote quote) => log.Add($"{name} quote {quote.UpdateId}");
        public void OnBarClosed(in Bar bar) => log.Add($"{name} bar {bar.OpenTimeMs}");
    }

    [Fact]
    public void Calls_EveryEvent_ReachesEachObserverInOrder()
    {
        var log = new List<string>();
        var symbol = new Symbol("BTCUSDT");
        var sut = new CompositeMarketObserver(new Recorder("a", log), null, new Recorder("b", log));

        sut.OnTrade(new Trade(symbol, 7, new Price(1), new Quantity(1), 1_723_075_200_000, AggressorSide.Buyer));
        sut.OnQuote(new Quote(symbol, 8, new Price(1), new Quantity(1), new Price(2), new Quantity(1), 1_723_075_200_000));
        sut.OnBarClosed(Bar.Flat(symbol, Interval.OneMinute, 1_723_075_200_000, new Price(1)));

        sut.Count.ShouldBe(2);
        log.ShouldBe(["a trade 7", "b trade 7", "a quote 8", "b quote 8", "a bar 1723075200000", "b bar 1723075200000"]);
    }

    [Fact]
    public void Of_NoneOneOrMore_ReturnsNullTheObserverOrAComposite()
    {
        var one = new Recorder("a", []);

        CompositeMarketObserver.Of(null, null).ShouldBeNull();
        CompositeMarketObserver.Of(null, one).ShouldBeSameAs(one);
        CompositeMarketObserver.Of(one, new Recorder("b", [])).ShouldBeOfType<CompositeMarketObserver>();
    }
}
