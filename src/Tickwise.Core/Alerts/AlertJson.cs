using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Core.Alerts;

/// <summary>Writes and reads <see cref="AlertRule"/>s and <see cref="AlertEvent"/>s as the JSON of the API contract (snake_case names).</summary>
/// <remarks>
/// <para>Times are Unix ms integers; numbers are written shortest round-trip; NaN and infinities are written as null.
/// Enums are written by their snake_case names (<c>price_above</c>, <c>high</c>).</para>
/// <para>Reading a rule is strict, because rules come from people: an unknown or repeated property, a wrong JSON type,
/// an unknown type name, a symbol or interval that does not parse are all reported, together, in one
/// <see cref="AlertRuleException"/>. It does not check the rule's meaning (call <see cref="AlertRule.Validate"/>), so an
/// API can read a rule without id and assign one first.</para>
/// </remarks>
public static partial class AlertJson
{
    /// <summary>The largest rule document read, in bytes (64 KiB); larger input is refused before parsing.</summary>
    public const int MaxRuleBytes = 64 * 1024;

    private static readonly string[] TypeNamesByValue =
    [
        "", "price_above", "price_below", "zscore_above", "zscore_below", "zscore_cross", "correlation_below",
        "volume_spike", "volatility_change", "crossover", "book_pressure",
    ];

    private static readonly string[] PriorityNamesByValue = ["low", "medium", "high"];

    /// <summary>Gets every type name, comma-separated, for messages.</summary>
    public static string TypeNames { get; } = string.Join(", ", TypeNamesByValue[1..]);

    /// <summary>Returns the JSON name of <paramref name="type"/>, as in <c>price_above</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not defined.</exception>
    public static string TypeName(AlertType type) =>
        Enum.IsDefined(type) ? TypeNamesByValue[(int)type] : throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown alert type.");

    /// <summary>Parses a type name (case-insensitive, '-' taken as '_'). Never throws.</summary>
    public static bool TryParseType(string? text, out AlertType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string name = text.Trim().Replace('-', '_');
        for (int i = 1; i < TypeNamesByValue.Length; i++)
        {
            if (!string.Equals(TypeNamesByValue[i], name, StringComparison.OrdinalIgnoreCase)) continue;
            type = (AlertType)i;
            return true;
        }
        return false;
    }

    /// <summary>Returns the JSON name of <paramref name="priority"/>: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is not defined.</exception>
    public static string PriorityName(AlertPriority priority) =>
        Enum.IsDefined(priority) ? PriorityNamesByValue[(int)priority] : throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority.");

    /// <summary>Parses <c>low</c>, <c>medium</c> or <c>high</c> (case-insensitive). Never throws.</summary>
    public static bool TryParsePriority(string? text, out AlertPriority priority)
    {
        priority = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        for (int i = 0; i < PriorityNamesByValue.Length; i++)
        {
            if (!string.Equals(PriorityNamesByValue[i], text.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            priority = (AlertPriority)i;
            return true;
        }
        return false;
    }

    /// <summary>Returns the shortest round-trip text of <paramref name="value"/>, culture-free (<c>NaN</c> for NaN).</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Returns the rule as one line of JSON.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="status">Where its evaluation stands in a running engine (<c>state</c>, <c>last_value</c>,
    /// <c>last_fire_ms</c> after the rule's fields), or null for the rule alone.</param>
    public static string WriteRule(AlertRule rule, AlertRuleStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) WriteRule(writer, rule, status);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the rule as a JSON object, with its evaluation's <paramref name="status"/> when given.</summary>
    public static void WriteRule(Utf8JsonWriter writer, AlertRule rule, AlertRuleStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rule);
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        writer.WriteString("name", rule.Name);
        writer.WriteString("type", TypeName(rule.Type));
        WriteSubject(writer, rule.Symbol, rule.Pair);
        writer.WriteString("interval", rule.Interval.Milliseconds > 0 ? rule.Interval.ToString() : "");
        WriteNumber(writer, "threshold", rule.Threshold);
        if (rule.Threshold2 is { } t2) WriteNumber(writer, "threshold2", t2);
        writer.WriteString("priority", PriorityName(rule.Priority));
        WriteNumber(writer, "cooldown_s", rule.CooldownS);
        WriteNumber(writer, "hysteresis", rule.Hysteresis);
        writer.WriteBoolean("enabled", rule.Enabled);
        writer.WriteNumber("created_ms", rule.CreatedMs);
        if (rule.Window is { } window) writer.WriteNumber("window", window);
        if (rule.ShortWindow is { } shortWindow) writer.WriteNumber("short_window", shortWindow);
        if (rule.Webhook is { } webhook) writer.WriteString("webhook", webhook);
        if (status is not null)
        {
            writer.WriteString("state", status.State);
            WriteNumber(writer, "last_value", status.LastValue);
            if (status.LastFireMs is { } fired) writer.WriteNumber("last_fire_ms", fired);
            else writer.WriteNull("last_fire_ms");
        }
        writer.WriteEndObject();
    }

    /// <summary>Returns the event as one line of JSON.</summary>
    public static string WriteEvent(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) WriteEvent(writer, alert);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the event as a JSON object.</summary>
    public static void WriteEvent(Utf8JsonWriter writer, AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(alert);
        writer.WriteStartObject();
        writer.WriteString("id", alert.Id);
        writer.WriteString("rule_id", alert.RuleId);
        writer.WriteString("rule_name", alert.RuleName);
        writer.WriteString("type", TypeName(alert.Type));
        WriteSubject(writer, alert.Symbol, alert.Pair);
        writer.WriteString("interval", alert.Interval.ToString());
        writer.WriteString("priority", PriorityName(alert.Priority));
        writer.WriteNumber("time", alert.TimeMs);
        WriteNumber(writer, "value", alert.Value);
        WriteNumber(writer, "threshold", alert.Threshold);
        writer.WriteString("message", alert.Message);
        writer.WriteStartObject("values");
        foreach (KeyValuePair<string, double> pair in alert.Values) WriteNumber(writer, pair.Key, pair.Value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSubject(Utf8JsonWriter writer, Symbol? symbol, AlertPair? pair)
    {
        if (symbol is { IsEmpty: false } s) writer.WriteString("symbol", s.Value);
        if (pair is { } p)
        {
            writer.WriteStartObject("pair");
            writer.WriteString("a", p.A.Value);
            writer.WriteString("b", p.B.Value);
            writer.WriteEndObject();
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }
}
