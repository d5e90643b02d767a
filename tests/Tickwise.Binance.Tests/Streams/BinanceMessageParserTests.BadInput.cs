using System.Text;
using System.Text.Json.Nodes;
using Tickwise.Binance.Streams;
using Tickwise.Testing;

namespace Tickwise.Binance.Tests.Streams;

/// <summary>Malformed, incomplete, mistyped and hostile input: every case returns a reason and nothing throws.</summary>
public partial class BinanceMessageParserTests
{
    private const string SpotBookTicker =
        """{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}""";

    private static string With(string json, string field, JsonNode? value)
    {
        JsonObject node = JsonNode.Parse(json)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }

    private static string Without(string json, string field)
    {
        JsonObject node = JsonNode.Parse(json)!.AsObject();
        node.Remove(field).ShouldBeTrue();
        return node.ToJsonString();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Parse_EmptyInput_IsMalformed(string json)
    {
        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.MalformedJson);

        message.Kind.ShouldBe(StreamMessageKind.None);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"trade\"")]
    [InlineData("42")]
    public void Parse_NotAnObject_IsWrongType(string json) =>
        Parse(json, out _).Status.ShouldBe(ParseStatus.WrongType);

    [Theory]
    [InlineData("{\"e\":\"trade\",")]
    [InlineData("{\"e\":\"trade\"} trailing")]
    [InlineData("{\"e\":\"trade\",\"p\":\"1\"}}")]
    [InlineData("{'e':'trade'}")]
    [InlineData("{\"e\":\"trade\" \"p\":\"1\"}")]
    [InlineData("{\"b\":[[\"1\",\"2\"],}")]
    public void Parse_BadSyntax_IsMalformed(string json) =>
        Parse(json, out _).Status.ShouldBe(ParseStatus.MalformedJson);

    [Fact]
    public void Parse_EveryTruncationOfRealMessages_FailsWithoutThrowing()
    {
        foreach (string json in new[] { SpotTrade, FuturesAggTrade, SpotKline, FuturesDepth, SpotBookTicker })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            for (int length = 0; length < bytes.Length; length++)
            {
                ParseResult sut = BinanceMessageParser.Parse(bytes.AsSpan(0, length), _depth, out StreamMessage message);
                sut.IsParsed.ShouldBeFalse($"{json[..length]}");
                message.Kind.ShouldBe(StreamMessageKind.None);
            }
        }
    }

    [Theory]
    [InlineData("s")]
    [InlineData("t")]
    [InlineData("p")]
    [InlineData("q")]
    [InlineData("T")]
    [InlineData("m")]
    public void Parse_TradeWithoutRequiredField_NamesIt(string field)
    {
        ParseResult sut = Parse(Without(SpotTrade, field), out _);

        sut.Status.ShouldBe(ParseStatus.MissingField);
        sut.Detail.ShouldBe($"missing field '{field}'");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("f")]
    [InlineData("l")]
    public void Parse_AggTradeWithoutIds_NamesMissingField(string field) =>
        Parse(Without(FuturesAggTrade, field), out _).Detail.ShouldBe($"missing field '{field}'");

    [Theory]
    [InlineData("u")]
    [InlineData("B")]
    [InlineData("A")]
    public void Parse_SpotBookTickerWithoutField_IsMissingField(string field)
    {
        ParseResult sut = Parse(Without(SpotBookTicker, field), out _);

        sut.Status.ShouldBe(ParseStatus.MissingField);
    }

    [Theory]
    [InlineData("E")]
    [InlineData("U")]
    [InlineData("u")]
    [InlineData("b")]
    [InlineData("a")]
    public void Parse_DepthUpdateWithoutRequiredField_IsMissingField(string field) =>
        Parse(Without(FuturesDepth, field), out _).Status.ShouldBe(ParseStatus.MissingField);

    [Theory]
    [InlineData("t")]
    [InlineData("i")]
    [InlineData("o")]
    [InlineData("h")]
    [InlineData("l")]
    [InlineData("c")]
    [InlineData("v")]
    [InlineData("q")]
    [InlineData("n")]
    [InlineData("x")]
    [InlineData("V")]
    [InlineData("Q")]
    public void Parse_KlineWithoutBarField_NamesIt(string field)
    {
        JsonObject node = JsonNode.Parse(SpotKline)!.AsObject();
        node["k"]!.AsObject().Remove(field);

        ParseResult sut = Parse(node.ToJsonString(), out _);

        sut.Status.ShouldBe(ParseStatus.MissingField);
        sut.Detail.ShouldBe($"missing field 'k.{field}'");
    }

    [Fact]
    public void Parse_PriceAsNumber_IsWrongType() =>
        Parse(With(SpotTrade, "p", 61837.63), out _).Status.ShouldBe(ParseStatus.WrongType);

    [Fact]
    public void Parse_IdAsString_IsWrongType() =>
        Parse(With(SpotTrade, "t", "3735683259"), out _).Status.ShouldBe(ParseStatus.WrongType);

    [Fact]
    public void Parse_FlagAsString_IsWrongType() =>
        Parse(With(SpotTrade, "m", "true"), out _).Status.ShouldBe(ParseStatus.WrongType);

    [Fact]
    public void Parse_SymbolAsNumber_IsWrongType() =>
        Parse(With(SpotTrade, "s", 1), out _).Status.ShouldBe(ParseStatus.WrongType);

    [Fact]
    public void Parse_EventTypeAsNumber_IsWrongType() =>
        Parse(With(SpotTrade, "e", 1), out _).Status.ShouldBe(ParseStatus.WrongType);

    [Fact]
    public void Parse_DataNotAnObject_IsWrongType() =>
        Parse("""{"stream":"btcusdt@trade","data":null}""", out _).Status.ShouldBe(ParseStatus.WrongType);

    [Fact]
    public void Parse_KlineNotAnObject_IsWrongType() =>
        Parse(With(SpotKline, "k", new JsonArray()), out _).Status.ShouldBe(ParseStatus.WrongType);

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-1.5")]
    [InlineData("1e5")]
    [InlineData("1.000000001")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1,5")]
    [InlineData(" 1.5")]
    [InlineData("NaN")]
    public void Parse_BadPriceText_IsBadNumber(string price) =>
        Parse(With(SpotTrade, "p", price), out _).Status.ShouldBe(ParseStatus.BadNumber);

    [Fact]
    public void Parse_EscapedPriceText_IsBadNumber() =>
        Parse(SpotTrade.Replace("\"61837.63000000\"", "\"\\u0036\""), out _).Status.ShouldBe(ParseStatus.BadNumber);

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999")]
    public void Parse_NonIntegerId_IsBadNumber(string id) =>
        Parse(SpotTrade.Replace("3735683259", id), out _).Status.ShouldBe(ParseStatus.BadNumber);

    [Fact]
    public void Parse_NegativeId_IsBadValue() =>
        Parse(With(SpotTrade, "t", -5), out _).Status.ShouldBe(ParseStatus.BadValue);

    [Theory]
    [InlineData(0L)]
    [InlineData(123456789L)]
    [InlineData(-1723161255342L)]
    [InlineData(9_999_999_999_999_999L)]
    [InlineData(long.MaxValue)]
    public void Parse_AbsurdTimestamp_IsBadTimestamp(long timestamp) =>
        Parse(With(SpotTrade, "T", timestamp), out _).Status.ShouldBe(ParseStatus.BadTimestamp);

    [Fact]
    public void Parse_AbsurdKlineEventTime_IsBadTimestamp() =>
        Parse(With(SpotKline, "E", 42), out _).Status.ShouldBe(ParseStatus.BadTimestamp);

    [Fact]
    public void Parse_ZeroQuantityTrade_IsBadValue() =>
        Parse(With(SpotTrade, "q", "0.00000000"), out _).Status.ShouldBe(ParseStatus.BadValue);

    [Theory]
    [InlineData("btc-usdt")]
    [InlineData("")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ")]
    public void Parse_BadSymbol_IsBadValue(string symbol) =>
        Parse(With(SpotTrade, "s", symbol), out _).Status.ShouldBe(ParseStatus.BadValue);

    [Fact]
    public void Parse_ReversedAggTradeIds_IsBadValue() =>
        Parse(With(FuturesAggTrade, "l", 1), out _).Status.ShouldBe(ParseStatus.BadValue);

    [Theory]
    [InlineData("h", "0.30000000")]   // high below low
    [InlineData("o", "0.40000000")]   // open above high
    [InlineData("t", 1633998480001L)] // not on a minute boundary
    [InlineData("i", "1w")]           // does not divide a day
    [InlineData("v", "-1")]           // negative volume
    public void Parse_KlineThatIsNoBar_IsRejected(string field, object value)
    {
        JsonObject node = JsonNode.Parse(SpotKline)!.AsObject();
        node["k"]![field] = value is string s ? JsonValue.Create(s) : JsonValue.Create((long)value);

        ParseResult sut = Parse(node.ToJsonString(), out StreamMessage message);

        sut.IsError.ShouldBeTrue();
        message.Kind.ShouldBe(StreamMessageKind.None);
    }

    [Theory]
    [InlineData("""[["7.5","1"],"7.6"]""", ParseStatus.WrongType)]
    [InlineData("""[["7.5"]]""", ParseStatus.MissingField)]
    [InlineData("""[[7.5,"1"]]""", ParseStatus.WrongType)]
    [InlineData("""[["7.5","-1"]]""", ParseStatus.BadNumber)]
    [InlineData("""[["x","1"]]""", ParseStatus.BadNumber)]
    [InlineData("""[[["7.5"],"1"]]""", ParseStatus.WrongType)]
    [InlineData("""{"7.5":"1"}""", ParseStatus.WrongType)]
    public void Parse_BadDepthLevels_AreRejected(string bids, ParseStatus expected)
    {
        string json = FuturesDepth.Replace("""[["7.5040","813"],["7.6090","0"],["7.6110","2"]]""", bids);

        Parse(json, out _).Status.ShouldBe(expected);
    }

    [Fact]
    public void Parse_ExtraValuesInDepthLevel_AreIgnored()
    {
        Parse(FuturesDepth.Replace("""["7.5040","813"]""", """["7.5040","813",{"x":[1]},3]"""), out _).Status.ShouldBe(ParseStatus.Parsed);

        _depth.Bids[0].Quantity.Raw.ShouldBe(813 * 100_000_000L);
    }

    [Fact]
    public void Parse_ReversedDepthIds_IsBadValue() =>
        Parse(With(FuturesDepth, "U", 600859600918), out _).Status.ShouldBe(ParseStatus.BadValue);

    [Fact]
    public void Parse_RepeatedBidsKey_KeepsOnlyTheLast()
    {
        string json = FuturesDepth.Replace("\"b\":", "\"b\":[[\"1\",\"1\"]],\"b\":");

        Parse(json, out _).Status.ShouldBe(ParseStatus.Parsed);

        _depth.Bids.Length.ShouldBe(3);
    }

    [Fact]
    public void Parse_MegabyteSnapshot_ParsesEveryLevel()
    {
        var json = new StringBuilder("""{"lastUpdateId":7,"bids":[""");
        const int levels = 20_000;
        for (int i = 0; i < levels; i++) json.Append(i == 0 ? "" : ",").Append($"[\"{60000 - i * 0.01m:0.00000000}\",\"1.00000000\"]");
        json.Append("],\"asks\":[[\"70000.00\",\"2\"]]}");
        json.Length.ShouldBeGreaterThan(500_000);

        Parse(json.ToString(), out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Kind.ShouldBe(StreamMessageKind.DepthSnapshot);
        _depth.Bids.Length.ShouldBe(levels);
    }

    [Fact]
    public void Parse_MegabyteUnknownField_IsSkipped()
    {
        string json = SpotTrade.Replace("\"M\":true", "\"M\":\"" + new string('x', 1 << 20) + "\"");

        Parse(json, out StreamMessage message).Status.ShouldBe(ParseStatus.Parsed);

        message.Trade.Id.ShouldBe(3735683259);
    }

    [Fact]
    public void Parse_MoreLevelsThanTheLimit_IsBadValue()
    {
        var json = new StringBuilder("""{"lastUpdateId":7,"asks":[],"bids":[""");
        for (int i = 0; i <= DepthUpdate.MaxLevelsPerSide; i++) json.Append(i == 0 ? "" : ",").Append("[\"1\",\"1\"]");
        json.Append("]}");

        Parse(json.ToString(), out _).Status.ShouldBe(ParseStatus.BadValue);
    }

    [Fact]
    public void Parse_DeepNesting_IsMalformedNotThrown()
    {
        string json = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Parse(json, out _).Status.ShouldBe(ParseStatus.MalformedJson);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsNorParses()
    {
        var random = new Random(20240808);
        byte[] buffer = new byte[512];
        for (int i = 0; i < 20_000; i++)
        {
            Span<byte> input = buffer.AsSpan(0, random.Next(buffer.Length));
            random.NextBytes(input);
            if (i % 2 == 0 && input.Length > 0) input[0] = (byte)'{';

            ParseResult sut = BinanceMessageParser.Parse(input, _depth, out StreamMessage message);

            sut.IsParsed.ShouldBeFalse();
            message.Kind.ShouldBe(StreamMessageKind.None);
        }
    }

    [Fact]
    public void Parse_MutatedRealMessages_NeverThrowAndStayConsistent()
    {
        var random = new Random(17);
        string[] seeds = [SpotTrade, FuturesAggTrade, SpotKline, FuturesDepth, SpotBookTicker, .. File.ReadLines(Samples("BINANCE_FUTURES.ws.jsonl")).Take(50)];
        byte[] alphabet = "{}[]\",:0123456789.-eE tfnaAbBpqsuUTmkx\\"u8.ToArray();
        int parsed = 0;
        for (int i = 0; i < 30_000; i++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }
            int length = random.Next(4) == 0 ? random.Next(bytes.Length + 1) : bytes.Length;

            ParseResult sut = BinanceMessageParser.Parse(bytes.AsSpan(0, length), _depth, out StreamMessage message);

            if (sut.IsParsed)
            {
                parsed++;
                message.Kind.ShouldNotBe(StreamMessageKind.None);
            }
            else
            {
                message.Kind.ShouldBe(StreamMessageKind.None);
                sut.Detail.ShouldNotBeNullOrEmpty();
            }
        }
        parsed.ShouldBeGreaterThan(0); // some edits land in ignored fields or keep a valid value
    }

    [Fact]
    public void Parse_WarmedUp_AllocatesNothing()
    {
        byte[][] messages = [.. new[] { SpotTrade, FuturesAggTrade, SpotBookTicker, SpotKline, FuturesDepth, "{\"result\":null,\"id\":1}" }
            .Select(Encoding.UTF8.GetBytes)];
        foreach (byte[] m in messages) BinanceMessageParser.Parse(m, _depth, out _);

        long allocated = SteadyAllocations.Of(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                for (int j = 0; j < messages.Length; j++) BinanceMessageParser.Parse(messages[j], _depth, out _);
            }
        });

        allocated.ShouldBe(0);
    }
}
