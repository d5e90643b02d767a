using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>A parsed live feed channel name, in its canonical spelling (symbols upper case, intervals as 1m, 1h).</summary>
/// <param name="Name">The canonical name, as replies and messages carry it.</param>
/// <param name="Kind">What it carries.</param>
/// <param name="Symbol">The symbol (leg A of a pair), or empty.</param>
/// <param name="SymbolB">Leg B of a pair, or empty.</param>
/// <param name="Interval">The bar interval of bars and pair channels, or default.</param>
internal readonly record struct FeedChannel(string Name, FeedChannelKind Kind, Symbol Symbol, Symbol SymbolB, Interval Interval)
{
    /// <summary>The channels other components publish to through <see cref="LiveFeedHub.Publish"/>.</summary>
    public static IReadOnlyList<string> PublishedChannels { get; } = ["alerts", "signals", "orders"];

    /// <summary>Parses a channel name; on failure returns false and says why in <paramref name="error"/>. Never throws.</summary>
    public static bool TryParse(string? text, out FeedChannel channel, out string error)
    {
        channel = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
        {
            error = "A channel is a non-empty name of at most 100 characters.";
            return false;
        }
        string[] parts = text.Split(':');
        string head = parts[0].ToLowerInvariant();
        switch (head)
        {
            case "alerts" or "signals" or "orders" when parts.Length == 1:
                channel = new FeedChannel(head, FeedChannelKind.Published, default, default, default);
                return true;
            case "health" when parts.Length == 1:
                channel = new FeedChannel(head, FeedChannelKind.Health, default, default, default);
                return true;
            case "trades" or "quotes" when parts.Length == 2:
                if (!TrySymbol(parts[1], out Symbol symbol, out error)) return false;
                channel = new FeedChannel($"{head}:{symbol}", head == "trades" ? FeedChannelKind.Trades : FeedChannelKind.Quotes, symbol, default, default);
                return true;
            case "bars" when parts.Length == 3:
                if (!TrySymbol(parts[1], out Symbol barSymbol, out error) || !TryInterval(parts[2], out Interval interval, out error)) return false;
                channel = new FeedChannel($"bars:{barSymbol}:{interval}", FeedChannelKind.Bars, barSymbol, default, interval);
                return true;
            case "pair" when parts.Length == 4:
                if (!TrySymbol(parts[1], out Symbol a, out error) || !TrySymbol(parts[2], out Symbol b, out error) || !TryInterval(parts[3], out Interval pairInterval, out error)) return false;
                if (a == b)
                {
                    error = $"A pair needs two symbols, not {a} twice.";
                    return false;
                }
                channel = new FeedChannel($"pair:{a}:{b}:{pairInterval}", FeedChannelKind.Pair, a, b, pairInterval);
                return true;
            default:
                error = "Unknown channel: use bars:SYMBOL:INTERVAL, trades:SYMBOL, quotes:SYMBOL, pair:A:B:INTERVAL, alerts, signals, orders or health.";
                return false;
        }
    }

    private static bool TrySymbol(string text, out Symbol symbol, out string error)
    {
        error = "";
        if (text.Length <= Symbol.MaxLength && Symbol.TryParse(text.ToUpperInvariant(), out symbol)) return true;
        symbol = default;
        error = $"'{text}' is not a symbol (letters and digits, such as BTCUSDT).";
        return false;
    }

    private static bool TryInterval(string text, out Interval interval, out string error)
    {
        error = "";
        if (Interval.TryParse(text, out interval)) return true;
        error = $"'{text}' is not an interval (1s, 1m, 5m, 1h, 1d, ...).";
        return false;
    }
}
