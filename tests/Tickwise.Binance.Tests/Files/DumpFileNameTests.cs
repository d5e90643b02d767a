using Tickwise.Binance.Files;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Files;

public class DumpFileNameTests
{
    [Theory]
    [InlineData("BTCUSDT-aggTrades-2024-08-08.zip", "BTCUSDT", null, false, true)]
    [InlineData("BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv", "BTCUSDT", null, true, false)]
    [InlineData("FILUSDT-1m-2023-08.zip", "FILUSDT", "1m", false, false)]
    [InlineData("BTCUSDT-4h-2023-08.csv.zip", "BTCUSDT", "4h", false, false)]
    [InlineData("BTC_USDT_1h.csv", "BTCUSDT", "1h", false, false)]
    [InlineData("BTCUSD_PERP-1m-2024-01.zip", "BTCUSD_PERP", "1m", false, false)]
    [InlineData("ETHUSDT.csv", "ETHUSDT", null, false, false)]
    [InlineData("my trades.csv", null, null, false, false)]
    public void Parse_FileName_FindsSymbolIntervalAndWords(string fileName, string? symbol, string? interval, bool saysTrades, bool saysAggTrades)
    {
        DumpFileName sut = DumpFileName.Parse(fileName);

        sut.Symbol.ShouldBe(symbol is null ? null : new Symbol(symbol));
        sut.Interval.ShouldBe(interval is null ? null : Interval.Parse(interval));
        sut.SaysTrades.ShouldBe(saysTrades);
        sut.SaysAggTrades.ShouldBe(saysAggTrades);
    }
}
