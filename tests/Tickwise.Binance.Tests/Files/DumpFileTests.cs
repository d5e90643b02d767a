using Tickwise.Binance.Files;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Files;

public sealed class DumpFileTests : IDisposable
{
    private readonly TempDumps _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv", DumpLayout.SpotTrades, "BTCUSDT", false)]
    [InlineData("ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv", DumpLayout.SpotTrades, "ETHUSDT", false)]
    [InlineData("BTCUSDT-trades-usdm-20240808T235416-20240808T235959.csv", DumpLayout.FuturesTrades, "BTCUSDT", true)]
    [InlineData("ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv", DumpLayout.FuturesTrades, "ETHUSDT", true)]
    public void Detect_RealTradeDumps_FindsLayoutAndSymbol(string fileName, DumpLayout layout, string symbol, bool hasHeader)
    {
        DumpFileInfo sut = DumpFile.Detect(TestData.Binance("trades", fileName));

        sut.Layout.ShouldBe(layout);
        sut.Kind.ShouldBe(DumpKind.Trades);
        sut.Symbol.ShouldBe(new Symbol(symbol));
        sut.Interval.ShouldBeNull();
        sut.HasHeader.ShouldBe(hasHeader);
        sut.IsZip.ShouldBeFalse();
    }

    [Fact]
    public void Detect_RealKlineZip_FindsKlinesSymbolAndInterval()
    {
        DumpFileInfo sut = DumpFile.Detect(TestData.Binance("klines", "1m", "FILUSDT-1m-2023-08.zip"));

        sut.Layout.ShouldBe(DumpLayout.Klines);
        sut.Kind.ShouldBe(DumpKind.Bars);
        sut.Symbol.ShouldBe(new Symbol("FILUSDT"));
        sut.Interval.ShouldBe(Interval.OneMinute);
        sut.HasHeader.ShouldBeTrue();
        sut.IsZip.ShouldBeTrue();
    }

    [Fact]
    public void Detect_GenericHourlyCsv_FindsOhlcv()
    {
        DumpFileInfo sut = DumpFile.Detect(TestData.Binance("klines", "1h", "BTC_USDT_1h.csv"));

        sut.Layout.ShouldBe(DumpLayout.Ohlcv);
        sut.Symbol.ShouldBe(new Symbol("BTCUSDT"));
        sut.Interval.ShouldBe(Interval.OneHour);
    }

    [Theory]
    [InlineData("BTCUSDT-aggTrades-2024-08-08.csv", "1,61837.63,0.02,10,12,1723161255342,True,True\n", DumpLayout.SpotAggTrades, false)]
    [InlineData("BTCUSDT-aggTrades-2024-08-08.csv", "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n1,61837.6,0.002,10,12,1723161255342,true\n", DumpLayout.FuturesAggTrades, true)]
    [InlineData("BTCUSDT-aggTrades-2024-08-08.csv", "1,61837.6,0.002,10,12,1723161255342,true\n", DumpLayout.FuturesAggTrades, false)]
    [InlineData("BTCUSDT-trades-2024-08-08.csv", "1,61837.6,0.002,123.6752,1723161255342,false\n", DumpLayout.FuturesTrades, false)]
    [InlineData("BTCUSDT-trades-2025-01-01.csv", "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n1,61837.63,0.02,1236.75,1735689600000000,True,True\n", DumpLayout.SpotTrades, true)]
    [InlineData("BTCUSDT-1m-2024-08.csv", "1723161240000,1,2,0.5,1.5,10,1723161299999,15,3,4,6,0\n", DumpLayout.Klines, false)]
    [InlineData("BTCUSDT-1m-2024-08.csv", "OPEN_TIME,OPEN,HIGH,LOW,CLOSE,VOLUME,CLOSE_TIME,QUOTE_VOLUME,COUNT,TAKER_BUY_VOLUME,TAKER_BUY_QUOTE_VOLUME,IGNORE\n", DumpLayout.Klines, true)]
    [InlineData("BTC_USDT_5m.csv", "timestamp,open,high,low,close,volume\n", DumpLayout.Ohlcv, true)]
    public void Detect_EachLayout_IsRecognised(string fileName, string content, DumpLayout layout, bool hasHeader)
    {
        DumpFileInfo sut = DumpFile.Detect(_temp.Csv(fileName, content));

        sut.Layout.ShouldBe(layout);
        sut.HasHeader.ShouldBe(hasHeader);
        sut.Symbol.ShouldBe(new Symbol("BTCUSDT"));
    }

    [Fact]
    public void Detect_ByteOrderMarkAndBlankFirstLines_AreSkipped()
    {
        DumpFileInfo sut = DumpFile.Detect(_temp.Csv("BTC_USDT_1h.csv", "\uFEFF\r\n\ntimestamp,open,high,low,close,volume,datetime\r\n"));

        sut.Layout.ShouldBe(DumpLayout.Ohlcv);
    }

    [Fact]
    public void Detect_Overrides_WinOverTheName()
    {
        string path = _temp.Csv("BTC_USDT_1h.csv", "timestamp,open,high,low,close,volume\n");

        DumpFileInfo sut = DumpFile.Detect(path, new Symbol("ETHUSDT"), Interval.Parse("4h"));

        sut.Symbol.ShouldBe(new Symbol("ETHUSDT"));
        sut.Interval.ShouldBe(Interval.Parse("4h"));
    }

    [Fact]
    public void Detect_NameWithoutSymbol_NeedsOverride()
    {
        string path = _temp.Csv("my trades.csv", "1,61837.63,0.02,1236.75,1723161255342,True,True\n");

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("no symbol");
        DumpFile.Detect(path, new Symbol("BTCUSDT")).Symbol.ShouldBe(new Symbol("BTCUSDT"));
    }

    [Fact]
    public void Detect_BarsWithoutIntervalInName_NeedsOverride()
    {
        string path = _temp.Csv("BTCUSDT.csv", "timestamp,open,high,low,close,volume\n");

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("no bar interval");
        DumpFile.Detect(path, intervalOverride: Interval.OneDay).Interval.ShouldBe(Interval.OneDay);
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("1,2,3\n")]
    [InlineData("1,61837.63,0.02,1236.75,1723161255342,yes,no\n")]
    [InlineData("time,price\n")]
    [InlineData("id,price,qty,quote_qty,time,is_buyer_maker,extra,more\n")]
    [InlineData("timestamp,open,high,low,close,volumes\n")]
    [InlineData("\"id\",\"price\"\n")]
    public void Detect_UnknownLayout_NamesFileAndExpectedLayouts(string content)
    {
        string path = _temp.Csv("XYZUSDT-something.csv", content);

        DumpFormatException sut = Should.Throw<DumpFormatException>(() => DumpFile.Detect(path));

        sut.FileName.ShouldBe("XYZUSDT-something.csv");
        sut.Message.ShouldStartWith("XYZUSDT-something.csv: unknown layout");
        sut.Message.ShouldContain("spot aggTrades (agg_trade_id,price,quantity");
    }

    [Fact]
    public void Detect_NameSaysAggTradesButColumnsAreTrades_Throws()
    {
        string path = _temp.Csv("BTCUSDT-aggTrades-2024-08-08.csv", "1,61837.63,0.02,1236.75,1723161255342,True,True\n");

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("the name says aggTrades");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n\n")]
    public void Detect_EmptyFile_Throws(string content)
    {
        string path = _temp.Csv("BTCUSDT-trades-2024-08-08.csv", content);

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("the file is empty");
    }

    [Fact]
    public void Detect_HugeFirstLine_Throws()
    {
        string path = _temp.Csv("BTCUSDT-trades-2024-08-08.csv", new string('1', 100_000) + "\n");

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).LineNumber.ShouldBe(1);
    }

    [Fact]
    public void Detect_ZipWithoutCsv_Throws()
    {
        string path = _temp.Zip("BTCUSDT-trades-2024-08.zip", ("README.txt", "nothing here"));

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("holds no CSV");
    }

    [Fact]
    public void Detect_ZipWithTwoCsvs_Throws()
    {
        string path = _temp.Zip("BTCUSDT-trades-2024-08.zip", ("a.csv", "1,2"), ("b.csv", "3,4"));

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("more than one CSV");
    }

    [Fact]
    public void Detect_CorruptZip_Throws()
    {
        string path = _temp.Csv("BTCUSDT-trades-2024-08.zip", "this is not a zip archive");

        Should.Throw<DumpFormatException>(() => DumpFile.Detect(path)).Message.ShouldContain("not a valid zip");
    }

    [Fact]
    public void Detect_MissingFile_ThrowsFileNotFound() =>
        Should.Throw<FileNotFoundException>(() => DumpFile.Detect(Path.Combine(Path.GetTempPath(), "no-such-dump-file.csv")));
}
