using Tickwise.Core.Bars;
using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

public class BarAggregatorTests
{
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");
    private const long T0 = 1_723_161_600_000; // 2024-08-09T00:00:00Z
    private static readonly Interval[] Intervals = [Interval.OneSecond, Interval.OneMinute, Interval.Parse("5m")];

    [Fact]
    public void Add_InterleavedBinanceSpotTrades_EachSymbolEqualsItsOwnAggregator()
    {
        List<(Symbol Symbol, CsvTrade Trade)> stream = [.. ReadSpot("BTCUSDT", Btc).Concat(ReadSpot("ETHUSDT", Eth)).OrderBy(x => x.Trade.TimestampMs)];
        var sut = new BarAggregator(Intervals);
        var btc = new SymbolBarAggregator(Btc, Intervals);
        var eth = new SymbolBarAggregator(Eth, Intervals);

        foreach ((Symbol symbol, CsvTrade trade) in stream)
        {
            sut.Add(trade.ToTrade(symbol));
            (symbol == Btc ? btc : eth).Add(trade.ToTrade(symbol));
        }

        Bar[] all = sut.Completed.ToArray();
        all.Where(b => b.Symbol == Btc).ShouldBe(btc.Completed.ToArray());
        all.Where(b => b.Symbol == Eth).ShouldBe(eth.Completed.ToArray());
        (sut.SymbolCount, sut.TradesApplied, sut.LateTrades).ShouldBe((2, (long)stream.Count, 0L));
        var open = new Bar[6];
        sut.CopyOpenBars(open).ShouldBe(6);
        open.ShouldBe([.. SymbolBarAggregatorTests.OpenBars(btc), .. SymbolBarAggregatorTests.OpenBars(eth)]);
    }

    [Fact]
    public void AdvanceTo_QuietSymbols_EmitFlatBarsForEachSymbolSeen()
    {
        var sut = new BarAggregator([Interval.OneMinute]);
        sut.Add(Trade(Btc, T0 + 5, "100"));
        sut.Add(Trade(Eth, T0 + 7, "10"));

        sut.AdvanceTo(T0 + 3 * 60_000 + 1);

        sut.Completed.ToArray().Select(b => (b.Symbol.Value, (b.OpenTimeMs - T0) / 60_000, b.TradeCount, b.Close.ToString())).ShouldBe(
        [
            ("BTCUSDT", 0L, 1L, "100"), ("BTCUSDT", 1L, 0L, "100"), ("BTCUSDT", 2L, 0L, "100"),
            ("ETHUSDT", 0L, 1L, "10"), ("ETHUSDT", 1L, 0L, "10"), ("ETHUSDT", 2L, 0L, "10"),
        ]);
    }

    [Fact]
    public void Add_LateTradeOfOneSymbol_CountedForThatSymbolOnly()
    {
        var sut = new BarAggregator([Interval.OneSecond]);
        sut.Add(Trade(Btc, T0 + 5_000, "1"));
        sut.Add(Trade(Eth, T0, "1"));

        sut.Add(Trade(Btc, T0 + 4_000, "1"));

        (sut.LateTrades, sut.TradesApplied).ShouldBe((1L, 2L));
    }

    [Fact]
    public void CopyOpenBars_UnknownSymbol_ReturnsZero()
    {
        var sut = new BarAggregator(Intervals);
        sut.Add(Trade(Btc, T0, "1"));

        sut.CopyOpenBars(Eth, new Bar[3]).ShouldBe(0);
        sut.CopyOpenBars(Btc, new Bar[3]).ShouldBe(3);
    }

    [Fact]
    public void CopyOpenBars_DestinationTooShort_Throws()
    {
        var sut = new BarAggregator(Intervals);
        sut.Add(Trade(Btc, T0, "1"));
        sut.Add(Trade(Eth, T0, "1"));

        Should.Throw<ArgumentException>(() => sut.CopyOpenBars(new Bar[5])).ParamName.ShouldBe("destination");
    }

    [Fact]
    public void Add_DefaultTrade_Throws()
    {
        var sut = new BarAggregator(Intervals);

        Should.Throw<ArgumentException>(() => sut.Add(default)).ParamName.ShouldBe("trade");
        sut.SymbolCount.ShouldBe(0);
    }

    [Fact]
    public void Constructor_NoIntervals_Throws() =>
        Should.Throw<ArgumentException>(() => new BarAggregator([])).ParamName.ShouldBe("intervals");

    [Fact]
    public void Add_ThousandSymbols_KeepsThemApartInFirstSeenOrder()
    {
        var sut = new BarAggregator([Interval.OneSecond]);
        Symbol[] symbols = [.. Enumerable.Range(0, 1_000).Select(i => new Symbol($"S{i}USDT"))];

        for (int round = 0; round < 3; round++)
            foreach (Symbol symbol in symbols) sut.Add(Trade(symbol, T0 + round * 1_000, (round + 1).ToString()));

        sut.SymbolCount.ShouldBe(1_000);
        sut.Completed.Length.ShouldBe(2_000);
        var open = new Bar[1_000];
        sut.CopyOpenBars(open).ShouldBe(1_000);
        open.Select(b => b.Symbol).ShouldBe(symbols);
        open.ShouldAllBe(b => b.OpenTimeMs == T0 + 2_000 && b.Close == Price.Parse("3"));
    }

    [Fact]
    public void Reset_AfterTrades_ForgetsSymbols()
    {
        var sut = new BarAggregator(Intervals);
        sut.Add(Trade(Btc, T0 + 5_000, "1"));
        sut.Add(Trade(Btc, T0, "1"));

        sut.Reset();
        sut.Add(Trade(Eth, T0, "1"));

        (sut.SymbolCount, sut.LateTrades, sut.TradesApplied).ShouldBe((1, 0L, 1L));
        sut.CopyOpenBars(Btc, new Bar[3]).ShouldBe(0);
    }

    private static Trade Trade(Symbol symbol, long timestampMs, string price) =>
        new(symbol, 1, Price.Parse(price), Quantity.Parse("1"), timestampMs, AggressorSide.Seller);

    private static IEnumerable<(Symbol Symbol, CsvTrade Trade)> ReadSpot(string name, Symbol symbol) =>
        BarTestData.ReadTrades(BarTestData.SharedDirectory("data", "binance", "trades", $"{name}-trades-spot-20240808T235415-20240809T000505.csv"))
            .Select(t => (symbol, t));
}
