using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Web.Api;

/// <summary>Parses query-string values; every failure is an <see cref="ApiException"/> (400, or 404 for a symbol the store lacks).</summary>
/// <remarks>Handlers bind query values as strings so that a malformed number reaches these parsers (and a ProblemDetails
/// naming the parameter) instead of the framework's bare 400.</remarks>
internal static class QueryValues
{
    /// <summary>The most rows a list endpoint returns in one response.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>Parses a symbol and checks that the store has data for it.</summary>
    public static Symbol KnownSymbol(ITickStore store, string? text, string name = "symbol")
    {
        Symbol symbol = Symbol(text, name);
        IReadOnlyList<Symbol> known = store.ListSymbols();
        for (int i = 0; i < known.Count; i++)
        {
            if (known[i] == symbol) return symbol;
        }
        throw ApiException.NotFound($"{name}={symbol}: the store has no data for it; it holds {(known.Count == 0 ? "nothing yet" : string.Join(", ", known))}.");
    }

    /// <summary>Parses a symbol (letters and digits, as BTCUSDT); any case is accepted.</summary>
    public static Symbol Symbol(string? text, string name = "symbol")
    {
        if (string.IsNullOrWhiteSpace(text)) throw ApiException.BadRequest($"{name} is required (such as BTCUSDT).");
        if (text.Length > Core.Market.Symbol.MaxLength || !Core.Market.Symbol.TryParse(text.Trim().ToUpperInvariant(), out Symbol symbol))
            throw ApiException.BadRequest($"{name}={Shorten(text)}: not a symbol (letters and digits, such as BTCUSDT).");
        return symbol;
    }

    /// <summary>Parses a comma-separated list of symbols, or returns null when the value is absent.</summary>
    public static IReadOnlyList<Symbol>? SymbolList(string? text, string name, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > max) throw ApiException.BadRequest($"{name}: at most {max} symbols.");
        var list = new List<Symbol>(parts.Length);
        foreach (string part in parts)
        {
            Symbol symbol = Symbol(part, name);
            if (list.Contains(symbol)) throw ApiException.BadRequest($"{name}: {symbol} is listed twice.");
            list.Add(symbol);
        }
        return list;
    }

    /// <summary>Parses an interval (1s, 1m, 5m, 1h, 1d ...), or returns <paramref name="fallback"/> when absent.</summary>
    public static Interval Interval(string? text, Interval fallback, string name = "interval")
    {
        if (text is null) return fallback;
        if (!Core.Market.Interval.TryParse(text.AsSpan().Trim(), out Interval interval))
            throw ApiException.BadRequest($"{name}={Shorten(text)}: not an interval; use 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h or 1d.");
        return interval;
    }

    /// <summary>Parses a comma-separated interval list.</summary>
    public static IReadOnlyList<Interval> IntervalList(string? text, IReadOnlyList<Interval> fallback, string name = "intervals")
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 16) throw ApiException.BadRequest($"{name}: at most 16 intervals.");
        var list = new List<Interval>(parts.Length);
        foreach (string part in parts) list.Add(Interval(part, default, name));
        return list;
    }

    /// <summary>Parses a time as Unix milliseconds or ISO-8601 (UTC unless it has an offset), or returns null when absent.</summary>
    public static long? Time(string? text, string name)
    {
        if (text is null) return null;
        string trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms))
        {
            if (ms < 0 || ms >= Timestamps.MaxPlausibleMs) throw ApiException.BadRequest($"{name}={Shorten(text)}: a Unix time in milliseconds between 0 and year 2100.");
            return ms;
        }
        // Only ISO-8601 dates (2024-08-08, 2024-08-08T00:00:00Z): the general parser would read "1.5" as a date.
        if (trimmed.Length is >= 10 and <= 40 && IsIsoDate(trimmed) && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
        {
            long parsed = time.ToUnixTimeMilliseconds();
            if (parsed < 0 || parsed >= Timestamps.MaxPlausibleMs) throw ApiException.BadRequest($"{name}={Shorten(text)}: a time between 1970 and 2100.");
            return parsed;
        }
        throw ApiException.BadRequest($"{name}={Shorten(text)}: give Unix milliseconds or an ISO-8601 time such as 2024-08-08T00:00:00Z.");
    }

    private static bool IsIsoDate(string text) =>
        char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]) && text[4] == '-'
        && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6]) && text[7] == '-' && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9]);

    /// <summary>Parses the optional from/to pair; from must come before to.</summary>
    public static (long? From, long? To) Range(string? from, string? to)
    {
        long? fromMs = Time(from, "from"), toMs = Time(to, "to");
        if (fromMs is { } f && toMs is { } t && f >= t) throw ApiException.BadRequest($"from={from} is not before to={to}.");
        return (fromMs, toMs);
    }

    /// <summary>Parses a whole number in [<paramref name="min"/>, <paramref name="max"/>], or returns <paramref name="fallback"/> when absent.</summary>
    public static int Int(string? text, string name, int fallback, int min, int max)
    {
        if (text is null) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw ApiException.BadRequest($"{name}={Shorten(text)}: not a whole number.");
        if (value < min || value > max) throw ApiException.BadRequest($"{name}={value}: must lie between {min} and {max}.");
        return value;
    }

    /// <summary>Parses a comma-separated list of periods (such as sma=5,20), each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static IReadOnlyList<int> IntList(string? text, string name, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 8) throw ApiException.BadRequest($"{name}: at most 8 periods.");
        var list = new List<int>(parts.Length);
        foreach (string part in parts)
        {
            int value = Int(part, name, 0, min, max);
            if (!list.Contains(value)) list.Add(value);
        }
        return list;
    }

    /// <summary>Quotes a user's value in a message, cut to a readable length.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
