using Tickwise.Core.Market;

namespace Tickwise.Core.Indicators;

/// <summary>Volume-weighted average price, over a session (cumulative) or over the last <see cref="Window"/> updates.</summary>
/// <remarks>
/// <para>Value = sum(price x volume) / sum(volume). A session VWAP (no window) accumulates until
/// <see cref="Reset"/>, which starts the next session; the caller decides where sessions begin (for example at
/// 00:00 UTC from the event time), since the core never reads a clock.</para>
/// <para>Ready once an update with positive volume was accepted (and, rolling, once the window is full);
/// NaN while the summed volume is zero. A non-finite or non-positive price, or a non-finite or negative
/// volume, is ignored and counted in <see cref="RejectedCount"/>.</para>
/// <para>Rolling sums are recomputed exactly every <see cref="Window"/> updates; the session sums are plain
/// running sums with Neumaier compensation, so they stay accurate over millions of trades.</para>
/// </remarks>
public sealed class Vwap : IIndicator
{
    private readonly RingBuffer? _prices;
    private readonly RingBuffer? _volumes;
    private double _pv, _pvCompensation;
    private double _v, _vCompensation;
    private int _positiveVolumes;

    /// <summary>Creates a session VWAP, cumulative until <see cref="Reset"/>.</summary>
    public Vwap() { }

    /// <summary>Creates a VWAP over the last <paramref name="window"/> updates.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public Vwap(int window)
    {
        Guard.Period(window, nameof(window));
        _prices = new RingBuffer(window);
        _volumes = new RingBuffer(window);
    }

    /// <summary>Gets the number of updates in the rolling window, or 0 for a session VWAP.</summary>
    public int Window => _prices?.Capacity ?? 0;

    /// <inheritdoc/>
    public int WarmUpPeriod => Math.Max(1, Window);

    /// <inheritdoc/>
    public bool IsReady => SampleCount >= WarmUpPeriod && Volume > 0;

    /// <inheritdoc/>
    public double Value => IsReady ? (_pv + _pvCompensation) / Volume : double.NaN;

    /// <summary>Gets the summed volume of the session or window.</summary>
    public double Volume => _v + _vCompensation;

    /// <inheritdoc/>
    public long SampleCount { get; private set; }

    /// <inheritdoc/>
    public long RejectedCount { get; private set; }

    /// <summary>Feeds a bar: its quote volume over its volume is its own VWAP, so the sums stay exact per bar.</summary>
    public void Update(in Bar bar)
    {
        double volume = (double)bar.Volume;
        // A bar without volume carries no weight; its close keeps the price valid.
        Update(volume > 0 ? (double)(bar.QuoteVolume / bar.Volume) : bar.Close.ToDouble(), volume);
    }

    /// <summary>Feeds a trade or a bar as a price and a volume; invalid input is ignored and counted.</summary>
    public void Update(double price, double volume)
    {
        if (!(price > 0) || !double.IsFinite(price) || !(volume >= 0) || !double.IsFinite(volume))
        {
            RejectedCount++;
            return;
        }

        SampleCount++;
        double pv = price * volume;
        if (_prices is null)
        {
            Add(ref _pv, ref _pvCompensation, pv);
            Add(ref _v, ref _vCompensation, volume);
            return;
        }

        RingBuffer volumes = _volumes!;
        if (_prices.IsFull)
        {
            _pv -= _prices.Oldest * volumes.Oldest;
            _v -= volumes.Oldest;
            if (volumes.Oldest > 0) _positiveVolumes--;
        }

        _prices.Add(price);
        volumes.Add(volume);
        _pv += pv;
        _v += volume;
        if (volume > 0) _positiveVolumes++;
        if (_positiveVolumes == 0)
        {
            // A window of bars without trades (common for quiet symbols) has no VWAP, not a ratio of rounding residues.
            _pv = 0;
            _v = 0;
        }
        else if (_prices.Wrapped)
        {
            double sumPv = 0, sumV = 0;
            for (int i = 0; i < _prices.Count; i++)
            {
                sumPv += _prices[i] * volumes[i];
                sumV += volumes[i];
            }

            _pv = sumPv;
            _v = sumV;
        }
    }

    /// <inheritdoc/>
    /// <remarks>For a session VWAP, this starts the next session.</remarks>
    public void Reset()
    {
        SampleCount = 0;
        RejectedCount = 0;
        _pv = _pvCompensation = _v = _vCompensation = 0;
        _positiveVolumes = 0;
        _prices?.Clear();
        _volumes?.Clear();
    }

    // Neumaier's compensated addition: the lost low-order part is kept in `compensation`.
    private static void Add(ref double sum, ref double compensation, double x)
    {
        double t = sum + x;
        compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }

    /// <summary>Returns the VWAP after every update (the reference): the session one when <paramref name="window"/> is 0.</summary>
    /// <remarks>Sums in <see cref="decimal"/> (28 digits), so the reference does not share the streaming form's rounding.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="OverflowException">A price, volume or sum exceeds the decimal range (about 7.9e28).</exception>
    public static double[] Batch(ReadOnlySpan<double> prices, ReadOnlySpan<double> volumes, int window = 0)
    {
        if (window < 0) throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be 0 (session) or positive.");
        if (prices.Length != volumes.Length)
            throw new ArgumentException($"prices and volumes differ in length ({prices.Length}, {volumes.Length}).", nameof(volumes));
        var pv = new List<decimal>();
        var v = new List<decimal>();
        decimal sessionPv = 0, sessionV = 0;
        double[] output = BatchInput.NaNs(prices.Length);
        double last = double.NaN;
        for (int i = 0; i < prices.Length; i++)
        {
            if (prices[i] > 0 && double.IsFinite(prices[i]) && volumes[i] >= 0 && double.IsFinite(volumes[i]))
            {
                decimal product = (decimal)prices[i] * (decimal)volumes[i];
                pv.Add(product);
                v.Add((decimal)volumes[i]);
                decimal sumPv = 0, sumV = 0;
                if (window == 0)
                {
                    sessionPv += product;
                    sessionV += (decimal)volumes[i];
                    (sumPv, sumV) = (sessionPv, sessionV);
                }
                else if (pv.Count >= window)
                {
                    for (int j = pv.Count - window; j < pv.Count; j++) { sumPv += pv[j]; sumV += v[j]; }
                }

                last = sumV > 0 && (window == 0 || pv.Count >= window) ? (double)(sumPv / sumV) : double.NaN;
            }

            output[i] = last;
        }

        return output;
    }
}
