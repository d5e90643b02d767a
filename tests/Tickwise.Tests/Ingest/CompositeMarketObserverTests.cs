using Tickwise.Core.Market;
using Tickwise.Ingest;

namespace Tickwise.Tests.Ingest;

public class CompositeMarketObserverTests
{
    private sealed class Recorder(List<string> log, string name) : IMarketObserver
    {
        public void OnTrade(in Trade trade) => log.Add($"{name}:trade:{trade.Id}");
        public void OnQuote(in Quote quote) => log.Add($"{name}:quote");
        public void OnBarClosed(in Bar bar) => log.Add($"{name}:bar");
    }

    [Fact]
    public void Of_NoneOrNulls_IsNull()
    {
        CompositeMarketObserver.Of().ShouldBeNull();
        CompositeMarketObserver.Of(null, null).ShouldBeNull();
    }

    [Fact]
    public void Of_OneObserver_ReturnsItself()
    {
        var one = new Recorder([], "a");

        CompositeMarketObserver.Of(null, one).ShouldBeSameAs(one);
    }

    [Fact]
    public void Of_Several_CallsEachInOrder()
    {
        var log = new List<string>();
        IMarketObserver sut = CompositeMarketObserver.Of(new Recorder(log, "a"), null, new Recorder(log, "b"))!;
        var symbol = new Symbol("BTCUSDT");

        sut.OnTrade(new Trade(symbol, 7, Price.Parse("1"), Quantity.Parse("1"), 1_723_075_200_000, AggressorSide.Buyer));
        sut.OnQuote(new Quote(symbol, 1, Price.Parse("1"), Quantity.Parse("1"), Price.Parse("2"), Quantity.Parse("1"), 1_723_075_200_000));
        sut.OnBarClosed(Bar.Flat(symbol, Interval.OneMinute, 1_723_075_200_000, Price.Parse("1")));

        log.ShouldBe(["a:trade:7", "b:trade:7", "a:quote", "b:quote", "a:bar", "b:bar"]);
    }
}
