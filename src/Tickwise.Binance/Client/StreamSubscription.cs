using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>The symbols and stream kinds one connection subscribes to, and their Binance stream names.</summary>
/// <remarks>Binance names streams in lower case (<c>btcusdt@aggTrade</c>) and allows at most
/// <see cref="MaxStreamsPerConnection"/> of them on one connection.</remarks>
public sealed class StreamSubscription
{
    /// <summary>The most streams Binance serves on one connection.</summary>
    public const int MaxStreamsPerConnection = 1024;

    /// <summary>Creates a subscription to every kind in <paramref name="kinds"/> for every symbol in <paramref name="symbols"/>.</summary>
    /// <exception cref="ArgumentException">No symbol, no kind, a repeated symbol or kind, an empty symbol, both trade
    /// kinds, or more than
    /// <see cref="MaxStreamsPerConnection"/> streams.</exception>
    public StreamSubscription(IReadOnlyList<Symbol> symbols, IReadOnlyList<StreamKind> kinds)
    {
        if (symbols.Count == 0) throw new ArgumentException("At least one symbol is needed.", nameof(symbols));
        if (kinds.Count == 0) throw new ArgumentException("At least one stream kind is needed.", nameof(kinds));
        if ((long)symbols.Count * kinds.Count > MaxStreamsPerConnection)
            throw new ArgumentException($"{symbols.Count} symbols x {kinds.Count} kinds: Binance allows at most {MaxStreamsPerConnection} streams per connection.", nameof(symbols));
        var seenSymbols = new HashSet<Symbol>();
        foreach (Symbol symbol in symbols)
        {
            if (symbol.IsEmpty) throw new ArgumentException("A symbol is empty.", nameof(symbols));
            if (!seenSymbols.Add(symbol)) throw new ArgumentException($"{symbol} is given twice.", nameof(symbols));
        }
        var seenKinds = new HashSet<StreamKind>();
        foreach (StreamKind kind in kinds)
        {
            if (!Enum.IsDefined(kind)) throw new ArgumentException($"{kind} is not a stream kind.", nameof(kinds));
            if (!seenKinds.Add(kind)) throw new ArgumentException($"{kind} is given twice.", nameof(kinds));
        }
        // Binance numbers raw and aggregated trades separately; one symbol's store holds one sequence, never both.
        if (seenKinds.Contains(StreamKind.Trade) && seenKinds.Contains(StreamKind.AggTrade))
            throw new ArgumentException("Subscribe to trade or aggTrade, not both: their ids are separate sequences of the same market activity.", nameof(kinds));
        Symbols = [.. symbols];
        Kinds = [.. kinds];
        var names = new List<string>(symbols.Count * kinds.Count);
        foreach (Symbol symbol in symbols)
            foreach (StreamKind kind in kinds) names.Add(NameOf(symbol, kind));
        StreamNames = names;
    }

    /// <summary>The symbols, in the order given.</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The stream kinds, in the order given.</summary>
    public IReadOnlyList<StreamKind> Kinds { get; }

    /// <summary>The Binance stream names, symbol by symbol.</summary>
    public IReadOnlyList<string> StreamNames { get; }

    /// <summary>True when aggregated trades are subscribed, so their gaps can be repaired.</summary>
    public bool HasAggTrades { get { foreach (StreamKind kind in Kinds) if (kind == StreamKind.AggTrade) return true; return false; } }

    /// <summary>Splits a subscription too large for one connection into as few as fit, keeping each symbol's streams
    /// on one connection (so its trades stay in order) and the symbols in the order given.</summary>
    /// <exception cref="ArgumentException">As the constructor, except for the stream count.</exception>
    public static IReadOnlyList<StreamSubscription> Split(IReadOnlyList<Symbol> symbols, IReadOnlyList<StreamKind> kinds)
    {
        if (kinds.Count == 0) throw new ArgumentException("At least one stream kind is needed.", nameof(kinds));
        if (symbols.Count == 0) throw new ArgumentException("At least one symbol is needed.", nameof(symbols));
        var seen = new HashSet<Symbol>();
        foreach (Symbol symbol in symbols)
            if (!seen.Add(symbol)) throw new ArgumentException($"{symbol} is given twice.", nameof(symbols));
        int perConnection = Math.Max(1, MaxStreamsPerConnection / kinds.Count);
        var subscriptions = new List<StreamSubscription>();
        for (int start = 0; start < symbols.Count; start += perConnection)
        {
            var group = new List<Symbol>(Math.Min(perConnection, symbols.Count - start));
            for (int i = start; i < symbols.Count && i < start + perConnection; i++) group.Add(symbols[i]);
            subscriptions.Add(new StreamSubscription(group, kinds));
        }
        return subscriptions;
    }

    /// <summary>Returns the Binance stream name of <paramref name="kind"/> for <paramref name="symbol"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string NameOf(Symbol symbol, StreamKind kind)
    {
        string lower = symbol.Value.ToLowerInvariant();
        return kind switch
        {
            StreamKind.AggTrade => lower + "@aggTrade",
            StreamKind.Trade => lower + "@trade",
            StreamKind.BookTicker => lower + "@bookTicker",
            StreamKind.Depth => lower + "@depth@100ms",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a stream kind."),
        };
    }

    /// <summary>Parses a stream kind as written on the command line: <c>aggTrade</c>, <c>trade</c>, <c>bookTicker</c>,
    /// <c>depth</c> or <c>depth@100ms</c> (any case). Never throws.</summary>
    public static bool TryParseKind(string text, out StreamKind kind)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "aggtrade": kind = StreamKind.AggTrade; return true;
            case "trade": kind = StreamKind.Trade; return true;
            case "bookticker": kind = StreamKind.BookTicker; return true;
            case "depth" or "depth@100ms": kind = StreamKind.Depth; return true;
            default: kind = default; return false;
        }
    }
}
