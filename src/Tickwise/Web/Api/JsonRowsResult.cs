using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tickwise.Web.Api;

/// <summary>A table of stored JSON documents (alert rules and events, signals, orders, positions, backtests): the
/// documents as a JSON array, or, when CSV is asked for, one row per document with the named columns.</summary>
/// <remarks>CSV cells: strings as they are, numbers and booleans as their JSON text, arrays joined by spaces, a pair
/// object {a, b} as <c>A:B</c>, null or absent as empty.</remarks>
internal static class JsonRowsResult
{
    /// <summary>Returns the result for <paramref name="request"/>'s format.</summary>
    public static IResult For(HttpRequest request, string fileName, IReadOnlyList<string> columns, IReadOnlyList<string> rows)
    {
        if (ResponseFormat.WantsCsv(request))
        {
            return new TableResult(true, fileName, columns, writer =>
            {
                foreach (string json in rows)
                {
                    using JsonDocument doc = JsonDocument.Parse(json);
                    writer.BeginRow();
                    foreach (string column in columns) writer.WriteText(Cell(doc.RootElement, column) ?? "");
                }
            });
        }
        return new JsonBodyResult(writer =>
        {
            writer.WriteStartArray();
            foreach (string json in rows) writer.WriteRawValue(json, skipInputValidation: true);
            writer.WriteEndArray();
        });
    }

    /// <summary>Returns a column's cell text of one document, or null when absent or null.</summary>
    public static string? Cell(JsonElement row, string column)
    {
        if (!row.TryGetProperty(column, out JsonElement value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Array => string.Join(' ', value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            JsonValueKind.Object when value.TryGetProperty("a", out JsonElement a) && value.TryGetProperty("b", out JsonElement b) => $"{a.GetString()}:{b.GetString()}",
            _ => value.GetRawText(),
        };
    }
}
