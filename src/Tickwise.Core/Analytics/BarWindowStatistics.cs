using Tickwise.Core.Indicators;
using Tickwise.Core.Market;

namespace Tickwise.Core.Analytics;

/// <summary>Rolling statistics over the last <see cref="WindowBars"/> closed bars of one symbol and interval (last price,
/// mean, standard deviation, min, max, return, volume, trade count), updated in O(1) amortized per bar.</summary>
/// <remarks>
/// <para>One instance per (symbol, interval, window): keep one per interval to follow several at once. Bars of
/// other symbols or intervals are ignored; a bar whose open time is not after the newest one (a duplicate or a late
/// bar) is ignored and counted in <see cref="OutOfOrderCount"/>, so replaying a stream twice does not double count.</para>
/// <para>Mean and variance by a rolling Welford update recomputed exactly every window; min and max by monotonic
/// deques; volumes as exact decimal running sums. <see cref="Compute"/> is the batch reference.</para>
/// </remarks>
public sealed class BarWindowStatistics
{
    private readonly RollingMoments _closes;
    private readonly MonotonicDeque _lows, _highs;
    private readonly double[] _opens;
    private readonly long[] _openTimes, _trades;
    private readonly decimal[] _volumes, _quoteVolumes;
    private int _next, _count;
    private decimal _volume, _quoteVolume;
    private long _tradeCount;
    private long _lastOpenTimeMs = long.MinValue;
    private double _lastClose = double.NaN;

    /// <summary>Creates the statistics of <paramref name="symbol"/>'s <paramref name="interval"/> bars over <paramref name="windowBars"/> bars.</summary>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty or <paramref name="interval"/> is zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowBars"/> is below 1.</exception>
    public BarWindowStatistics(Symbol symbol, Interval interval, int windowBars)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The statistics need a symbol.", nameof(symbol));
        if (interval.Milliseconds <= 0) throw new ArgumentException("The interval must be positive.", nameof(interval));
        Guard.Period(windowBars, nameof(windowBars));
        Symbol = symbol;
        Interval = interval;
        _closes = new RollingMoments(windowBars);
        _lows = new MonotonicDeque(windowBars, isMax: false);
        _highs = new MonotonicDeque(windowBars, isMax: true);
        _opens = new double[windowBars];
        _openTimes = new long[windowBars];
        _trades = new long[windowBars];
        _volumes = new decimal[windowBars];
        _quoteVolumes = new decimal[windowBars];
    }

    /// <summary>Gets the symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>Gets the interval.</summary>
    public Interval Interval { get; }

    /// <summary>Gets the window length in bars.</summary>
    public int WindowBars => _opens.Length;

    /// <summary>Gets the bars ignored because they were not newer than the newest bar.</summary>
    public long OutOfOrderCount { get; private set; }

    /// <summary>Gets the statistics of the bars in the window now.</summary>
    public BarWindowSummary Summary
    {
        get
        {
            if (_count == 0) return Empty(Symbol, Interval);
            int oldest = _count < _opens.Length ? 0 : _next;
            return new BarWindowSummary(Symbol, Interval, _count, _openTimes[oldest], _lastOpenTimeMs, _lastClose, _closes.Mean,
                _count < 2 ? double.NaN : Math.Sqrt(_closes.SampleVariance), _lows.Extreme, _highs.Extreme,
                Return(_lastClose, _opens[oldest]), _volume, _quoteVolume, _tradeCount);
        }
    }

    /// <summary>Feeds a closed bar; returns whether it was used (see remarks for the bars that are ignored).</summary>
    public bool OnBar(in Bar bar)
    {
        if (bar.Symbol != Symbol || bar.Interval != Interval) return false;
        if (bar.OpenTimeMs <= _lastOpenTimeMs)
        {
            OutOfOrderCount++;
            return false;
        }

        int slot = _next;
        if (_count == _opens.Length)
        {
            _volume -= _volumes[slot];
            _quoteVolume -= _quoteVolumes[slot];
            _tradeCount -= _trades[slot];
        }
        else _count++;

        _opens[slot] = bar.Open.ToDouble();
        _openTimes[slot] = bar.OpenTimeMs;
        _volumes[slot] = bar.Volume;
        _quoteVolumes[slot] = bar.QuoteVolume;
        _trades[slot] = bar.TradeCount;
        _volume += bar.Volume;
        _quoteVolume += bar.QuoteVolume;
        _tradeCount += bar.TradeCount;
        _next = slot + 1 == _opens.Length ? 0 : slot + 1;

        _lastClose = bar.Close.ToDouble();
        _closes.Add(_lastClose);
        _lows.Add(bar.Low.ToDouble());
        _highs.Add(bar.High.ToDouble());
        _lastOpenTimeMs = bar.OpenTimeMs;
        return true;
    }

    /// <summary>Forgets every bar, as if new.</summary>
    public void Reset()
    {
        _closes.Clear();
        _lows.Clear();
        _highs.Clear();
        _next = _count = 0;
        _volume = _quoteVolume = 0;
        _tradeCount = 0;
        _lastOpenTimeMs = long.MinValue;
        _lastClose = double.NaN;
        OutOfOrderCount = 0;
    }

    /// <summary>Returns the statistics of <paramref name="bars"/> (oldest first, one symbol and interval), two-pass: the reference.</summary>
    /// <exception cref="ArgumentException">The bars mix symbols or intervals.</exception>
    public static BarWindowSummary Compute(ReadOnlySpan<Bar> bars)
    {
        if (bars.IsEmpty) return Empty(default, default);
        Symbol symbol = bars[0].Symbol;
        Interval interval = bars[0].Interval;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        decimal volume = 0, quoteVolume = 0;
        long trades = 0;
        foreach (Bar bar in bars)
        {
            if (bar.Symbol != symbol || bar.Interval != interval)
                throw new ArgumentException($"Bars of {bar.Symbol} {bar.Interval} mixed with {symbol} {interval}.", nameof(bars));
            sum += bar.Close.ToDouble();
            min = Math.Min(min, bar.Low.ToDouble());
            max = Math.Max(max, bar.High.ToDouble());
            volume += bar.Volume;
            quoteVolume += bar.QuoteVolume;
            trades += bar.TradeCount;
        }

        int n = bars.Length;
        double mean = sum / n, squares = 0;
        foreach (Bar bar in bars)
        {
            double d = bar.Close.ToDouble() - mean;
            squares += d * d;
        }

        double last = bars[^1].Close.ToDouble();
        return new BarWindowSummary(symbol, interval, n, bars[0].OpenTimeMs, bars[^1].OpenTimeMs, last, mean,
            n < 2 ? double.NaN : Math.Sqrt(squares / (n - 1)), min, max, Return(last, bars[0].Open.ToDouble()), volume, quoteVolume, trades);
    }

    private static double Return(double last, double firstOpen) => firstOpen > 0 ? last / firstOpen - 1 : double.NaN;

    private static BarWindowSummary Empty(Symbol symbol, Interval interval) =>
        new(symbol, interval, 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0m, 0m, 0);
}
