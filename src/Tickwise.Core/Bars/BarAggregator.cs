using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>Builds OHLCV bars of every symbol it sees for several intervals at once, from a stream of trades.</summary>
/// <remarks>
/// <para>One <see cref="SymbolBarAggregator"/> per symbol, created at the symbol's first trade, does the work: its remarks
/// give the conventions (alignment, flat bars, late trades, emission order). The closed bars of all symbols land in one
/// <see cref="Completed"/> list, in the order they closed; each symbol's bars keep the per-symbol order.</para>
/// <para>Consecutive trades of one symbol skip the dictionary lookup, which is what a feed of one busy symbol or of
/// per-symbol batches mostly is. Allocates only for a new symbol and when <see cref="Completed"/> outgrows its storage.
/// Not thread-safe.</para>
/// </remarks>
public sealed class BarAggregator
{
    private readonly Interval[] _intervals;
    private readonly BarBuffer _completed = new();
    private readonly Dictionary<Symbol, SymbolBarAggregator> _bySymbol = [];
    // Kept in first-seen order so that AdvanceTo and CopyOpenBars are deterministic.
    private readonly List<SymbolBarAggregator> _symbols = [];
    private SymbolBarAggregator? _last;

    /// <summary>Creates an aggregator building bars of each of <paramref name="intervals"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="intervals"/> is empty or holds <c>default(Interval)</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="intervals"/> is null.</exception>
    public BarAggregator(IReadOnlyList<Interval> intervals)
    {
        _intervals = BarIntervals.Normalize(intervals, nameof(intervals));
        BaseInterval = BarIntervals.GreatestCommonDivisor(_intervals);
    }

    /// <summary>The configured intervals, ascending and without duplicates.</summary>
    public IReadOnlyList<Interval> Intervals => _intervals;

    /// <summary>The length of the base bar trades accumulate into (see <see cref="SymbolBarAggregator.BaseInterval"/>).</summary>
    public Interval BaseInterval { get; }

    /// <summary>Number of symbols seen since creation or the last <see cref="Reset"/>.</summary>
    public int SymbolCount => _symbols.Count;

    /// <summary>Trades of all symbols ignored because they were older than their symbol's current base bar.</summary>
    public long LateTrades
    {
        get
        {
            long sum = 0;
            foreach (SymbolBarAggregator symbol in _symbols) sum += symbol.LateTrades;
            return sum;
        }
    }

    /// <summary>Trades of all symbols applied to bars.</summary>
    public long TradesApplied
    {
        get
        {
            long sum = 0;
            foreach (SymbolBarAggregator symbol in _symbols) sum += symbol.TradesApplied;
            return sum;
        }
    }

    /// <summary>The bars of all symbols closed since the last <see cref="ClearCompleted"/>, in the order they closed.</summary>
    /// <remarks>The span is valid until the next call that changes the aggregator.</remarks>
    public ReadOnlySpan<Bar> Completed => _completed.Span;

    /// <summary>Forgets the bars in <see cref="Completed"/>, keeping the storage for the next ones.</summary>
    public void ClearCompleted() => _completed.Clear();

    /// <summary>Applies a trade to its symbol's bars, first closing every bar of that symbol that ends at or before its time.</summary>
    /// <remarks>Other symbols' bars close only on their own trades or on <see cref="AdvanceTo"/>.</remarks>
    /// <exception cref="ArgumentException">The trade has no symbol (<c>default(Trade)</c>).</exception>
    /// <exception cref="OverflowException">A bar's quote volume outgrows 128 bits (about 1.7e22 quote units).</exception>
    public void Add(in Trade trade)
    {
        SymbolBarAggregator? last = _last;
        if (last is null || !trade.Symbol.Equals(last.Symbol)) last = Switch(trade.Symbol);
        last.AddCore(in trade);
    }

    /// <summary>Closes, for every symbol, every bar that ends at or before <paramref name="timestampMs"/>, with flat bars where nothing traded.</summary>
    /// <remarks>Symbols are visited in the order they were first seen. See <see cref="SymbolBarAggregator.AdvanceTo"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestampMs"/> is not a plausible Unix time in milliseconds.</exception>
    public void AdvanceTo(long timestampMs)
    {
        if (!Timestamps.IsPlausibleMs(timestampMs))
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs, "Not a Unix time in milliseconds between 2000 and 2100.");
        foreach (SymbolBarAggregator symbol in _symbols) symbol.AdvanceTo(timestampMs);
    }

    /// <summary>Writes the in-progress bars of <paramref name="symbol"/>, one per interval ascending, and returns how many: none for a symbol not seen.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Intervals"/>.</exception>
    public int CopyOpenBars(Symbol symbol, Span<Bar> destination) =>
        _bySymbol.TryGetValue(symbol, out SymbolBarAggregator? aggregator) ? aggregator.CopyOpenBars(destination) : 0;

    /// <summary>
    /// Writes the in-progress bars of every symbol (symbols in first-seen order, intervals ascending) and returns how many:
    /// <see cref="SymbolCount"/> times the number of intervals. An import calls this at its end to keep the partial last bars.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than that.</exception>
    public int CopyOpenBars(Span<Bar> destination)
    {
        int needed = _symbols.Count * _intervals.Length;
        if (destination.Length < needed)
            throw new ArgumentException($"Room for {needed} bars is needed, got {destination.Length}.", nameof(destination));
        int written = 0;
        foreach (SymbolBarAggregator symbol in _symbols) written += symbol.CopyOpenBars(destination[written..]);
        return written;
    }

    /// <summary>Forgets every symbol and counter, as if newly created; <see cref="Completed"/> is left as it is.</summary>
    public void Reset()
    {
        _bySymbol.Clear();
        _symbols.Clear();
        _last = null;
    }

    private SymbolBarAggregator Switch(Symbol symbol)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The trade has no symbol.", "trade");
        if (!_bySymbol.TryGetValue(symbol, out SymbolBarAggregator? aggregator))
        {
            aggregator = new SymbolBarAggregator(symbol, _intervals, _completed);
            _bySymbol.Add(symbol, aggregator);
            _symbols.Add(aggregator);
        }
        _last = aggregator;
        return aggregator;
    }
}
