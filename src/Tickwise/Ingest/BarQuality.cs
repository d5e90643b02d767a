using System.Buffers;
using System.Text;
using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>The data quality of one bar that is not complete: it holds trades backfilled over REST (repaired), or it
/// spans trades known to be missing (a gap). A bar without such a record is complete.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Interval">The bar's interval.</param>
/// <param name="OpenTimeMs">The bar's open time (Unix ms); it covers <c>[OpenTimeMs, OpenTimeMs + Interval)</c>.</param>
/// <param name="RepairedTrades">Trades in the bar that came from REST rather than the stream.</param>
/// <param name="MissingTrades">Trades known missing around the bar: the size of the gap (or gaps) the bar spans.</param>
/// <remarks>
/// Stored as an application record of kind <see cref="Kind"/>, key <c>SYMBOL:INTERVAL:OPEN_TIME</c>
/// (<c>BTCUSDT:1m:1723075200000</c>), time = the open time, JSON
/// <c>{"symbol","interval","open_time","quality":"repaired"|"gap","repaired_trades","missing_trades"}</c>.
/// Where the missing trades fell is unknown, so every bar a gap spans (from the last trade before it to the first
/// after it) carries the gap's whole size; do not sum <see cref="MissingTrades"/> over bars.
/// </remarks>
internal readonly record struct BarQuality(Symbol Symbol, Interval Interval, long OpenTimeMs, long RepairedTrades, long MissingTrades)
{
    /// <summary>The record kind.</summary>
    public const string Kind = "bar_quality";

    /// <summary>"gap" when trades are missing (whether or not others were repaired), else "repaired".</summary>
    public string Quality => MissingTrades > 0 ? "gap" : "repaired";

    /// <summary>The record key, <c>SYMBOL:INTERVAL:OPEN_TIME</c>.</summary>
    public string Key => KeyOf(Symbol, Interval, OpenTimeMs);

    /// <summary>Returns the record key of a bar.</summary>
    public static string KeyOf(Symbol symbol, Interval interval, long openTimeMs) => $"{symbol.Value}:{interval}:{openTimeMs}";

    /// <summary>Returns this quality as a store record.</summary>
    public StoredRecord ToRecord()
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("symbol", Symbol.Value);
            json.WriteString("interval", Interval.ToString());
            json.WriteNumber("open_time", OpenTimeMs);
            json.WriteString("quality", Quality);
            json.WriteNumber("repaired_trades", RepairedTrades);
            json.WriteNumber("missing_trades", MissingTrades);
            json.WriteEndObject();
        }
        return new StoredRecord(Kind, Key, OpenTimeMs, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Reads a stored record back; false when it is not a well-formed bar quality record. Never throws.</summary>
    public static bool TryParse(StoredRecord record, out BarQuality quality)
    {
        quality = default;
        if (record.Kind != Kind || string.IsNullOrEmpty(record.Json)) return false;
        try
        {
            using JsonDocument document = JsonDocument.Parse(record.Json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("symbol", out JsonElement symbol) || symbol.ValueKind != JsonValueKind.String || !Symbol.TryParse(symbol.GetString().AsSpan(), out Symbol parsedSymbol)
                || !root.TryGetProperty("interval", out JsonElement interval) || interval.ValueKind != JsonValueKind.String || !Interval.TryParse(interval.GetString().AsSpan(), out Interval parsedInterval)
                || !TryGetCount(root, "open_time", out long openTime)
                || !TryGetCount(root, "repaired_trades", out long repaired)
                || !TryGetCount(root, "missing_trades", out long missing))
                return false;
            quality = new BarQuality(parsedSymbol, parsedInterval, openTime, repaired, missing);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Returns the larger of each count (both describe the same bar): merging is idempotent, so a bar flagged
    /// twice (a partial write, then its close) keeps its largest known counts.</summary>
    public BarQuality Merge(BarQuality other) =>
        this with { RepairedTrades = Math.Max(RepairedTrades, other.RepairedTrades), MissingTrades = Math.Max(MissingTrades, other.MissingTrades) };

    private static bool TryGetCount(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value) && value >= 0;
    }
}
