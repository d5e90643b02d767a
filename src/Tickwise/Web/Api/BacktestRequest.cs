using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tickwise.Core.Market;

namespace Tickwise.Web.Api;

/// <summary>The body of POST <c>/api/backtests</c>: {strategy, symbols: ["A"] or "A,B", interval, from, to,
/// params: {name: value}, fees_bps, slippage_bps, equity}; 400 for malformed JSON, 422 for bad values.</summary>
internal sealed record BacktestRequest(string Strategy, IReadOnlyList<Symbol> Symbols, Interval Interval, TimeRange Range,
    IReadOnlyList<string> Parameters, decimal FeesBps, decimal SlippageBps, decimal Equity)
{
    /// <summary>Parses and checks the body.</summary>
    /// <exception cref="ApiException">400 or 422.</exception>
    public static BacktestRequest Parse(byte[] body)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { throw ApiException.BadRequest($"The body is not JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("The body must be a JSON object {strategy, symbols, interval, ...}.");
        string strategy = String(root, "strategy") ?? throw Invalid("strategy is required (crossover or meanrev).");
        var symbols = new List<Symbol>();
        if (!root.TryGetProperty("symbols", out JsonElement list)) throw Invalid("symbols is required.");
        IEnumerable<string> names = list.ValueKind switch
        {
            JsonValueKind.String => list.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonValueKind.Array => list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Invalid("symbols must be strings.")),
            _ => throw Invalid("symbols must be a list of symbols or \"A,B\"."),
        };
        foreach (string name in names)
            symbols.Add(Symbol.TryParse(name.Trim().ToUpperInvariant(), out Symbol s) ? s : throw Invalid($"'{QueryValues.Shorten(name)}' is not a symbol."));
        Interval interval = QueryValues.Interval(String(root, "interval"), Interval.OneMinute);
        (long? from, long? to) = QueryValues.Range(TimeText(root, "from"), TimeText(root, "to"));
        var parameters = new List<string>();
        if (root.TryGetProperty("params", out JsonElement p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Object) throw Invalid("params must be an object {name: value}.");
            foreach (JsonProperty property in p.EnumerateObject())
                parameters.Add($"{property.Name}={(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText())}");
        }
        return new BacktestRequest(strategy.Trim().ToLowerInvariant(), symbols, interval, new TimeRange(from ?? long.MinValue, to ?? long.MaxValue), parameters,
            Decimal(root, "fees_bps", 10m), Decimal(root, "slippage_bps", 0m), Decimal(root, "equity", 10_000m));
    }

    private static string? String(JsonElement root, string name) =>
        !root.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid($"{name} must be a string.");

    private static string? TimeText(JsonElement root, string name) =>
        !root.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
        : throw Invalid($"{name} must be Unix ms or an ISO-8601 time.");

    private static decimal Decimal(JsonElement root, string name, decimal fallback) =>
        !root.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? fallback
        : v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out decimal d) ? d
        : throw Invalid($"{name} must be a number.");

    private static ApiException Invalid(string detail) => new(StatusCodes.Status422UnprocessableEntity, "Invalid backtest", detail);
}
