using Tickwise.Core.Market;

namespace Tickwise.Core.Analytics;

/// <summary>Support and resistance of one symbol and interval over its last <see cref="WindowBars"/> closed bars,
/// recomputed at every bar close (<see cref="SupportResistance.Find"/> on the window).</summary>
/// <remarks>Bars of other symbols or intervals are ignored; a bar not newer than the newest one is ignored and counted
/// in <see cref="OutOfOrderCount"/>. Each bar costs one <see cref="SupportResistance.Find"/> over the window and
/// allocates the level list.</remarks>
public sealed class SupportResistanceTracker
{
    private readonly Bar[] _ring;
    private readonly Bar[] _window;
    private int _next, _count;

    /// <summary>Creates a tracker of <paramref name="symbol"/>'s <paramref name="interval"/> bars.</summary>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty or <paramref name="interval"/> is zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowBars"/> is below 3, or an option is out of range.</exception>
    public SupportResistanceTracker(Symbol symbol, Interval interval, int windowBars, SupportResistanceOptions? options = null)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The tracker needs a symbol.", nameof(symbol));
        if (interval.Milliseconds <= 0) throw new ArgumentException("The interval must be positive.", nameof(interval));
        if (windowBars < 3) throw new ArgumentOutOfRangeException(nameof(windowBars), windowBars, "A pivot needs at least three bars.");
        Options = options ?? new SupportResistanceOptions();
        Options.Validate();
        Symbol = symbol;
        Interval = interval;
        _ring = new Bar[windowBars];
        _window = new Bar[windowBars];
    }

    /// <summary>Gets the symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>Gets the interval.</summary>
    public Interval Interval { get; }

    /// <summary>Gets the settings.</summary>
    public SupportResistanceOptions Options { get; }

    /// <summary>Gets the window length in bars.</summary>
    public int WindowBars => _ring.Length;

    /// <summary>Gets the bars ignored because they were not newer than the newest bar.</summary>
    public long OutOfOrderCount { get; private set; }

    /// <summary>Gets the levels of the window after the last bar, by price.</summary>
    public IReadOnlyList<PriceLevel> Levels { get; private set; } = [];

    /// <summary>Gets the support nearest below the last close (the highest support level), or null.</summary>
    public PriceLevel? NearestSupport
    {
        get
        {
            PriceLevel? best = null;
            foreach (PriceLevel level in Levels)
                if (level.Kind == LevelKind.Support) best = level; // sorted by price: the last one is the highest
            return best;
        }
    }

    /// <summary>Gets the resistance nearest above the last close (the lowest resistance level), or null.</summary>
    public PriceLevel? NearestResistance
    {
        get
        {
            foreach (PriceLevel level in Levels)
                if (level.Kind == LevelKind.Resistance) return level;
            return null;
        }
    }

    /// <summary>Feeds a closed bar and recomputes the levels; returns whether it was used.</summary>
    public bool OnBar(in Bar bar)
    {
        if (bar.Symbol != Symbol || bar.Interval != Interval) return false;
        if (_count > 0 && bar.OpenTimeMs <= _ring[(_next + _ring.Length - 1) % _ring.Length].OpenTimeMs)
        {
            OutOfOrderCount++;
            return false;
        }

        _ring[_next] = bar;
        _next = (_next + 1) % _ring.Length;
        if (_count < _ring.Length) _count++;
        int oldest = _count < _ring.Length ? 0 : _next;
        for (int i = 0; i < _count; i++) _window[i] = _ring[(oldest + i) % _ring.Length];
        Levels = SupportResistance.Find(_window.AsSpan(0, _count), Options);
        return true;
    }

    /// <summary>Forgets every bar, as if new.</summary>
    public void Reset()
    {
        _next = _count = 0;
        Levels = [];
        OutOfOrderCount = 0;
    }
}
