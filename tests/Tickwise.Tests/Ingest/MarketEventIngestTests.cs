using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Ingest;

public sealed class MarketEventIngestTests : IDisposable
{
    private static readonly Symbol Btc = new("BTCUSDT"), Eth = new("ETHUSDT");
    private const long T = 1_723_161_600_000; // a whole minute
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Totals_TwoSymbolsAndALateTrade_CountEveryBarWrittenAndTheLateTrade()
    {
        using ITickStore store = TickStores.OpenSqlite(_temp.File("ingest.db"));
        var sut = new MarketEventIngest(store, [Interval.OneSecond]);

        sut.Add(MarketEvent.Of(Trade(Btc, 1, T)));
        sut.Add(MarketEvent.Of(Trade(Eth, 1, T + 100)));
        sut.AdvanceTo(T + 3_000); // closes each symbol's bars through 00:00:02
        sut.Add(MarketEvent.Of(Trade(Eth, 2, T + 500))); // its bar has closed: late
        sut.Add(MarketEvent.Of(Trade(Btc, 2, T + 3_500)));
        sut.Finish();

        sut.LateTrades.ShouldBe(1);
        sut.BarsWritten.ShouldBe(store.Count().Bars); // each bar written once here
        store.Count(Eth).Trades.ShouldBe(2); // the late trade is stored all the same
    }

    private static Trade Trade(Symbol symbol, long id, long timeMs) =>
        new(symbol, id, Price.Parse("100"), Quantity.Parse("1"), timeMs, AggressorSide.Buyer);
}
