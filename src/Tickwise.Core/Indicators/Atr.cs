using Tickwise.Core.Market;

namespace Tickwise.Core.Indicators;

/// <summary>Average true range with Wilder smoothing, fed high, low and close of each bar.</summary>
/// <remarks>
/// <para>As Stock.Indicators' <c>ToAtr</c>: the true range of a bar is
/// <c>max(high, previous close) - min(low, previous close)</c> and is undefined for the first bar; the ATR
/// is the mean of the first <see cref="Period"/> true ranges, then <c>atr = (atr (N - 1) + tr) / N</c>.
/// Ready after <see cref="Period"/> + 1 bars.</para>
/// <para>A bar with a non-finite price, or a high below its low, is ignored and counted in <see cref="RejectedCount"/>.</para>
/// </remarks>
public sealed class Atr : IIndicator
{
    private double _previousClose;
    private double _atr;

    /// <summary>Creates an ATR over <paramref name="period"/> true ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Atr(int period = 14)
    {
        Guard.Period(period, nameof(period));
        Period = period;
    }

    /// <summary>Gets the number of true ranges averaged.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Period + 1;

    /// <inheritdoc/>
    public bool IsReady => SampleCount >= WarmUpPeriod;

    /// <inheritdoc/>
    public double Value => IsReady ? _atr : double.NaN;

    /// <summary>Gets the true range of the latest bar, or NaN before the second bar.</summary>
    public double TrueRange { get; private set; } = double.NaN;

    /// <summary>Gets the ATR as a percentage of the latest close, or NaN until ready or when the close is 0.</summary>
    public double Percent => IsReady && LastClose != 0 ? _atr / LastClose * 100 : double.NaN;

    /// <summary>Gets the latest accepted close.</summary>
    public double LastClose { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public long SampleCount { get; private set; }

    /// <inheritdoc/>
    public long RejectedCount { get; private set; }

    /// <summary>Feeds the next bar (its exact prices converted to double).</summary>
    public void Update(in Bar bar) => Update(bar.High.ToDouble(), bar.Low.ToDouble(), bar.Close.ToDouble());

    /// <summary>Feeds the next bar's high, low and close; an invalid bar is ignored and counted.</summary>
    public void Update(double high, double low, double close)
    {
        if (!double.IsFinite(high) || !double.IsFinite(low) || !double.IsFinite(close) || high < low)
        {
            RejectedCount++;
            return;
        }

        SampleCount++;
        if (SampleCount > 1)
        {
            double tr = Math.Max(high, _previousClose) - Math.Min(low, _previousClose);
            TrueRange = tr;
            if (SampleCount <= WarmUpPeriod)
            {
                _atr += tr;
                if (SampleCount == WarmUpPeriod) _atr /= Period;
            }
            else
            {
                _atr = (_atr * (Period - 1) + tr) / Period;
            }
        }

        _previousClose = close;
        LastClose = close;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        SampleCount = 0;
        RejectedCount = 0;
        _previousClose = 0;
        _atr = 0;
        TrueRange = double.NaN;
        LastClose = double.NaN;
    }

    /// <summary>Returns the ATR after every bar (the reference); the spans have one element per bar.</summary>
    /// <returns>One value per bar; NaN before index <paramref name="period"/>; at an invalid bar, the previous value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double[] Batch(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period = 14)
    {
        Guard.Period(period, nameof(period));
        if (low.Length != high.Length || close.Length != high.Length)
            throw new ArgumentException($"high, low and close differ in length ({high.Length}, {low.Length}, {close.Length}).", nameof(close));
        double[] output = BatchInput.NaNs(high.Length);
        var tr = new List<double>();
        double previousClose = double.NaN, atr = double.NaN, last = double.NaN;
        int accepted = 0;
        for (int i = 0; i < high.Length; i++)
        {
            bool ok = double.IsFinite(high[i]) && double.IsFinite(low[i]) && double.IsFinite(close[i]) && high[i] >= low[i];
            if (ok)
            {
                accepted++;
                if (accepted > 1) tr.Add(Math.Max(high[i], previousClose) - Math.Min(low[i], previousClose));
                if (tr.Count == period)
                {
                    double sum = 0;
                    foreach (double t in tr) sum += t;
                    atr = sum / period;
                }
                else if (tr.Count > period)
                {
                    atr = (atr * (period - 1) + tr[^1]) / period;
                }

                previousClose = close[i];
                last = atr;
            }

            output[i] = last;
        }

        return output;
    }
}
