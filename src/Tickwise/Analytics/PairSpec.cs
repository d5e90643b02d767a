using Tickwise.Core.Market;

namespace Tickwise.Analytics;

/// <summary>A configured pair: leg A hedged by leg B.</summary>
internal readonly record struct PairSpec(Symbol A, Symbol B)
{
    /// <summary>Parses <c>BTCUSDT:ETHUSDT,SOLUSDT:BNBUSDT</c> (also <c>/</c> between legs).</summary>
    /// <exception cref="FormatException">A pair is malformed, names a symbol twice, or repeats.</exception>
    public static IReadOnlyList<PairSpec> ParseList(string text)
    {
        var pairs = new List<PairSpec>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] legs = part.Split(':', '/');
            if (legs.Length != 2 || !Symbol.TryParse(legs[0].Trim().ToUpperInvariant(), out Symbol a) || !Symbol.TryParse(legs[1].Trim().ToUpperInvariant(), out Symbol b))
                throw new FormatException($"'{part}' is not a pair: write A:B, such as BTCUSDT:ETHUSDT.");
            if (a == b) throw new FormatException($"'{part}' names {a} twice: a pair needs two symbols.");
            var pair = new PairSpec(a, b);
            if (pairs.Contains(pair)) throw new FormatException($"'{part}' is given twice.");
            pairs.Add(pair);
        }
        return pairs;
    }

    /// <summary>Resolves the <c>--pairs</c> value: "none" or "-" for none, empty for the first two symbols, else the list.</summary>
    /// <exception cref="FormatException">The list is malformed.</exception>
    public static IReadOnlyList<PairSpec> Resolve(string text, IReadOnlyList<Symbol> symbols)
    {
        string trimmed = text.Trim();
        if (trimmed is "none" or "-") return [];
        if (trimmed.Length == 0) return symbols.Count >= 2 ? [new PairSpec(symbols[0], symbols[1])] : [];
        return ParseList(trimmed);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{A}:{B}";
}
