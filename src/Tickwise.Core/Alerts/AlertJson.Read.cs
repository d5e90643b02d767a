using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Core.Alerts;

public static partial class AlertJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    /// <summary>Reads a rule from JSON text (see <see cref="ReadRule(ReadOnlySpan{byte})"/>).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="AlertRuleException">The JSON is not a rule object (every problem listed).</exception>
    public static AlertRule ReadRule(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReadRule(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a rule object; missing properties take the defaults of <see cref="AlertRule"/>. Does not validate its meaning.</summary>
    /// <exception cref="JsonException">The input is not JSON (malformed, not UTF-8, or nested too deep).</exception>
    /// <exception cref="AlertRuleException">The input is larger than <see cref="MaxRuleBytes"/>, is not an object, has an unknown
    /// or repeated property, a value of the wrong JSON type, or a type, priority, symbol or interval that does not parse.</exception>
    public static AlertRule ReadRule(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxRuleBytes) throw new AlertRuleException([$"the rule has {utf8.Length:N0} bytes; at most {MaxRuleBytes:N0}."]);
        // The reader checks structure, not the text inside strings; invalid UTF-8 there would throw later on GetString.
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) throw new JsonException("The rule is not valid UTF-8 text.");
        using JsonDocument document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new AlertRuleException([$"a rule is a JSON object, not {Describe(root.ValueKind)}."]);

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rule = new AlertRule();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add($"property '{property.Name}' appears twice.");
                continue;
            }
            rule = ReadRuleProperty(rule, property, problems);
        }

        if (!seen.Contains("type")) problems.Add($"type is missing: use one of {TypeNames}.");
        if (problems.Count > 0) throw new AlertRuleException(problems);
        return rule;
    }

    /// <summary>Reads an event written by <see cref="WriteEvent(AlertEvent)"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="FormatException">A property is missing or has the wrong type or value.</exception>
    public static AlertEvent ReadEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json, DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"An alert event is a JSON object, not {Describe(root.ValueKind)}.");
        string typeName = Text(root, "type");
        if (!TryParseType(typeName, out AlertType type)) throw new FormatException($"Alert event type '{typeName}' is unknown.");
        if (!TryParsePriority(Text(root, "priority"), out AlertPriority priority)) throw new FormatException("Alert event priority is unknown.");
        if (!Interval.TryParse(Text(root, "interval"), out Interval interval)) throw new FormatException("Alert event interval is not an interval.");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("values", out JsonElement valuesElement) && valuesElement.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty value in valuesElement.EnumerateObject()) values[value.Name] = NumberOrNaN(value.Value, value.Name);
        }

        return new AlertEvent
        {
            Id = Text(root, "id"),
            RuleId = Text(root, "rule_id"),
            RuleName = Text(root, "rule_name"),
            Type = type,
            Symbol = root.TryGetProperty("symbol", out JsonElement symbol) && symbol.ValueKind == JsonValueKind.String ? ParseSymbol(symbol.GetString()!) : null,
            Pair = root.TryGetProperty("pair", out JsonElement pair) && pair.ValueKind == JsonValueKind.Object
                ? new AlertPair(ParseSymbol(Text(pair, "a")), ParseSymbol(Text(pair, "b")))
                : null,
            Interval = interval,
            Priority = priority,
            TimeMs = root.TryGetProperty("time", out JsonElement time) && time.TryGetInt64(out long ms) ? ms : throw new FormatException("Alert event time is missing."),
            Value = PropertyNumberOrNaN(root, "value"),
            Threshold = PropertyNumberOrNaN(root, "threshold"),
            Message = Text(root, "message"),
            Values = values,
        };
    }

    private static AlertRule ReadRuleProperty(AlertRule rule, JsonProperty property, List<string> problems)
    {
        JsonElement value = property.Value;
        bool isNull = value.ValueKind == JsonValueKind.Null;
        switch (property.Name)
        {
            case "id": return String(value, "id", problems) is { } id ? rule with { Id = id } : rule;
            case "name": return String(value, "name", problems) is { } name ? rule with { Name = name } : rule;
            case "type":
                if (String(value, "type", problems) is not { } typeText) return rule;
                if (TryParseType(typeText, out AlertType type)) return rule with { Type = type };
                problems.Add($"type '{typeText}' is unknown: use one of {TypeNames}.");
                return rule;
            case "symbol":
                if (isNull) return rule with { Symbol = null };
                if (String(value, "symbol", problems) is not { } symbolText) return rule;
                if (Symbol.TryParse(symbolText.AsSpan(), out Symbol symbol)) return rule with { Symbol = symbol };
                problems.Add($"symbol '{symbolText}' is not a symbol: 1 to {Symbol.MaxLength} of A-Z, 0-9 and '_', such as BTCUSDT.");
                return rule;
            case "pair": return isNull ? rule with { Pair = null } : ReadPair(rule, value, problems);
            case "interval":
                if (String(value, "interval", problems) is not { } intervalText) return rule;
                if (Interval.TryParse(intervalText, out Interval interval)) return rule with { Interval = interval };
                problems.Add($"interval '{intervalText}' is not an interval: use 1s, 1m, 5m, 15m, 1h, 4h, 1d (any <n>s|m|h dividing a day).");
                return rule;
            case "threshold": return Number(value, "threshold", problems) is { } threshold ? rule with { Threshold = threshold } : rule;
            case "threshold2": return isNull ? rule with { Threshold2 = null } : Number(value, "threshold2", problems) is { } t2 ? rule with { Threshold2 = t2 } : rule;
            case "priority":
                if (String(value, "priority", problems) is not { } priorityText) return rule;
                if (TryParsePriority(priorityText, out AlertPriority priority)) return rule with { Priority = priority };
                problems.Add($"priority '{priorityText}' is unknown: use low, medium or high.");
                return rule;
            case "cooldown_s": return Number(value, "cooldown_s", problems) is { } cooldown ? rule with { CooldownS = cooldown } : rule;
            case "hysteresis": return Number(value, "hysteresis", problems) is { } hysteresis ? rule with { Hysteresis = hysteresis } : rule;
            case "enabled":
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return rule with { Enabled = value.GetBoolean() };
                problems.Add($"enabled must be true or false, not {Describe(value.ValueKind)}.");
                return rule;
            case "created_ms": return Integer(value, "created_ms", problems) is { } created ? rule with { CreatedMs = created } : rule;
            case "window": return isNull ? rule with { Window = null } : Integer(value, "window", problems) is { } w ? rule with { Window = Clamp(w) } : rule;
            case "short_window": return isNull ? rule with { ShortWindow = null } : Integer(value, "short_window", problems) is { } sw ? rule with { ShortWindow = Clamp(sw) } : rule;
            case "webhook": return isNull ? rule with { Webhook = null } : String(value, "webhook", problems) is { } url ? rule with { Webhook = url } : rule;
            default:
                problems.Add($"property '{Shorten(property.Name)}' is unknown.");
                return rule;
        }
    }

    private static AlertRule ReadPair(AlertRule rule, JsonElement value, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"pair must be an object {{\"a\":\"BTCUSDT\",\"b\":\"ETHUSDT\"}}, not {Describe(value.ValueKind)}.");
            return rule;
        }

        Symbol a = default, b = default;
        foreach (JsonProperty leg in value.EnumerateObject())
        {
            if (leg.Name is not ("a" or "b"))
            {
                problems.Add($"pair property '{Shorten(leg.Name)}' is unknown: give a and b.");
                continue;
            }
            if (String(leg.Value, "pair." + leg.Name, problems) is not { } text) continue;
            if (!Symbol.TryParse(text.AsSpan(), out Symbol symbol))
            {
                problems.Add($"pair.{leg.Name} '{text}' is not a symbol.");
                continue;
            }
            if (leg.Name == "a") a = symbol;
            else b = symbol;
        }

        if (a.IsEmpty || b.IsEmpty) problems.Add("pair needs both a and b.");
        return rule with { Pair = new AlertPair(a, b) };
    }

    private static string? String(JsonElement value, string name, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"{name} must be a string, not {Describe(value.ValueKind)}.");
        return null;
    }

    private static double? Number(JsonElement value, string name, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)) return number;
        problems.Add(value.ValueKind == JsonValueKind.Number ? $"{name} is out of range." : $"{name} must be a number, not {Describe(value.ValueKind)}.");
        return null;
    }

    private static long? Integer(JsonElement value, string name, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)) return number;
        problems.Add(value.ValueKind == JsonValueKind.Number ? $"{name} must be a whole number in range." : $"{name} must be a whole number, not {Describe(value.ValueKind)}.");
        return null;
    }

    // Out-of-range windows stay out of range (validation reports them) without overflowing int.
    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"Property '{name}' is missing or not a string.");

    private static double PropertyNumberOrNaN(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? NumberOrNaN(value, name) : throw new FormatException($"Property '{name}' is missing.");

    private static double NumberOrNaN(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Null => double.NaN,
        _ => throw new FormatException($"Property '{name}' must be a number or null."),
    };

    private static Symbol ParseSymbol(string text) =>
        Symbol.TryParse(text.AsSpan(), out Symbol symbol) ? symbol : throw new FormatException($"'{text}' is not a symbol.");
}
