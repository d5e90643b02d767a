using System.Runtime.CompilerServices;
using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>Builds OHLCV bars of one symbol for several intervals at once from its trades, as they stream in.</summary>
/// <remarks>
/// <para>Each bar covers <c>[OpenTimeMs, OpenTimeMs + Interval)</c>, aligned to UTC multiples of its interval
/// (<see cref="Interval.FloorMs"/>). Its open is the first applied trade's price and its close the last one's, in arrival
/// order, which for exchange data is trade id order; volumes, quote volumes (price times quantity), trade counts and taker
/// buy volumes are exact sums, so a 1m bar equals the exchange's 1m kline built from the same trades.</para>
/// <para>An interval without trades yields a flat bar at the previous close (volumes and count zero), as Binance's klines
/// do, so the series of different symbols align. Before the symbol's first trade there is no previous close, so no bar
/// of any kind; from it on, every configured interval has a contiguous series without holes.</para>
/// <para>Late trades: there is one current base bar, whose length <see cref="BaseInterval"/> is the greatest common
/// divisor of the configured intervals. A trade whose time is before the current base bar's open is late: it changes no
/// bar, because bars already emitted are final, and is counted in <see cref="LateTrades"/>. Any other trade is applied
/// to the bars that contain its time, after closing every bar that ends at or before it.</para>
/// <para>Closed bars accumulate in <see cref="Completed"/> in emission order: grouped by close time, non-decreasing,
/// and for one close time in ascending interval order. A trade that jumps several intervals ahead first closes the
/// current bars, then emits the flat bars in between, in that same order.</para>
/// <para>Trades touch only the base bar; it is merged into the longer intervals' bars when it closes, so a trade costs
/// the same however many intervals are configured and allocates nothing. Not thread-safe.</para>
/// </remarks>
public sealed class SymbolBarAggregator
{
    private readonly Interval[] _intervals;
    private readonly long[] _lengthsMs;
    private readonly BarAccumulator[] _bars;
    private readonly BarBuffer _completed;
    private readonly long _baseMs;
    private BarAccumulator _base;
    private long _baseEndMs;
    private long _nextCloseMs;
    private long _lastCloseRaw;
    private bool _started;

    /// <summary>Creates an aggregator for <paramref name="symbol"/> building bars of each of <paramref name="intervals"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty, or <paramref name="intervals"/> is empty or holds <c>default(Interval)</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="intervals"/> is null.</exception>
    public SymbolBarAggregator(Symbol symbol, IReadOnlyList<Interval> intervals)
        : this(symbol, BarIntervals.Normalize(intervals, nameof(intervals)), new BarBuffer())
    {
    }

    internal SymbolBarAggregator(Symbol symbol, Interval[] normalizedIntervals, BarBuffer completed)
    {
        if (symbol.IsEmpty) throw new ArgumentException("An aggregator needs a symbol.", nameof(symbol));
        Symbol = symbol;
        _intervals = normalizedIntervals;
        _lengthsMs = new long[_intervals.Length];
        for (int i = 0; i < _intervals.Length; i++) _lengthsMs[i] = _intervals[i].Milliseconds;
        _bars = new BarAccumulator[_intervals.Length];
        _completed = completed;
        BaseInterval = BarIntervals.GreatestCommonDivisor(_intervals);
        _baseMs = BaseInterval.Milliseconds;
        Reset();
    }

    /// <summary>The symbol whose trades this aggregator takes.</summary>
    public Symbol Symbol { get; }

    /// <summary>The configured intervals, ascending and without duplicates.</summary>
    public IReadOnlyList<Interval> Intervals => _intervals;

    /// <summary>The length of the base bar that trades accumulate into: the greatest common divisor of <see cref="Intervals"/>.</summary>
    /// <remarks>Its bars are emitted only when it is one of the configured intervals.</remarks>
    public Interval BaseInterval { get; }

    /// <summary>Trades ignored because they were older than the current base bar.</summary>
    public long LateTrades { get; private set; }

    /// <summary>Trades applied to the bars.</summary>
    public long TradesApplied { get; private set; }

    /// <summary>True once a first trade has set a price, from which on bars exist.</summary>
    public bool HasStarted => _started;

    /// <summary>The bars closed since the last <see cref="ClearCompleted"/>, in emission order (see the type's remarks).</summary>
    /// <remarks>The span is valid until the next call that changes the aggregator.</remarks>
    public ReadOnlySpan<Bar> Completed => _completed.Span;

    /// <summary>Forgets the bars in <see cref="Completed"/>, keeping the storage for the next ones.</summary>
    public void ClearCompleted() => _completed.Clear();

    /// <summary>Applies a trade, first closing (into <see cref="Completed"/>) every bar that ends at or before its time.</summary>
    /// <remarks>A trade older than the current base bar is counted in <see cref="LateTrades"/> and changes nothing.</remarks>
    /// <exception cref="ArgumentException">The trade is of another symbol.</exception>
    /// <exception cref="OverflowException">A bar's quote volume outgrows 128 bits (about 1.7e22 quote units).</exception>
    public void Add(in Trade trade)
    {
        if (!trade.Symbol.Equals(Symbol)) ThrowOtherSymbol(trade.Symbol);
        AddCore(in trade);
    }

    /// <summary>Closes every bar that ends at or before <paramref name="timestampMs"/>, with flat bars for intervals without trades.</summary>
    /// <remarks>
    /// Live sources call this on a clock tick so that a quiet symbol's bars still close. Before the first trade, and for a
    /// time inside the current base bar or before it, it does nothing. Afterwards a trade older than the base bar that
    /// holds <paramref name="timestampMs"/> is late.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestampMs"/> is not a plausible Unix time in milliseconds.</exception>
    public void AdvanceTo(long timestampMs)
    {
        if (!Timestamps.IsPlausibleMs(timestampMs))
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs, "Not a Unix time in milliseconds between 2000 and 2100.");
        if (_started && timestampMs >= _baseEndMs) Roll(timestampMs);
    }

    /// <summary>
    /// Writes the bars still in progress, one per configured interval in ascending order, and returns how many it wrote:
    /// none before the first trade.
    /// </summary>
    /// <remarks>An interval whose bar has no trades yet reads as a flat bar at the last price. Changes nothing.</remarks>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Intervals"/>.</exception>
    public int CopyOpenBars(Span<Bar> destination)
    {
        if (!_started) return 0;
        if (destination.Length < _intervals.Length)
            throw new ArgumentException($"Room for {_intervals.Length} bars is needed, got {destination.Length}.", nameof(destination));
        for (int i = 0; i < _intervals.Length; i++)
        {
            BarAccumulator open = _bars[i];
            open.Merge(in _base);
            destination[i] = open.ToBar(Symbol, _intervals[i], _lastCloseRaw);
        }
        return _intervals.Length;
    }

    /// <summary>Returns the aggregator to its state before the first trade; <see cref="Completed"/> is left as it is.</summary>
    public void Reset()
    {
        _started = false;
        _base = default;
        // The smallest time makes the first trade take the rare branch of AddCore, which starts the bars.
        _baseEndMs = long.MinValue;
        _nextCloseMs = long.MaxValue;
        _lastCloseRaw = 0;
        Array.Clear(_bars);
        LateTrades = 0;
        TradesApplied = 0;
    }

    /// <summary>Applies a trade known to be of this symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCore(in Trade trade)
    {
        long timestampMs = trade.TimestampMs;
        if (timestampMs >= _baseEndMs)
        {
            if (_started) Roll(timestampMs);
            else Start(timestampMs);
        }
        else if (timestampMs < _base.OpenTimeMs)
        {
            LateTrades++;
            return;
        }
        _base.Add(trade.Price.Raw, trade.Quantity.Raw, trade.TradeCount, trade.AggressorSide == AggressorSide.Buyer);
        TradesApplied++;
    }

    private void Start(long timestampMs)
    {
        long baseOpenMs = BaseInterval.FloorMs(timestampMs);
        _base.Reset(baseOpenMs);
        _baseEndMs = baseOpenMs + _baseMs;
        _nextCloseMs = BarEmission.OpenAt(_bars, _lengthsMs, _intervals, timestampMs);
        _started = true;
    }

    /// <summary>Closes the base bar, emits every bar that ends at or before the base bar holding <paramref name="timestampMs"/>, and opens that one.</summary>
    private void Roll(long timestampMs)
    {
        if (_base.HasTrades)
        {
            for (int i = 0; i < _bars.Length; i++) _bars[i].Merge(in _base);
            _lastCloseRaw = _base.Close;
        }
        long baseOpenMs = BaseInterval.FloorMs(timestampMs);
        if (baseOpenMs >= _nextCloseMs) EmitUntil(baseOpenMs);
        _base.Reset(baseOpenMs);
        _baseEndMs = baseOpenMs + _baseMs;
    }

    /// <summary>Emits, in order of close time then interval, every bar that ends at or before <paramref name="limitMs"/>.</summary>
    private void EmitUntil(long limitMs) =>
        _nextCloseMs = BarEmission.EmitUntil(_bars, _lengthsMs, _intervals, Symbol, _lastCloseRaw, _nextCloseMs, limitMs, _completed);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOtherSymbol(Symbol other) =>
        throw new ArgumentException($"This aggregator builds bars of {Symbol}, not of '{other}'.", "trade");
}
