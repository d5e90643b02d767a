using System.Globalization;
using Tickwise.Core.Market;

namespace Tickwise.Cli;

/// <summary>Parses the values users type on the command line; every failure is a <see cref="CliException"/> with a plain message.</summary>
internal static class CliValues
{
    /// <summary>Parses a time as Unix milliseconds (all digits) or ISO-8601 (UTC unless an offset is given).</summary>
    public static long ParseTimeMs(string text, string optionName)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
        {
            if (!Timestamps.TryNormalizeToMs(ms, out long normalized))
                throw new CliException($"{optionName} {text}: not a Unix time in milliseconds (2000 to 2100).");
            return normalized;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
            return time.ToUnixTimeMilliseconds();
        throw new CliException($"{optionName} {text}: give Unix milliseconds or an ISO-8601 time such as 2024-08-08T23:55:00Z.");
    }

    /// <summary>Parses the optional <c>--from</c>/<c>--to</c> pair into a half-open range.</summary>
    public static TimeRange ParseRange(string? from, string? to)
    {
        long fromMs = from is null ? long.MinValue : ParseTimeMs(from, "--from");
        long toMs = to is null ? long.MaxValue : ParseTimeMs(to, "--to");
        if (fromMs > toMs) throw new CliException($"--from {from} is after --to {to}.");
        return new TimeRange(fromMs, toMs);
    }

    /// <summary>Parses one symbol.</summary>
    public static Symbol ParseSymbol(string text) =>
        Symbol.TryParse(text.AsSpan().Trim(), out Symbol symbol)
            ? symbol
            : throw new CliException($"'{text}' is not a symbol: 1 to {Symbol.MaxLength} of A-Z, 0-9 and '_', such as BTCUSDT.");

    /// <summary>Parses a comma-separated symbol list, keeping order and dropping repeats.</summary>
    public static IReadOnlyList<Symbol> ParseSymbols(string text)
    {
        var symbols = new List<Symbol>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Symbol symbol = ParseSymbol(part);
            if (!symbols.Contains(symbol)) symbols.Add(symbol);
        }
        if (symbols.Count == 0) throw new CliException("Give at least one symbol, such as BTCUSDT,ETHUSDT.");
        return symbols;
    }

    /// <summary>Parses one interval.</summary>
    public static Interval ParseInterval(string text) =>
        Interval.TryParse(text.Trim(), out Interval interval)
            ? interval
            : throw new CliException($"'{text}' is not an interval: use 1s 5s 10s 15s 30s 1m 3m 5m 15m 30m 1h 4h 1d (any <n>s|m|h dividing a day).");

    /// <summary>Parses a comma-separated interval list into ascending order without repeats.</summary>
    public static IReadOnlyList<Interval> ParseIntervals(string text)
    {
        var intervals = new SortedSet<Interval>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            intervals.Add(ParseInterval(part));
        if (intervals.Count == 0) throw new CliException("Give at least one interval, such as 1m,5m,1h.");
        return [.. intervals];
    }

    /// <summary>Returns a store spec fit to print: the password of a <c>scheme://user:password@host</c> URL replaced by <c>***</c>.</summary>
    public static string Redact(string store) =>
        System.Text.RegularExpressions.Regex.Replace(store, "^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@]*@", "$1:***@");

    /// <summary>Parses one of an enum's names, ignoring case, with a one-line error listing them (the parser's own error spans lines).</summary>
    public static T ParseChoice<T>(string text, string optionName) where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out T value) && Enum.IsDefined(value) && !text.Trim().All(char.IsDigit)
            ? value
            : throw new CliException($"{optionName} {text}: choose one of {string.Join(", ", Enum.GetNames<T>())}.");

    /// <summary>Parses a duration such as <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c> or <c>01:30:00</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length >= 2 && long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out long count) && count > 0 && count < 100_000_000)
        {
            switch (trimmed[^1])
            {
                case 's': return TimeSpan.FromSeconds(count);
                case 'm': return TimeSpan.FromMinutes(count);
                case 'h': return TimeSpan.FromHours(count);
                case 'd': return TimeSpan.FromDays(count);
            }
        }
        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out TimeSpan span) && span > TimeSpan.Zero) return span;
        throw new CliException($"'{text}' is not a duration: use 90s, 15m, 2h, 1d or hh:mm:ss.");
    }
}

/// <summary>A user mistake on the command line or in its inputs: printed as one line, exit code 1, no stack trace.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
