using Tickwise.Binance.Files;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Files;

public sealed class DumpFileReaderTests : IDisposable
{
    private readonly TempDumps _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (List<Trade> Trades, DumpReadReport Report) ReadAllTrades(string path, DumpReadOptions? options = null)
    {
        var trades = new List<Trade>();
        DumpReadReport report = DumpFileReader.ReadTrades(DumpFile.Detect(path), batch => trades.AddRange(batch), options);
        return (trades, report);
    }

    private static (List<Bar> Bars, DumpReadReport Report) ReadAllBars(string path, DumpReadOptions? options = null)
    {
        var bars = new List<Bar>();
        DumpReadReport report = DumpFileReader.ReadBars(DumpFile.Detect(path), batch => bars.AddRange(batch), options);
        return (bars, report);
    }

    [Theory]
    [InlineData("BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv", 19_904)]
    [InlineData("ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv", 14_515)]
    [InlineData("BTCUSDT-trades-usdm-20240808T235416-20240808T235959.csv", 21_313)]
    [InlineData("ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv", 14_076)]
    public void ReadTrades_RealDumps_ReadsEveryTradeWithoutGaps(string fileName, int expected)
    {
        (List<Trade> trades, DumpReadReport sut) = ReadAllTrades(TestData.Binance("trades", fileName));

        sut.ShouldBe(new DumpReadReport(fileName, expected, expected, 0));
        trades.Count.ShouldBe(expected);
        for (int i = 1; i < trades.Count; i++)
        {
            trades[i].Id.ShouldBe(trades[i - 1].Id + 1); // the README: trade ids run without gaps
            trades[i].TimestampMs.ShouldBeGreaterThanOrEqualTo(trades[i - 1].TimestampMs);
        }
    }

    [Fact]
    public void ReadTrades_SpotDump_ParsesKnownRowsExactly()
    {
        (List<Trade> trades, _) = ReadAllTrades(TestData.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv"));

        // 3735683259,61837.63000000,0.02000000,1236.75260000,1723161255342,True,True
        trades[0].ShouldBe(new Trade(new Symbol("BTCUSDT"), 3735683259, Price.Parse("61837.63"), Quantity.Parse("0.02"), 1723161255342, AggressorSide.Seller));
        trades[2].Quantity.ShouldBe(Quantity.Parse("0.00009"));
    }

    [Fact]
    public void ReadTrades_FuturesDump_ParsesKnownRowsExactly()
    {
        (List<Trade> trades, _) = ReadAllTrades(TestData.Binance("trades", "ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv"));

        // 4308068523,2681.62,1,2681.62,1723161256560,true
        trades[0].ShouldBe(new Trade(new Symbol("ETHUSDT"), 4308068523, Price.Parse("2681.62"), Quantity.Parse("1"), 1723161256560, AggressorSide.Seller));
    }

    [Fact]
    public void ReadTrades_SmallBatches_NeverExceedBatchSize()
    {
        var sizes = new List<int>();
        DumpFileInfo file = DumpFile.Detect(TestData.Binance("trades", "ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv"));

        DumpReadReport sut = DumpFileReader.ReadTrades(file, batch => sizes.Add(batch.Length), new DumpReadOptions { BatchSize = 1000 });

        sizes.ShouldAllBe(size => size > 0 && size <= 1000);
        sizes.Sum().ShouldBe(14_076);
        sut.Rows.ShouldBe(14_076);
    }

    [Fact]
    public void ReadBars_RealKlineZip_ReadsOneBarAMinute()
    {
        (List<Bar> bars, DumpReadReport sut) = ReadAllBars(TestData.Binance("klines", "1m", "FILUSDT-1m-2023-08.zip"));

        sut.BadLines.ShouldBe(0);
        sut.Rows.ShouldBe(31 * 1440);
        // 1690848000000,4.255,4.256,4.252,4.252,25259.1,1690848059999,107451.0165,208,5452.3,23199.1103,0
        bars[0].ShouldBe(new Bar(new Symbol("FILUSDT"), Interval.OneMinute, 1690848000000, Price.Parse("4.255"), Price.Parse("4.256"),
            Price.Parse("4.252"), Price.Parse("4.252"), 25259.1m, 107451.0165m, 208, 5452.3m, 23199.1103m));
        for (int i = 1; i < bars.Count; i++) bars[i].OpenTimeMs.ShouldBe(bars[i - 1].OpenTimeMs + 60_000);
    }

    [Fact]
    public void ReadBars_EveryRealKlineZip_HasNoBadLines()
    {
        foreach (string path in Directory.GetFiles(TestData.Binance("klines", "1m"), "*.zip"))
        {
            DumpReadReport sut = DumpFileReader.ReadBars(DumpFile.Detect(path), _ => { });

            sut.BadLines.ShouldBe(0, path);
            sut.Rows.ShouldBeGreaterThanOrEqualTo(28 * 1440, path);
        }
    }

    [Fact]
    public void ReadBars_GenericHourlyCsv_ReadsHourlyBarsWithUnknownFieldsZero()
    {
        (List<Bar> bars, DumpReadReport sut) = ReadAllBars(TestData.Binance("klines", "1h", "BTC_USDT_1h.csv"));

        // The file has 35,040 lines: a header and 35,039 bars (the data README counts the header as a bar).
        sut.ShouldBe(new DumpReadReport("BTC_USDT_1h.csv", 35_039, 35_039, 0));
        // 1653465600000,29701.47,29941.41,29560.67,29821.03,2532.18696,2022-05-25 08:00:00
        bars[0].ShouldBe(new Bar(new Symbol("BTCUSDT"), Interval.OneHour, 1653465600000, Price.Parse("29701.47"), Price.Parse("29941.41"),
            Price.Parse("29560.67"), Price.Parse("29821.03"), 2532.18696m, 0m, 0, 0m, 0m));
        var gaps = new List<long>();
        for (int i = 1; i < bars.Count; i++)
        {
            bars[i].OpenTimeMs.ShouldBeGreaterThan(bars[i - 1].OpenTimeMs);
            if (bars[i].OpenTimeMs != bars[i - 1].OpenTimeMs + 3_600_000) gaps.Add(bars[i - 1].OpenTimeMs + 3_600_000);
        }
        gaps.ShouldBe([1679662800000L]); // the source lacks the 2023-03-24 13:00 UTC bar
    }

    [Fact]
    public void ReadTrades_MicrosecondSpotDump_ConvertsToMilliseconds()
    {
        string path = _temp.Csv("BTCUSDT-trades-2025-01-01.csv",
            "1,93000.10,0.5,46500.05,1735689600123456,False,True\n2,93000.20,0.25,23250.05,1735689600999999,True,True\n");

        (List<Trade> trades, _) = ReadAllTrades(path);

        trades.Select(t => t.TimestampMs).ShouldBe([1735689600123L, 1735689600999L]);
        trades.Select(t => t.AggressorSide).ShouldBe([AggressorSide.Buyer, AggressorSide.Seller]);
    }

    [Fact]
    public void ReadTrades_SpotAggTrades_CountsTrades()
    {
        string path = _temp.Csv("BTCUSDT-aggTrades-2024-08-08.csv", "26129,61837.63,0.02,10,12,1723161255342,True,True\n26130,61837.64,1.5,13,13,1723161255343000,false,true\n");

        (List<Trade> trades, DumpReadReport sut) = ReadAllTrades(path);

        sut.Rows.ShouldBe(2);
        trades[0].ShouldBe(new Trade(new Symbol("BTCUSDT"), 26129, Price.Parse("61837.63"), Quantity.Parse("0.02"), 1723161255342, AggressorSide.Seller, 3));
        trades[1].TradeCount.ShouldBe(1);
        trades[1].TimestampMs.ShouldBe(1723161255343);
    }

    [Fact]
    public void ReadTrades_FuturesAggTradesZipWithHeaderAndCrLf_ReadsRows()
    {
        string path = _temp.Zip("ETHUSDT-aggTrades-2024-08-08.zip", ("ETHUSDT-aggTrades-2024-08-08.csv",
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\r\n7,2681.62,1,100,104,1723161256560,true\r\n8,2681.63,0.5,105,105,1723161256561,false"));

        (List<Trade> trades, DumpReadReport sut) = ReadAllTrades(path);

        sut.ShouldBe(new DumpReadReport("ETHUSDT-aggTrades-2024-08-08.zip", 2, 2, 0));
        trades[0].TradeCount.ShouldBe(5);
        trades[1].Price.ShouldBe(Price.Parse("2681.63"));
    }

    [Fact]
    public void ReadBars_KlinesWithoutHeader_ReadsRows()
    {
        string path = _temp.Csv("BTCUSDT-1m-2024-08.csv",
            "1723161240000,61800,61900.5,61750,61850,12.5,1723161299999,772500.25,340,6.25,386250.1,0\n" +
            "1723161300000000,61850,61860,61840,61855,1,1723161359999999,61855,10,0,0,0\n");

        (List<Bar> bars, DumpReadReport sut) = ReadAllBars(path);

        sut.Rows.ShouldBe(2);
        bars[0].TradeCount.ShouldBe(340);
        bars[0].TakerBuyQuoteVolume.ShouldBe(386250.1m);
        bars[1].OpenTimeMs.ShouldBe(1723161300000);
    }

    [Fact]
    public void ReadTrades_BadLinesOfEveryKind_SkipsAndReportsEach()
    {
        string[] lines =
        [
            "1,61837.63,0.02,1236.75,1723161255342,True,True",          // 1 good
            "2,abc,0.02,1236.75,1723161255342,True,True",               // 2 bad price
            "3,61837.63,0.02,1236.75,1723161255342,True",               // 3 missing field
            "4,61837.63,0.02,1236.75,1723161255342,True,True,extra",    // 4 extra field
            "5,61837.63,-0.02,1236.75,1723161255342,True,True",         // 5 negative quantity
            "6,61837.63,0,0,1723161255342,True,True",                   // 6 zero quantity
            "7,61837.63,0.02,1236.75,42,True,True",                     // 7 absurd timestamp
            "8,61837.63,0.02,1236.75,1723161255342,maybe,True",         // 8 bad boolean
            "9,61837.63,0.02,1236.75,17231612553420000000000,True,True", // 9 timestamp too long
            "",                                                         // 10 blank: skipped, not bad
            "-10,61837.63,0.02,1236.75,1723161255342,True,True",        // 11 negative id
            "11,61837.630000001,0.02,1236.75,1723161255342,True,True",  // 12 more than 8 decimals
            "12," + new string('9', 10_000) + ",0.02,1,1723161255342,True,True", // 13 huge line
            "13,0,0.02,0,1723161255342,True,True",                      // 14 zero price
            "14,61837.63,0.02,1236.75,1723161255342,True,True",         // 15 good
        ];
        string path = _temp.Csv("BTCUSDT-trades-2024-08-08.csv", string.Join('\n', lines) + "\n");
        var errors = new List<DumpLineError>();

        (List<Trade> trades, DumpReadReport sut) = ReadAllTrades(path, new DumpReadOptions { OnBadLine = errors.Add });

        trades.Select(t => t.Id).ShouldBe([1L, 14L]);
        sut.ShouldBe(new DumpReadReport("BTCUSDT-trades-2024-08-08.csv", 14, 2, 12));
        errors.Select(e => e.LineNumber).ShouldBe([2L, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]);
        errors.ShouldAllBe(e => e.FileName == "BTCUSDT-trades-2024-08-08.csv" && e.Reason.Length > 0);
        errors[0].Reason.ShouldContain("price");
        errors[1].Reason.ShouldBe("expected 7 columns");
        errors[5].Reason.ShouldContain("Unix time");
        errors[10].Reason.ShouldContain("longer than");
        errors[0].ToString().ShouldStartWith("BTCUSDT-trades-2024-08-08.csv:2: ");
    }

    [Fact]
    public void ReadBars_BadBars_SkipsAndReportsEach()
    {
        string path = _temp.Csv("BTC_USDT_1h.csv", string.Join('\n',
            "timestamp,open,high,low,close,volume",
            "1653465600000,29701.47,29941.41,29560.67,29821.03,2532.18696",   // good
            "1653469200000,29821.04,29600,29685.26,29813.0,2011.16618",       // low above high
            "1653472800001,29813,29900,29700,29800,1",                        // not on the hour
            "1653476400000,29813,29900,29700,29800,-1",                       // negative volume
            "1653480000000,29813,29900,29700,29800,1e3",                      // exponent
            "1653483600000,29813,29900,29700,29800",                          // missing volume
            "1653487200000,29950,29900,29700,29800,1",                        // open above high
            "1653490800000,29813,29900,29700,29800,5,extra,columns,ignored")); // good
        var errors = new List<DumpLineError>();

        (List<Bar> bars, DumpReadReport sut) = ReadAllBars(path, new DumpReadOptions { OnBadLine = errors.Add });

        bars.Select(b => b.OpenTimeMs).ShouldBe([1653465600000L, 1653490800000L]);
        sut.ShouldBe(new DumpReadReport("BTC_USDT_1h.csv", 8, 2, 6));
        errors.Select(e => e.LineNumber).ShouldBe([3L, 4, 5, 6, 7, 8]);
        errors[0].Reason.ShouldContain("low");
        errors[1].Reason.ShouldContain("not aligned");
    }

    [Fact]
    public void ReadTrades_Strict_StopsAtFirstBadLineWithFileAndLine()
    {
        string path = _temp.Csv("BTCUSDT-trades-2024-08-08.csv",
            "1,61837.63,0.02,1236.75,1723161255342,True,True\n2,61837.63,0.02,1236.75,1723161255342,True,True\n3,x,0.02,1,1723161255342,True,True\n" +
            "4,61837.63,0.02,1236.75,1723161255342,True,True\n");
        int emitted = 0;

        DumpFormatException sut = Should.Throw<DumpFormatException>(() =>
            DumpFileReader.ReadTrades(DumpFile.Detect(path), batch => emitted += batch.Length, new DumpReadOptions { Strict = true }));

        sut.Message.ShouldStartWith("BTCUSDT-trades-2024-08-08.csv:3: the price");
        sut.LineNumber.ShouldBe(3);
        emitted.ShouldBe(2); // every row before the bad line, and none after
    }

    [Fact]
    public void ReadTrades_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        DumpFileInfo file = DumpFile.Detect(TestData.Binance("trades", "ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv"));

        Should.Throw<OperationCanceledException>(() => DumpFileReader.ReadTrades(file, _ => { }, null, cancellation.Token));
    }

    [Fact]
    public void ReadTrades_CancelledDuringRead_StopsBetweenBatches()
    {
        using var cancellation = new CancellationTokenSource();
        DumpFileInfo file = DumpFile.Detect(TestData.Binance("trades", "ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv"));
        int batches = 0;

        Should.Throw<OperationCanceledException>(() => DumpFileReader.ReadTrades(file, _ => { batches++; cancellation.Cancel(); },
            new DumpReadOptions { BatchSize = 100 }, cancellation.Token));

        batches.ShouldBe(1);
    }

    [Fact]
    public void ReadTrades_WrongKindOrOptions_Throws()
    {
        DumpFileInfo bars = DumpFile.Detect(TestData.Binance("klines", "1h", "BTC_USDT_1h.csv"));
        DumpFileInfo trades = DumpFile.Detect(TestData.Binance("trades", "ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv"));

        Should.Throw<ArgumentException>(() => DumpFileReader.ReadTrades(bars, _ => { }));
        Should.Throw<ArgumentException>(() => DumpFileReader.ReadBars(trades, _ => { }));
        Should.Throw<ArgumentOutOfRangeException>(() => DumpFileReader.ReadTrades(trades, _ => { }, new DumpReadOptions { BatchSize = 0 }));
    }

    [Fact]
    public void ReadTrades_LargeFile_AllocatesIndependentlyOfLineCount()
    {
        DumpFileInfo file = DumpFile.Detect(TestData.Binance("trades", "BTCUSDT-trades-usdm-20240808T235416-20240808T235959.csv"));
        var options = new DumpReadOptions { BatchSize = 256 };
        DumpFileReader.ReadTrades(file, _ => { }, options); // warm the buffer pool and the symbol table

        long before = GC.GetAllocatedBytesForCurrentThread();
        DumpFileReader.ReadTrades(file, _ => { }, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 21,313 lines: a string or a boxed value per line would be megabytes; the fixed cost is the stream and the batch.
        allocated.ShouldBeLessThan(64 * 1024);
    }
}
