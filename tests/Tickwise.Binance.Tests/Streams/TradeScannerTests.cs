using System.IO.Compression;
using System.Text;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;
using Tickwise.Testing;

namespace Tickwise.Binance.Tests.Streams;

/// <summary>
/// The scanner is a shortcut, never a second opinion: for every input it either declines or returns exactly what the
/// general parser returns. These tests hold it to that over real captures and mutated variants of real trades.
/// </summary>
public class TradeScannerTests
{
    private const string SpotTrade =
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}""";

    private const string SpotAggTrade =
        """{"stream":"nknusdt@aggTrade","data":{"e":"aggTrade","E":1633998523963,"s":"NKNUSDT","a":15683430,"p":"0.35280000","q":"58.00000000","f":19862790,"l":19862792,"T":1633998523963,"m":false,"M":true}}""";

    private const string FuturesAggTrade =
        """{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"CTKUSDT","p":"1.01100","q":"10","f":23961322,"l":23961325,"T":1626992741421,"m":false,"nq":"10"}""";

    private const string FuturesTrade =
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256323,"T":1723161256322,"s":"BTCUSDT","t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":false}}""";

    private const string OldSpotTrade =
        """{"e":"trade","E":1639351062244,"s":"ETHUSDT","t":705291099,"p":"4149.74000000","q":"0.43870000","b":7038593583,"a":7038593613,"T":1639351062243,"m":true,"M":true}""";

    private readonly DepthUpdate _generalDepth = new();
    private readonly DepthUpdate _parseDepth = new();

    [Theory]
    [InlineData(SpotTrade, StreamMessageKind.Trade)]
    [InlineData(SpotAggTrade, StreamMessageKind.AggTrade)]
    [InlineData(FuturesAggTrade, StreamMessageKind.AggTrade)]
    [InlineData(FuturesTrade, StreamMessageKind.Trade)]
    [InlineData(OldSpotTrade, StreamMessageKind.Trade)]
    public void TryParse_BinanceShapes_MatchesGeneralParser(string json, StreamMessageKind kind)
    {
        bool handled = Check(Encoding.UTF8.GetBytes(json), out StreamMessage message);

        handled.ShouldBeTrue();
        message.Kind.ShouldBe(kind);
    }

    [Fact]
    public void TryParse_SpotTrade_ReturnsExactTrade()
    {
        StreamMessage sut = default;

        TradeScanner.TryParse(Encoding.UTF8.GetBytes(SpotTrade), ref sut).ShouldBeTrue();

        sut.Trade.ShouldBe(new Trade(new Symbol("BTCUSDT"), 3735683259, Price.Parse("61837.63"), Quantity.Parse("0.02"), 1723161255342, AggressorSide.Seller));
        sut.Event.Kind.ShouldBe(MarketEventKind.Trade);
    }

    [Fact]
    public void TryParse_AggTrade_CountsTradesFromFirstToLast()
    {
        StreamMessage sut = default;

        TradeScanner.TryParse(Encoding.UTF8.GetBytes(SpotAggTrade), ref sut).ShouldBeTrue();

        sut.Trade.ShouldBe(new Trade(new Symbol("NKNUSDT"), 15683430, Price.Parse("0.3528"), Quantity.Parse("58"), 1633998523963, AggressorSide.Buyer, 3));
    }

    [Fact]
    public void TryParse_MicrosecondTradeTime_ConvertsLikeGeneralParser()
    {
        string json = SpotTrade.Replace("\"T\":1723161255342", "\"T\":1723161255342123");

        Check(Encoding.UTF8.GetBytes(json), out StreamMessage message).ShouldBeTrue();

        message.Trade.TimestampMs.ShouldBe(1723161255342);
    }

    [Theory]
    [InlineData(""" "s":"BTCUSDT" """, """ "s" :"BTCUSDT" """)] // whitespace
    [InlineData(""" "s":"BTCUSDT" """, """ "s":"BTC\u0055SDT" """)] // escape in a value
    [InlineData(""" "s":"BTCUSDT" """, """ "\u0073":"BTCUSDT" """)] // escape in a key
    [InlineData(""" "M":true""", """ "M":true,"x":1""")] // extra key
    [InlineData(""" ,"M":true""", "")] // an optional key left out: still handled (see expectHandled)
    [InlineData(""" "t":3735683259,""", "")] // missing trade id
    [InlineData(""" "m":true""", """ "m":1""")] // wrong type
    [InlineData(""" "t":3735683259""", """ "t":3735683259.0""")] // fraction
    [InlineData(""" "t":3735683259""", """ "t":03735683259""")] // leading zero, malformed JSON
    [InlineData(""" "t":3735683259""", """ "t":-3735683259""")] // negative id
    [InlineData(""" "t":3735683259""", """ "t":1234567890123456789012""")] // absurd number
    [InlineData(""" "T":1723161255342""", """ "T":1723161255342,"T":1723161255343""")] // repeated key: last wins in general
    [InlineData(""" "p":"61837.63000000" """, """ "p":"61837.630000001" """)] // beyond eight decimals
    [InlineData(""" "q":"0.02000000" """, """ "q":"0" """)] // zero quantity
    [InlineData(""" "e":"trade" """, """ "e":"trades" """)] // other event
    [InlineData(""" {"stream":"btcusdt@trade","data":""", """ {"data":""")] // data first, stream after (added below)
    public void TryParse_Deviation_DeclinesOrMatchesGeneralParser(string from, string to)
    {
        string json = SpotTrade.Replace(from.Trim(), to.Trim());
        if (from.Contains("\"stream\"")) json = json[..^1] + ",\"stream\":\"btcusdt@trade\"}";
        json.ShouldNotBe(SpotTrade);
        bool expectHandled = from.Contains("\"M\"") && to.Length == 0;

        bool handled = Check(Encoding.UTF8.GetBytes(json), out _);

        handled.ShouldBe(expectHandled, json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("{\"stream\":")]
    [InlineData("{\"stream\":\"x\",\"data\":{\"e\":\"trade\"")]
    [InlineData("{\"e\":\"trade\"}")]
    [InlineData("[1,2]")]
    public void TryParse_TruncatedOrEmpty_Declines(string json) =>
        Check(Encoding.UTF8.GetBytes(json), out _).ShouldBeFalse();

    [Fact]
    public void TryParse_TrailingWhitespaceOrBytes_Declines()
    {
        Check(Encoding.UTF8.GetBytes(SpotTrade + " "), out _).ShouldBeFalse();
        Check(Encoding.UTF8.GetBytes(SpotTrade + "}"), out _).ShouldBeFalse();
        Check(Encoding.UTF8.GetBytes(SpotTrade + SpotTrade), out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_HugeStreamName_DeclinesOrMatches()
    {
        string json = SpotTrade.Replace("btcusdt@trade", new string('x', 1_000_000));

        Check(Encoding.UTF8.GetBytes(json), out StreamMessage message).ShouldBeTrue();

        message.Trade.Symbol.ShouldBe(new Symbol("BTCUSDT"));
    }

    [Fact]
    public void TryParse_MegabyteNumbers_Decline()
    {
        string zeros = new('0', 1_000_000);

        Check(Encoding.UTF8.GetBytes(SpotTrade.Replace("\"p\":\"61837.63000000\"", $"\"p\":\"1{zeros}\"")), out _).ShouldBeFalse();
        Check(Encoding.UTF8.GetBytes(SpotTrade.Replace("\"t\":3735683259", $"\"t\":1{zeros}")), out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_MegabyteIgnoredString_MatchesGeneralParser()
    {
        string json = SpotTrade.Replace("\"M\":true", $"\"M\":true,\"X\":\"{new string('x', 1_000_000)}\"");

        Check(Encoding.UTF8.GetBytes(json), out StreamMessage message).ShouldBeTrue();

        message.Trade.Id.ShouldBe(3735683259);
    }

    [Fact]
    public void TryParse_EveryRealCaptureLine_DeclinesOrMatchesAndTakesEveryCompactTrade()
    {
        int trades = 0, handled = 0, lines = 0;
        foreach (string path in Directory.GetFiles(TestData.Binance("ws", "spot"), "*.gz"))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                Count(Encoding.UTF8.GetBytes(line[(line.IndexOf(' ') + 1)..]), ref trades, ref handled);
                lines++;
            }
        }
        foreach (string path in Directory.GetFiles(TestData.Binance("ws", "samples"), "*.jsonl"))
        {
            foreach (string line in File.ReadLines(path))
            {
                Count(Encoding.UTF8.GetBytes(line), ref trades, ref handled);
                lines++;
            }
        }
        // The pretty-printed single-message samples are valid but not Binance's wire form: checked, not counted.
        foreach (string path in Directory.GetFiles(TestData.Binance("ws", "samples"), "*.json"))
        {
            Check(File.ReadAllBytes(path), out _);
        }

        lines.ShouldBeGreaterThan(180_000);
        trades.ShouldBeGreaterThan(34_419); // the spot trades of the two dumps rebuilt from these frames, plus the aggTrades
        handled.ShouldBe(trades); // every real compact trade and aggTrade takes the fast path
    }

    [Fact]
    public void TryParse_MutatedRealTrades_DeclineOrMatchGeneralParser()
    {
        List<string> seeds = [SpotTrade, SpotAggTrade, FuturesAggTrade, FuturesTrade, OldSpotTrade];
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(TestData.Binance("ws", "spot", "ethusdt_20240808.gz")), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line && seeds.Count < 200)
            {
                if (line.Contains("@trade")) seeds.Add(line[(line.IndexOf(' ') + 1)..]);
            }
        }
        foreach (string path in Directory.GetFiles(TestData.Binance("ws", "samples"), "*.jsonl"))
        {
            seeds.AddRange(File.ReadLines(path).Where(l => l.Contains("@aggTrade")));
        }
        var random = new Random(23);
        int handled = 0, declined = 0;
        for (int i = 0; i < 60_000; i++)
        {
            byte[] variant = TradeMutator.Mutate(Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Count)]), random);

            if (Check(variant, out _)) handled++;
            else declined++;
        }
        // Both outcomes must be common, or the test checks little.
        handled.ShouldBeGreaterThan(10_000);
        declined.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrowsAndDeclines()
    {
        var random = new Random(5);
        byte[] alphabet = "{}[]\",:0123456789.-eEtrad\\ "u8.ToArray();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = new byte[random.Next(200)];
            for (int j = 0; j < bytes.Length; j++) bytes[j] = random.Next(2) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            StreamMessage sut = default;

            TradeScanner.TryParse(bytes, ref sut).ShouldBeFalse();
        }
    }

    [Fact]
    public void TryParse_WarmedUp_AllocatesNothing()
    {
        byte[][] messages = [.. new[] { SpotTrade, SpotAggTrade, FuturesAggTrade, FuturesTrade }.Select(Encoding.UTF8.GetBytes)];
        StreamMessage sut = default;
        foreach (byte[] m in messages) TradeScanner.TryParse(m, ref sut);

        long allocated = SteadyAllocations.Of(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                for (int j = 0; j < messages.Length; j++) TradeScanner.TryParse(messages[j], ref sut);
            }
        });

        allocated.ShouldBe(0);
    }

    private void Count(byte[] payload, ref int trades, ref int handled)
    {
        if (Check(payload, out StreamMessage message)) handled++;
        if (message.Kind is StreamMessageKind.Trade or StreamMessageKind.AggTrade) trades++;
    }

    /// <summary>
    /// Runs the scanner, the general parser and the public entry point on one input; fails unless the scanner
    /// declined or agreed exactly, and unless the entry point agrees with the general parser. Returns whether the
    /// scanner took the input, and the general parser's message.
    /// </summary>
    private bool Check(byte[] input, out StreamMessage expected)
    {
        StreamMessage fast = default;
        bool handled = TradeScanner.TryParse(input, ref fast);
        ParseResult general = BinanceMessageParser.ParseGeneral(input, _generalDepth, out expected);
        ParseResult viaParse = BinanceMessageParser.Parse(input, _parseDepth, out StreamMessage actual);

        if (handled && (general != ParseResult.Success || !Same(fast, expected)))
            Assert.Fail($"The scanner disagrees with the general parser ({general.Status}: {general.Detail}) on: {Encoding.UTF8.GetString(input)}");
        if (viaParse != general || !Same(actual, expected))
            Assert.Fail($"Parse ({viaParse.Status}) disagrees with the general parser ({general.Status}: {general.Detail}) on: {Encoding.UTF8.GetString(input)}");
        return handled;
    }

    private bool Same(in StreamMessage a, in StreamMessage b)
    {
        if (a.Kind != b.Kind || a.Event.Kind != b.Event.Kind || a.Trade != b.Trade || a.Quote != b.Quote || a.Kline != b.Kline) return false;
        if ((a.Depth is null) != (b.Depth is null)) return false;
        return a.Depth is null || SameDepth(a.Depth, b.Depth!);
    }

    private static bool SameDepth(DepthUpdate a, DepthUpdate b) =>
        a.Symbol == b.Symbol && a.IsSnapshot == b.IsSnapshot && a.EventTimeMs == b.EventTimeMs && a.TransactionTimeMs == b.TransactionTimeMs
        && a.FirstUpdateId == b.FirstUpdateId && a.FinalUpdateId == b.FinalUpdateId && a.PreviousFinalUpdateId == b.PreviousFinalUpdateId
        && a.Bids.SequenceEqual(b.Bids) && a.Asks.SequenceEqual(b.Asks);
}
