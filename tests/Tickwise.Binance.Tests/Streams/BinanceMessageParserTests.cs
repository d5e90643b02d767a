using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Streams;

public partial class BinanceMessageParserTests
{
    private const string SpotTrade =
        """{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}""";

    private const string FuturesAggTrade =
        """{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"CTKUSDT","p":"1.01100","q":"10","f":23961322,"l":23961325,"T":1626992741421,"m":false,"nq":"10"}""";

    private const string SpotKline =
        """{"e":"kline","E":1633998523963,"s":"NKNUSDT","k":{"t":1633998480000,"T":1633998539999,"s":"NKNUSDT","i":"1m","f":19862761,"L":19862790,"o":"0.35270000","c":"0.35280000","h":"0.35280000","l":"0.35220000","v":"25877.00000000","n":30,"x":false,"q":"9116.04600000","V":"58.00000000","Q":"20.46240000","B":"0"}}""";

    private const string FuturesDepth =
        """{"e":"depthUpdate","E":1626992741037,"T":1626992741024,"s":"SUSHIUSDT","U":600859599090,"u":600859600917,"pu":600859598061,"b":[["7.5040","813"],["7.6090","0"],["7.6110","2"]],"a":[["7.6150","1563"],["7.6220","3284"]]}""";

    private readonly DepthUpdate _depth = new();

    private ParseResult Parse(string json, out StreamMessage message) =>
        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(json), _depth, out message);

    private static string Samples(string name) => TestData.Binance("ws", "samples", name);

    [Fact]
    public void Parse_SpotTradeSample_ReturnsExactTrade()
    {
        ParseResult sut = Parse(File.ReadAllText(Samples("ws_spot_trade.json")), out StreamMessage message);

        sut.Status.ShouldBe(ParseStatus.Parsed);
        message.Kind.ShouldBe(StreamMessageKind.Trade);
        message.Trade.ShouldBe(new Trade(new Symbol("ETHUSDT"), 705291099, Price.Parse("4149.74"), Quantity.Parse("0.4387"),
            1639351062243, AggressorSide.Seller));
        message.Event.Kind.ShouldBe(MarketEventKind.Trade);
    }

    [Fact]
    public void Parse_SpotAggTradeSample_ReturnsAggregatedTrade()
    {
        Parse(File.ReadAllText(Samples("ws_spot_agg_trade.json")), out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.AggTrade);
        message.Trade.ShouldBe(new Trade(new Symbol("ETHUSDT"), 226532, Price.Parse("1632.46"), Quantity.Parse("0.34305"),
            1675759520847, AggressorSide.Buyer, 1));
    }

    [Fact]
    public void Parse_FuturesAggTrade_CountsTradesFromFirstToLast()
    {
        Parse(FuturesAggTrade, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Trade.Id.ShouldBe(16599292);
        message.Trade.TradeCount.ShouldBe(4);
        message.Trade.Price.ShouldBe(Price.Parse("1.011"));
        message.Trade.AggressorSide.ShouldBe(AggressorSide.Buyer);
    }

    [Fact]
    public void Parse_FuturesTrade_IgnoresOrderTypeField()
    {
        const string json = """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256323,"T":1723161256322,"s":"BTCUSDT","t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":false}}""";

        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Trade.ShouldBe(new Trade(new Symbol("BTCUSDT"), 5266583935, Price.Parse("61800.3"), Quantity.Parse("0.006"), 1723161256322, AggressorSide.Buyer));
    }

    [Fact]
    public void Parse_SpotBookTickerWithoutTime_LeavesTimestampZero()
    {
        string line = File.ReadLines(Samples("BINANCE.ws.jsonl")).First(l => l.Contains("@bookTicker"));

        Parse(line, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.Quote);
        message.Quote.ShouldBe(new Quote(new Symbol("NKNUSDT"), 499869768, Price.Parse("0.3521"), Quantity.Parse("672"),
            Price.Parse("0.3526"), Quantity.Parse("3199"), 0));
    }

    [Fact]
    public void Parse_BookTickerWithTransactionTime_UsesT()
    {
        Parse(File.ReadAllText(Samples("ws_spot_ticker_book.json")), out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Quote.TimestampMs.ShouldBe(1646199228121);
        message.Quote.UpdateId.ShouldBe(12711621188);
    }

    [Fact]
    public void Parse_FuturesBookTicker_ReturnsQuoteStampedWithT()
    {
        string line = File.ReadLines(Samples("BINANCE_FUTURES.ws.jsonl")).First(l => l.Contains("@bookTicker"));

        Parse(line, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Quote.ShouldBe(new Quote(new Symbol("SUSHIUSDT"), 600859600576, Price.Parse("7.611"), Quantity.Parse("2"),
            Price.Parse("7.612"), Quantity.Parse("297"), 1626992741012));
    }

    [Fact]
    public void Parse_Kline_ReturnsBarWithExactVolumes()
    {
        Parse(SpotKline, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.Kline);
        Kline kline = message.Kline;
        kline.IsClosed.ShouldBeFalse();
        kline.EventTimeMs.ShouldBe(1633998523963);
        kline.Bar.ShouldBe(new Bar(new Symbol("NKNUSDT"), Interval.OneMinute, 1633998480000, Price.Parse("0.3527"), Price.Parse("0.3528"),
            Price.Parse("0.3522"), Price.Parse("0.3528"), 25877m, 9116.046m, 30, 58m, 20.4624m));
    }

    [Fact]
    public void Parse_SpotDepthUpdate_FillsBuffer()
    {
        string line = File.ReadLines(Samples("BINANCE.ws.jsonl")).First();

        Parse(line, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.Depth);
        DepthUpdate depth = message.Depth.ShouldNotBeNull();
        depth.ShouldBeSameAs(_depth);
        depth.Symbol.ShouldBe(new Symbol("NKNUSDT"));
        depth.EventTimeMs.ShouldBe(1633998512068);
        depth.TransactionTimeMs.ShouldBe(0);
        depth.FirstUpdateId.ShouldBe(499869750);
        depth.FinalUpdateId.ShouldBe(499869752);
        depth.PreviousFinalUpdateId.ShouldBe(-1);
        depth.IsSnapshot.ShouldBeFalse();
        depth.Bids.ToArray().ShouldBe([
            new BookLevel(Price.Parse("0.3513"), Quantity.Parse("6195")),
            new BookLevel(Price.Parse("0.3475"), Quantity.Parse("5548")),
            new BookLevel(Price.Parse("0.3464"), Quantity.Parse("6222"))]);
        depth.Asks.Length.ShouldBe(0);
    }

    [Fact]
    public void Parse_FuturesDepthUpdate_ReadsTransactionTimeAndPreviousId()
    {
        Parse(FuturesDepth, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        DepthUpdate depth = message.Depth.ShouldNotBeNull();
        depth.TransactionTimeMs.ShouldBe(1626992741024);
        depth.PreviousFinalUpdateId.ShouldBe(600859598061);
        depth.Bids.Length.ShouldBe(3);
        depth.Bids[1].ShouldBe(new BookLevel(Price.Parse("7.609"), new Quantity(0)));
        depth.Asks.ToArray().ShouldBe([
            new BookLevel(Price.Parse("7.615"), Quantity.Parse("1563")),
            new BookLevel(Price.Parse("7.622"), Quantity.Parse("3284"))]);
    }

    [Fact]
    public void Parse_RestSnapshotFiles_ReturnSnapshotWithFileNameId()
    {
        foreach (string path in Directory.GetFiles(TestData.Binance("rest", "snapshots"), "*.json"))
        {
            long expectedId = long.Parse(Path.GetFileNameWithoutExtension(path).Split("lastUpdateId")[1]);
            JsonNode node = JsonNode.Parse(File.ReadAllText(path))!;

            ParseResult sut = BinanceMessageParser.Parse(File.ReadAllBytes(path), _depth, out StreamMessage message);

            sut.Status.ShouldBe(ParseStatus.Parsed, path);
            message.Kind.ShouldBe(StreamMessageKind.DepthSnapshot);
            _depth.IsSnapshot.ShouldBeTrue();
            _depth.Symbol.IsEmpty.ShouldBeTrue();
            _depth.FinalUpdateId.ShouldBe(expectedId);
            _depth.Bids.Length.ShouldBe(node["bids"]!.AsArray().Count);
            _depth.Asks.Length.ShouldBe(node["asks"]!.AsArray().Count);
            _depth.Bids[0].Price.ShouldBe(Price.Parse((string)node["bids"]![0]![0]!));
        }
    }

    [Fact]
    public void Parse_PartialDepthInEnvelope_TakesSymbolFromStream()
    {
        const string json = """{"stream":"btcusdt@depth5@100ms","data":{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"],["0.0027","5"]]}}""";

        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.DepthSnapshot);
        _depth.Symbol.ShouldBe(new Symbol("BTCUSDT"));
        _depth.FinalUpdateId.ShouldBe(160);
        _depth.Asks.Length.ShouldBe(2);
    }

    [Fact]
    public void Parse_FuturesPartialDepthStream_IsSnapshot()
    {
        string json = $$"""{"data":{{FuturesDepth}},"stream":"sushiusdt@depth10@500ms"}""";

        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.DepthSnapshot);
        _depth.IsSnapshot.ShouldBeTrue();
        _depth.Symbol.ShouldBe(new Symbol("SUSHIUSDT"));
    }

    [Fact]
    public void Parse_DataBeforeStream_ParsesPayload()
    {
        Parse($$"""{"data":{{SpotTrade}},"stream":"btcusdt@trade"}""", out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Trade.Id.ShouldBe(3735683259);
    }

    [Theory]
    [InlineData("BINANCE.ws.jsonl", 2, 84, 2, 177)]
    [InlineData("BINANCE_FUTURES.ws.jsonl", 91, 613, 67, 764)]
    [InlineData("BINANCE_US.ws.jsonl", 11, 128, 5, 336)]
    public void Parse_EverySampleLine_ParsesByKind(string file, int aggTrades, int quotes, int klines, int depths)
    {
        var counts = new Dictionary<StreamMessageKind, int>();
        foreach (string line in File.ReadLines(Samples(file)))
        {
            if (string.IsNullOrWhiteSpace(line)) continue; // the capture ends with a blank line
            ParseResult sut = Parse(line, out StreamMessage message);
            sut.Status.ShouldBe(ParseStatus.Parsed, line);
            counts[message.Kind] = counts.GetValueOrDefault(message.Kind) + 1;
        }

        counts.GetValueOrDefault(StreamMessageKind.AggTrade).ShouldBe(aggTrades);
        counts.GetValueOrDefault(StreamMessageKind.Quote).ShouldBe(quotes);
        counts.GetValueOrDefault(StreamMessageKind.Kline).ShouldBe(klines);
        counts.GetValueOrDefault(StreamMessageKind.Depth).ShouldBe(depths);
    }

    [Fact]
    public void Parse_RecordedSpotFrames_MatchTradeDumpAndKeepDepthSequence()
    {
        // The trades CSV was rebuilt from these frames, so the parsed trades must equal its rows.
        string[] csv = File.ReadAllLines(TestData.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv"));
        int trades = 0, snapshots = 0, depthUpdates = 0, failures = 0;
        long lastFinalId = -1;
        foreach (string gz in new[] { "btcusdt_20240808.gz", "btcusdt_20240809.gz" })
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(TestData.Binance("ws", "spot", gz)), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                ParseResult sut = Parse(line[(line.IndexOf(' ') + 1)..], out StreamMessage message);
                if (!sut.IsParsed) { failures++; continue; }
                switch (message.Kind)
                {
                    case StreamMessageKind.Trade:
                        string[] row = csv[trades++].Split(',');
                        message.Trade.Id.ShouldBe(long.Parse(row[0]));
                        message.Trade.Price.ShouldBe(Price.Parse(row[1]));
                        message.Trade.Quantity.ShouldBe(Quantity.Parse(row[2]));
                        message.Trade.TimestampMs.ShouldBe(long.Parse(row[4]));
                        message.Trade.IsBuyerMaker.ShouldBe(row[5] == "True");
                        break;
                    case StreamMessageKind.DepthSnapshot:
                        snapshots++;
                        break;
                    case StreamMessageKind.Depth:
                        if (lastFinalId >= 0) _depth.FirstUpdateId.ShouldBe(lastFinalId + 1);
                        lastFinalId = _depth.FinalUpdateId;
                        depthUpdates++;
                        break;
                }
            }
        }

        failures.ShouldBe(0);
        trades.ShouldBe(19_904);
        snapshots.ShouldBe(1);
        depthUpdates.ShouldBeGreaterThan(5_000);
    }

    [Theory]
    [InlineData("ws_spot_ticker_24hr.json")]
    [InlineData("ws_spot_execution_report_new.json")]
    [InlineData("ws_spot_execution_report_trade.json")]
    [InlineData("ws_spot_execution_report_binance_us.json")]
    public void Parse_NonMarketSample_IsIgnored(string file)
    {
        ParseResult sut = Parse(File.ReadAllText(Samples(file)), out StreamMessage message);

        sut.Status.ShouldBe(ParseStatus.Ignored);
        sut.IsError.ShouldBeFalse();
        message.Kind.ShouldBe(StreamMessageKind.None);
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""")]
    [InlineData("""{}""")]
    [InlineData("""{"stream":"btcusdt@ticker","data":{"e":"24hrTicker","E":1,"s":"BTCUSDT"}}""")]
    [InlineData("""{"e":"continuous_kline","E":1,"k":{}}""")]
    public void Parse_SubscriptionAckOrUnknownEvent_IsIgnored(string json)
    {
        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.Ignored);

        message.Kind.ShouldBe(StreamMessageKind.None);
    }

    [Fact]
    public void Parse_DepthWithoutBuffer_IsIgnored()
    {
        BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(FuturesDepth), null, out StreamMessage message).Status.ShouldBe(ParseStatus.Ignored);

        message.Kind.ShouldBe(StreamMessageKind.None);
    }

    [Fact]
    public void Parse_EscapedPropertyName_IsUnescaped()
    {
        string json = SpotTrade.Replace("\"p\":", "\"\\u0070\":");

        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Trade.Price.ShouldBe(Price.Parse("61837.63"));
    }

    [Fact]
    public void Parse_MicrosecondTimestamp_ConvertsToMilliseconds()
    {
        Parse(SpotTrade.Replace("1723161255342", "1723161255342123"), out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Trade.TimestampMs.ShouldBe(1723161255342);
    }
}
