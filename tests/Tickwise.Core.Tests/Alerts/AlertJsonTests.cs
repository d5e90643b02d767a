using System.Text;
using System.Text.Json;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Alerts.AlertTestData;

namespace Tickwise.Core.Tests.Alerts;

public class AlertJsonTests
{
    [Fact]
    public void WriteRule_PriceRule_WritesTheContractNamesInOrder()
    {
        AlertRule rule = PriceAbove(62000.1) with { CooldownS = 60, Hysteresis = 10, Priority = AlertPriority.High };

        string json = AlertJson.WriteRule(rule);

        json.ShouldBe("""{"id":"r1","name":"btc up","type":"price_above","symbol":"BTCUSDT","interval":"1m","threshold":62000.1,"priority":"high","cooldown_s":60,"hysteresis":10,"enabled":true,"created_ms":1723075200000}""");
    }

    [Fact]
    public void WriteRule_PairRule_WritesPairAndOptionalFields()
    {
        AlertRule rule = PairRule(AlertType.ZScoreCross, 2, threshold2: 3) with { Window = 120, Webhook = "http://127.0.0.1:9/h", Enabled = false };

        string json = AlertJson.WriteRule(rule);

        json.ShouldContain("""
            "type":"zscore_cross","pair":{"a":"BTCUSDT","b":"ETHUSDT"},"interval":"1m","threshold":2,"threshold2":3,
            """.Trim());
        json.ShouldContain("\"enabled\":false");
        json.ShouldEndWith("""
            "window":120,"webhook":"http://127.0.0.1:9/h"}
            """.Trim());
        json.ShouldNotContain("\"symbol\"");
    }

    public static TheoryData<AlertRule> RoundTripRules => new()
    {
        PriceAbove(61837.63) with { CooldownS = 1.5, Hysteresis = 0.25, Name = "naïve \"quoted\" name" },
        PairRule(AlertType.ZScoreBelow, -2, threshold2: -3) with { Window = 60, Priority = AlertPriority.Low },
        new AlertRule { Id = "vc", Type = AlertType.VolatilityChange, Symbol = Btc, Threshold = 2, Window = 30, ShortWindow = 5, Interval = Interval.OneHour, Enabled = false },
        new AlertRule { Id = "bp", Type = AlertType.BookPressure, Symbol = Eth, Webhook = "https://example.com/x" },
    };

    [Theory]
    [MemberData(nameof(RoundTripRules))]
    public void ReadRule_WrittenRule_RoundTripsExactly(AlertRule rule)
    {
        AlertRule sut = AlertJson.ReadRule(AlertJson.WriteRule(rule));

        sut.ShouldBe(rule);
    }

    [Fact]
    public void ReadRule_MinimalRule_TakesTheDefaults()
    {
        AlertRule sut = AlertJson.ReadRule("""{"type":"price-above","symbol":"btcusdt","threshold":62000}""");

        sut.Type.ShouldBe(AlertType.PriceAbove);
        sut.Symbol.ShouldBe(Btc);
        sut.Id.ShouldBe("");
        sut.Interval.ShouldBe(Interval.OneMinute);
        sut.Priority.ShouldBe(AlertPriority.Medium);
        sut.Enabled.ShouldBeTrue();
        sut.CooldownS.ShouldBe(0);
    }

    public static TheoryData<string, string> BadRules => new()
    {
        { "[]", "a rule is a JSON object, not an array" },
        { "42", "not a number" },
        { "{}", "type is missing" },
        { """{"type":"price_sideways"}""", "type 'price_sideways' is unknown: use one of price_above" },
        { """{"type":5}""", "type must be a string, not a number" },
        { """{"type":"price_above","threshold":"62000"}""", "threshold must be a number, not a string" },
        { """{"type":"price_above","threshold":1e400}""", "threshold is out of range" },
        { """{"type":"price_above","symbol":"BTC USDT"}""", "symbol 'BTC USDT' is not a symbol" },
        { """{"type":"price_above","symbol":["BTCUSDT"]}""", "symbol must be a string, not an array" },
        { """{"type":"price_above","interval":"7m"}""", "interval '7m' is not an interval" },
        { """{"type":"price_above","priority":"urgent"}""", "priority 'urgent' is unknown" },
        { """{"type":"price_above","enabled":"yes"}""", "enabled must be true or false, not a string" },
        { """{"type":"price_above","created_ms":1.5}""", "created_ms must be a whole number in range" },
        { """{"type":"price_above","threshhold":1}""", "property 'threshhold' is unknown" },
        { """{"type":"price_above","type":"price_below"}""", "property 'type' appears twice" },
        { """{"type":"zscore_above","pair":"BTCUSDT,ETHUSDT"}""", "pair must be an object" },
        { """{"type":"zscore_above","pair":{"a":"BTCUSDT"}}""", "pair needs both a and b" },
        { """{"type":"zscore_above","pair":{"a":"BTCUSDT","b":"ETHUSDT","c":"X"}}""", "pair property 'c' is unknown" },
        { """{"type":"zscore_above","pair":{"a":"BTCUSDT","b":"???"}}""", "pair.b '???' is not a symbol" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void ReadRule_BadRule_ThrowsAlertRuleExceptionSayingWhy(string json, string expected)
    {
        var e = Should.Throw<AlertRuleException>(() => AlertJson.ReadRule(json));

        e.Message.ShouldContain(expected);
    }

    [Fact]
    public void ReadRule_WindowBeyondInt_IsClampedSoValidationReportsIt()
    {
        AlertRule sut = AlertJson.ReadRule("""{"type":"volume_spike","symbol":"BTCUSDT","threshold":3,"window":99999999999999}""");

        sut.Window.ShouldBe(int.MaxValue);
        sut.FindProblems().ShouldContain(p => p.Contains("window 2147483647 must lie in"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"type\":}")]
    [InlineData("not json")]
    [InlineData("{\"type\":\"price_above\"} trailing")]
    public void ReadRule_MalformedJson_ThrowsJsonException(string json)
    {
        Should.Throw<JsonException>(() => AlertJson.ReadRule(json));
    }

    [Fact]
    public void ReadRule_InvalidUtf8InsideAString_ThrowsJsonException()
    {
        byte[] bytes = [.. "{\"type\":\"price_above\",\"name\":\""u8, 0xFB, 0x80, .. "\"}"u8];

        Should.Throw<JsonException>(() => AlertJson.ReadRule(bytes)).Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void ReadRule_DeepNesting_ThrowsJsonException()
    {
        string json = "{\"pair\":" + new string('[', 100) + new string(']', 100) + "}";

        Should.Throw<JsonException>(() => AlertJson.ReadRule(json));
    }

    [Fact]
    public void ReadRule_HugeInput_IsRefusedBeforeParsing()
    {
        string json = "{\"type\":\"price_above\",\"name\":\"" + new string('x', AlertJson.MaxRuleBytes) + "\"}";

        Should.Throw<AlertRuleException>(() => AlertJson.ReadRule(json)).Message.ShouldContain("at most 65,536");
    }

    [Fact]
    public void ReadRule_RandomBytes_ThrowsOnlyTheDocumentedExceptions()
    {
        var random = new Random(5);
        byte[] seed = Encoding.UTF8.GetBytes(AlertJson.WriteRule(PairRule(AlertType.ZScoreCross, 2, 3)));
        for (int i = 0; i < 2000; i++)
        {
            byte[] bytes = (byte[])seed.Clone();
            for (int k = 0; k < 3; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                AlertJson.ReadRule(bytes);
            }
            catch (Exception e) when (e is JsonException or AlertRuleException)
            {
            }
        }
    }

    [Fact]
    public void WriteEvent_NaNValue_WritesNullAndReadsBackAsNaN()
    {
        var alert = new AlertEvent
        {
            Id = "r1:1723075202000",
            RuleId = "r1",
            RuleName = "btc up",
            Type = AlertType.PriceAbove,
            Symbol = Btc,
            Interval = Interval.OneMinute,
            Priority = AlertPriority.Medium,
            TimeMs = Start + 2000,
            Value = 61837.63,
            Threshold = 61837.63,
            Message = "BTCUSDT price 61837.63 rose to 61837.63 or above",
            Values = new Dictionary<string, double> { ["price"] = 61837.63, ["previous"] = double.NaN },
        };

        string json = AlertJson.WriteEvent(alert);
        AlertEvent sut = AlertJson.ReadEvent(json);

        json.ShouldBe("""{"id":"r1:1723075202000","rule_id":"r1","rule_name":"btc up","type":"price_above","symbol":"BTCUSDT","interval":"1m","priority":"medium","time":1723075202000,"value":61837.63,"threshold":61837.63,"message":"BTCUSDT price 61837.63 rose to 61837.63 or above","values":{"price":61837.63,"previous":null}}""");
        (sut with { Values = alert.Values }).ShouldBe(alert);
        sut.Values["price"].ShouldBe(61837.63);
        double.IsNaN(sut.Values["previous"]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","rule_id":"r","rule_name":"n","type":"nope","interval":"1m","priority":"low","time":1,"value":1,"threshold":1,"message":"m"}""")]
    [InlineData("""{"id":"x","rule_id":"r","rule_name":"n","type":"price_above","interval":"1m","priority":"low","value":1,"threshold":1,"message":"m"}""")]
    [InlineData("""{"id":"x","rule_id":"r","rule_name":"n","type":"price_above","interval":"1m","priority":"low","time":1,"value":"1","threshold":1,"message":"m"}""")]
    public void ReadEvent_BadEvent_ThrowsFormatException(string json)
    {
        Should.Throw<FormatException>(() => AlertJson.ReadEvent(json));
    }

    [Fact]
    public void TryParseType_EveryType_RoundTripsThroughItsName()
    {
        foreach (AlertType type in Enum.GetValues<AlertType>())
        {
            AlertJson.TryParseType(AlertJson.TypeName(type), out AlertType parsed).ShouldBeTrue();
            parsed.ShouldBe(type);
        }
        AlertJson.TryParseType("  ", out _).ShouldBeFalse();
        AlertJson.TryParseType("1", out _).ShouldBeFalse();
    }
}
