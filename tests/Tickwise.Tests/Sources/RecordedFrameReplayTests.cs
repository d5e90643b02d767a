using Tickwise.Binance.Files;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Sources;
using Tickwise.Storage;

using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Sources;

/// <summary>Tests of <see cref="RecordedFrameReplay"/> (src/Tickwise/Sources; kept beside the replay tests in this folder).</summary>
public partial class RecordedFrameReplayTests : IDisposable
{
    private const string Snapshot = """{"lastUpdateId":100,"bids":[["61837.63000000","3.5"]],"asks":[["61837.64000000","1.5"]]}""";
    private const string Diff = """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":99,"u":102,"b":[["61837.63000000","2"]],"a":[]}}""";
    private const string Ticker = """{"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}""";
    private const string Trade = """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}""";
    private const string Kline = """{"stream":"nknusdt@kline_1m","data":{"e":"kline","E":1633998523963,"s":"NKNUSDT","k":{"t":1633998480000,"T":1633998539999,"s":"NKNUSDT","i":"1m","f":19862761,"L":19862790,"o":"0.35270000","c":"0.35280000","h":"0.35280000","l":"0.35220000","v":"25877.00000000","n":30,"x":false,"q":"9116.04600000","V":"58.00000000","Q":"20.46240000","B":"0"}}}""";
    private const string PartialDepth = """{"stream":"btcusdt@depth5@100ms","data":{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"]]}}""";
    private const long T0 = 1_723_161_254_000_000_000;

    private readonly TempDirectory _temp = new();
    private readonly ITickStore _store;
    private readonly MarketEventIngest _ingest;
    private readonly List<DumpLineError> _bad = [];
    private readonly List<string> _warnings = [];

    public RecordedFrameReplayTests()
    {
        _store = TickStores.OpenSqlite(_temp.File("r.db"));
        _ingest = new MarketEventIngest(_store, [Interval.OneMinute]);
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private RecordedFrameReplay Play(string fileName, params string[] payloads)
    {
        string path = _temp.File(fileName);
        File.WriteAllLines(path, payloads.Select((p, i) => $"{T0 + i * 1_000_000L} {p}"));
        using var source = new RecordedFrameSource([path], _bad.Add);
        var sut = new RecordedFrameReplay(_ingest, source.Files, _bad.Add, _warnings.Add);
        while (source.MoveNext()) sut.Add(source);
        sut.Finish();
        return sut;
    }

    [Fact]
    public void Add_SnapshotFirstInFile_BelongsToTheSymbolOfTheFileName()
    {
        RecordedFrameReplay sut = Play("btcusdt_20240808.txt", Snapshot, Diff);

        ReplaySymbol btc = sut.Symbols.Single();
        btc.Symbol.ShouldBe(new Symbol("BTCUSDT"));
        btc.Book.IsSynchronized.ShouldBeTrue();
        btc.Book.TryGetBestBid(out BookLevel bid).ShouldBeTrue();
        bid.ShouldBe(new BookLevel(Price.Parse("61837.63"), Quantity.Parse("2")));
    }

    [Fact]
    public void Add_SnapshotAfterADiff_BelongsToTheDiffsSymbol()
    {
        RecordedFrameReplay sut = Play("capture.txt", Diff, Snapshot);

        sut.Symbols.Single().Book.IsSynchronized.ShouldBeTrue();
        _bad.ShouldBeEmpty();
    }

    [Fact]
    public void Add_SnapshotWithNoSymbolToBeFound_IsABadFrame()
    {
        RecordedFrameReplay sut = Play("-capture.txt", Snapshot);

        sut.BadFrames.ShouldBe(1);
        _bad.Single().ToString().ShouldStartWith("-capture.txt:1: a depth snapshot names no symbol");
        sut.Symbols.ShouldBeEmpty();
    }

    [Fact]
    public void Add_SpotTickerWithoutTime_IsStampedWithTheReceiveTimeInMs()
    {
        Play("x.txt", Trade, Ticker);

        _ingest.Quotes.ShouldBe(1);
        _ingest.Latest.Single().LastQuote.TimestampMs.ShouldBe((T0 + 1_000_000) / 1_000_000);
    }

    [Fact]
    public void Add_KlinesAndPartialBookStreams_AreCountedAsIgnored()
    {
        RecordedFrameReplay sut = Play("x.txt", Kline, PartialDepth, """{"e":"24hrTicker","s":"BTCUSDT"}""");

        sut.IgnoredFrames.ShouldBe(3);
        sut.BadFrames.ShouldBe(0);
        sut.Symbols.ShouldBeEmpty();
    }

    [Fact]
    public void Add_TradesAndRejectedPayloads_StoresTheTradesAndReportsTheRest()
    {
        RecordedFrameReplay sut = Play("x.txt", Trade, """{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT","t":"x"}}""", "[1,2]");

        sut.Frames.ShouldBe(3);
        sut.BadFrames.ShouldBe(2);
        _bad.Select(b => b.LineNumber).ShouldBe([2L, 3L]);
        _store.Count(new Symbol("BTCUSDT")).Trades.ShouldBe(1);
        sut.Symbols.Single().Trades.ShouldBe(1);
    }

    [Fact]
    public void Add_DiffGapAfterSnapshot_WarnsOnce()
    {
        string gap = Diff.Replace("\"U\":99,\"u\":102", "\"U\":110,\"u\":112", StringComparison.Ordinal);

        RecordedFrameReplay sut = Play("btcusdt.txt", Snapshot, Diff, gap);

        sut.Symbols.Single().Book.Gaps.ShouldBe(1);
        _warnings.Single().ShouldStartWith("BTCUSDT order book out of sync at btcusdt.txt:3:");
    }

    [Theory]
    [InlineData("btcusdt_20240808.gz", "BTCUSDT")]
    [InlineData("ETHUSDT-depth.jsonl", "ETHUSDT")]
    [InlineData("solusdt.txt", "SOLUSDT")]
    [InlineData("capture", "CAPTURE")]
    [InlineData("my capture.txt", "")]
    [InlineData("_x.gz", "")]
    public void SymbolOfFileName_VariousNames_TakesTheLeadingSymbol(string fileName, string expected) =>
        RecordedFrameReplay.SymbolOfFileName(fileName).Value.ShouldBe(expected);

    [Fact]
    public void Add_WrappedSnapshotInAFileOfAnotherName_SeedsTheBookOfTheSymbolItNames()
    {
        RecordedFrameReplay sut = Play("capture.txt", """{"stream":"btcusdt@depthSnapshot","data":""" + Snapshot + "}", Diff);

        ReplaySymbol btc = sut.Symbols.Single();
        btc.Symbol.ShouldBe(new Symbol("BTCUSDT"));
        btc.Book.IsSynchronized.ShouldBeTrue();
        btc.Book.LastUpdateId.ShouldBe(102);
        _bad.ShouldBeEmpty();
    }

    [Fact]
    public void Add_RepairPageBeforeTheLiveTradeAndTheStreamsOverlap_EachTradeOnceInIdOrder()
    {
        string Live(long id) => """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1723161255343,"s":"BTCUSDT","a":""" + id
            + ""","p":"61837.63","q":"0.02","f":1,"l":1,"T":""" + (1723161255342 + id) + ""","m":true,"M":true}}""";
        string Page(long from, long to) => """{"stream":"btcusdt@aggTradeRepair","data":[""" + string.Join(',', Enumerable.Range((int)from, (int)(to - from + 1))
            .Select(id => $$"""{"a":{{id}},"p":"61837.64","q":"0.01","f":1,"l":1,"T":{{1723161255342 + id}},"m":false,"M":true}""")) + "]}";

        // Live 1..2, a gap 3..5 repaired (the page reaches past it, to 6), then the live 6 and a stream repeat of 5.
        RecordedFrameReplay sut = Play("capture.txt", Live(1), Live(2), Page(2, 6), Live(6), Live(5), Live(7));

        _store.ReadTrades(new Symbol("BTCUSDT"), TimeRange.All).Select(t => t.Id).ShouldBe([1L, 2, 3, 4, 5, 6, 7]);
        sut.Symbols.Single().Trades.ShouldBe(7);
        sut.Symbols.Single().DuplicateTrades.ShouldBe(3); // the page's 2, the live 6, the repeated 5
        _bad.ShouldBeEmpty();
    }

    [Fact]
    public void Add_RawTradeRepairPage_ReplaysItsTrades()
    {
        RecordedFrameReplay sut = Play("capture.txt", Trade,
            """{"stream":"btcusdt@tradeRepair","data":[{"id":3735683260,"price":"61837.64","qty":"0.5","quoteQty":"1","time":1723161255400,"isBuyerMaker":false,"isBestMatch":true}]}""");

        _store.ReadTrades(new Symbol("BTCUSDT"), TimeRange.All).Select(t => t.Id).ShouldBe([3735683259L, 3735683260]);
        sut.Symbols.Single().Trades.ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"stream":"btcusdt@aggTradeRepair","data":[{"a":1}]}""", "repaired trades does not parse")]
    [InlineData("""{"stream":"btcusdt@tradeRepair","data":{"id":1}}""", "repaired trades does not parse")]
    [InlineData("""{"stream":"btcusdt@depthSnapshot","data":{"lastUpdateId":"x"}}""", "depth snapshot does not parse")]
    public void Add_BadRecordedRestAnswer_ReportedAndSkipped(string line, string reason)
    {
        RecordedFrameReplay sut = Play("capture.txt", line, Trade);

        sut.BadFrames.ShouldBe(1);
        _bad.Single().Reason.ShouldContain(reason);
        sut.Symbols.Single().Trades.ShouldBe(1);
    }
}
