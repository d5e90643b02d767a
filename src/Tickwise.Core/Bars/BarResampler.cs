using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>Builds bars of coarser intervals from closed bars of one finer interval of one symbol, such as 5m, 1h and 1d from imported 1m klines.</summary>
/// <remarks>
/// <para>Takes the finer bars in time order. A coarse bar's open is its first traded finer bar's open, its close the last
/// one's, its high and low the extremes; volumes, quote volumes, trade counts and taker buy volumes are summed exactly
/// (decimal sums, exact below 28 significant digits). A finer bar without trades (count and volume zero, a flat bar)
/// brings no prices, so resampling an aggregator's flat-filled 1m bars gives the same 5m bars as aggregating the trades.</para>
/// <para>A missing finer bar inside a coarse bar is simply absent: the coarse bar aggregates what it got. A coarse interval
/// that no finer bar falls into, after the first one, yields a flat bar at the previous close, as
/// <see cref="SymbolBarAggregator"/> does.</para>
/// <para>A coarse bar is emitted into <see cref="Completed"/> as soon as it is known to be complete: when the finer bar that
/// ends where it ends arrives, or a later one, or <see cref="AdvanceTo"/> passes its end. Emission order is by close time,
/// then ascending interval. A finer bar older than the end of the last one applied is late: it is counted in
/// <see cref="LateBars"/> and changes nothing (a duplicate is late too). Not thread-safe.</para>
/// </remarks>
public sealed class BarResampler
{
    private readonly Interval[] _targets;
    private readonly long[] _lengthsMs;
    private readonly ResampleAccumulator[] _bars;
    private readonly BarBuffer _completed = new();
    private long _positionMs;
    private long _nextCloseMs;
    private long _lastCloseRaw;
    private bool _started;

    /// <summary>Creates a resampler that takes <paramref name="source"/> bars of <paramref name="symbol"/> and builds bars of each of <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="symbol"/> is empty, <paramref name="source"/> is <c>default</c>, or <paramref name="targets"/> is empty or holds an
    /// interval that is not a longer multiple of <paramref name="source"/>.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> is null.</exception>
    public BarResampler(Symbol symbol, Interval source, IReadOnlyList<Interval> targets)
    {
        if (symbol.IsEmpty) throw new ArgumentException("A resampler needs a symbol.", nameof(symbol));
        if (source.Milliseconds == 0) throw new ArgumentException("The source interval is default(Interval), which has no length.", nameof(source));
        _targets = BarIntervals.Normalize(targets, nameof(targets));
        foreach (Interval target in _targets)
        {
            if (target.Milliseconds <= source.Milliseconds || target.Milliseconds % source.Milliseconds != 0)
                throw new ArgumentException($"Target {target} is not a longer multiple of the source interval {source}.", nameof(targets));
        }
        Symbol = symbol;
        Source = source;
        _lengthsMs = new long[_targets.Length];
        for (int i = 0; i < _targets.Length; i++) _lengthsMs[i] = _targets[i].Milliseconds;
        _bars = new ResampleAccumulator[_targets.Length];
        Reset();
    }

    /// <summary>The symbol whose bars this resampler takes.</summary>
    public Symbol Symbol { get; }

    /// <summary>The interval of the bars it takes.</summary>
    public Interval Source { get; }

    /// <summary>The intervals it builds, ascending and without duplicates.</summary>
    public IReadOnlyList<Interval> Targets => _targets;

    /// <summary>Finer bars ignored because they were not after the last one applied.</summary>
    public long LateBars { get; private set; }

    /// <summary>Finer bars applied.</summary>
    public long BarsApplied { get; private set; }

    /// <summary>The coarse bars closed since the last <see cref="ClearCompleted"/>, by close time then ascending interval.</summary>
    /// <remarks>The span is valid until the next call that changes the resampler.</remarks>
    public ReadOnlySpan<Bar> Completed => _completed.Span;

    /// <summary>Forgets the bars in <see cref="Completed"/>, keeping the storage for the next ones.</summary>
    public void ClearCompleted() => _completed.Clear();

    /// <summary>Applies a closed finer bar, emitting every coarse bar that ends at or before its end.</summary>
    /// <exception cref="ArgumentException">The bar is of another symbol or interval.</exception>
    /// <exception cref="OverflowException">A sum outgrows a decimal.</exception>
    public void Add(in Bar bar)
    {
        if (!bar.Symbol.Equals(Symbol)) throw new ArgumentException($"This resampler takes bars of {Symbol}, not of '{bar.Symbol}'.", nameof(bar));
        if (bar.Interval != Source) throw new ArgumentException($"This resampler takes {Source} bars, not {bar.Interval} bars.", nameof(bar));
        long openMs = bar.OpenTimeMs;
        if (!_started)
        {
            Start(openMs);
        }
        else if (openMs < _positionMs)
        {
            LateBars++;
            return;
        }
        else if (openMs >= _nextCloseMs)
        {
            EmitUntil(openMs);
        }
        for (int i = 0; i < _bars.Length; i++) _bars[i].Add(in bar);
        _lastCloseRaw = bar.Close.Raw;
        _positionMs = openMs + Source.Milliseconds;
        BarsApplied++;
        if (_positionMs >= _nextCloseMs) EmitUntil(_positionMs);
    }

    /// <summary>Emits every coarse bar that ends at or before <paramref name="timestampMs"/>, with flat bars where no finer bar came.</summary>
    /// <remarks>Does nothing before the first bar. Afterwards a finer bar that opens before the finer boundary at or below <paramref name="timestampMs"/> is late.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestampMs"/> is not a plausible Unix time in milliseconds.</exception>
    public void AdvanceTo(long timestampMs)
    {
        if (!Timestamps.IsPlausibleMs(timestampMs))
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs, "Not a Unix time in milliseconds between 2000 and 2100.");
        if (!_started) return;
        long boundaryMs = Source.FloorMs(timestampMs);
        if (boundaryMs <= _positionMs) return;
        _positionMs = boundaryMs;
        if (boundaryMs >= _nextCloseMs) EmitUntil(boundaryMs);
    }

    /// <summary>Writes the coarse bars still in progress, one per target ascending, and returns how many: none before the first bar.</summary>
    /// <remarks>A target whose bar has no traded finer bar yet reads as a flat bar at the last close. Changes nothing.</remarks>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Targets"/>.</exception>
    public int CopyOpenBars(Span<Bar> destination)
    {
        if (!_started) return 0;
        if (destination.Length < _targets.Length)
            throw new ArgumentException($"Room for {_targets.Length} bars is needed, got {destination.Length}.", nameof(destination));
        for (int i = 0; i < _targets.Length; i++) destination[i] = _bars[i].ToBar(Symbol, _targets[i], _lastCloseRaw);
        return _targets.Length;
    }

    /// <summary>Returns the resampler to its state before the first bar; <see cref="Completed"/> is left as it is.</summary>
    public void Reset()
    {
        _started = false;
        _positionMs = long.MinValue;
        _nextCloseMs = long.MaxValue;
        _lastCloseRaw = 0;
        Array.Clear(_bars);
        LateBars = 0;
        BarsApplied = 0;
    }

    private void Start(long openMs)
    {
        _nextCloseMs = BarEmission.OpenAt(_bars, _lengthsMs, _targets, openMs);
        _started = true;
    }

    /// <summary>Emits, in order of close time then interval, every bar that ends at or before <paramref name="limitMs"/>.</summary>
    private void EmitUntil(long limitMs) =>
        _nextCloseMs = BarEmission.EmitUntil(_bars, _lengthsMs, _targets, Symbol, _lastCloseRaw, _nextCloseMs, limitMs, _completed);
}
