using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>The raw state of one bar being built from trades: fixed-point prices and exact integer sums.</summary>
/// <remarks>
/// Volumes are sums of <see cref="Quantity.Raw"/> (scale 10^-8) and quote volumes sums of price times quantity raws
/// (scale 10^-16), both in <see cref="Int128"/> so that no realistic bar can overflow them; they become decimals only
/// when the bar is emitted. The first accumulated part with trades gives the open, the last one the close.
/// </remarks>
internal struct BarAccumulator : IBarAccumulator
{
    public long OpenTimeMs;

    /// <inheritdoc/>
    public readonly long OpenTime => OpenTimeMs;
    public long Open;
    public long High;
    public long Low;
    public long Close;
    public Int128 Volume;
    public Int128 QuoteVolume;
    public long TradeCount;
    public Int128 TakerBuyVolume;
    public Int128 TakerBuyQuoteVolume;
    public bool HasTrades;

    /// <summary>Empties the accumulator for the bar that opens at <paramref name="openTimeMs"/>.</summary>
    public void Reset(long openTimeMs) => this = new BarAccumulator { OpenTimeMs = openTimeMs };

    /// <summary>Applies one trade.</summary>
    /// <exception cref="OverflowException">The quote volume outgrows 128 bits (about 1.7e22 quote units).</exception>
    public void Add(long price, long quantity, long tradeCount, bool buyerIsAggressor)
    {
        Int128 quote = (Int128)price * quantity;
        // Checked before any field changes, so an absurd trade leaves the bar as it was.
        Int128 quoteVolume = checked(QuoteVolume + quote);
        if (!HasTrades)
        {
            Open = High = Low = price;
            HasTrades = true;
        }
        else
        {
            if (price > High) High = price;
            if (price < Low) Low = price;
        }
        Close = price;
        Volume += quantity;
        QuoteVolume = quoteVolume;
        TradeCount += tradeCount;
        if (buyerIsAggressor)
        {
            TakerBuyVolume += quantity;
            TakerBuyQuoteVolume += quote;
        }
    }

    /// <summary>Appends <paramref name="later"/>, a part of this bar that comes after everything already in it.</summary>
    /// <exception cref="OverflowException">The quote volume outgrows 128 bits.</exception>
    public void Merge(in BarAccumulator later)
    {
        if (!later.HasTrades) return;
        Int128 quoteVolume = checked(QuoteVolume + later.QuoteVolume);
        if (!HasTrades)
        {
            Open = later.Open;
            High = later.High;
            Low = later.Low;
            HasTrades = true;
        }
        else
        {
            if (later.High > High) High = later.High;
            if (later.Low < Low) Low = later.Low;
        }
        Close = later.Close;
        Volume += later.Volume;
        QuoteVolume = quoteVolume;
        TradeCount += later.TradeCount;
        TakerBuyVolume += later.TakerBuyVolume;
        TakerBuyQuoteVolume += later.TakerBuyQuoteVolume;
    }

    /// <summary>Returns the bar, or the flat bar at <paramref name="previousCloseRaw"/> when it has no trades.</summary>
    public readonly Bar ToBar(Symbol symbol, Interval interval, long previousCloseRaw)
    {
        if (!HasTrades) return Bar.Flat(symbol, interval, OpenTimeMs, new Price(previousCloseRaw));
        return new Bar(symbol, interval, OpenTimeMs, new Price(Open), new Price(High), new Price(Low), new Price(Close),
            ToDecimal(Volume, FixedPoint.Scale), ToDecimal(QuoteVolume, 2 * FixedPoint.Scale), TradeCount,
            ToDecimal(TakerBuyVolume, FixedPoint.Scale), ToDecimal(TakerBuyQuoteVolume, 2 * FixedPoint.Scale));
    }

    /// <summary>Converts a non-negative raw sum at 10^-<paramref name="scale"/> to a decimal, exactly whenever a decimal can hold it.</summary>
    /// <remarks>
    /// A decimal keeps 96 bits of digits, so a quote volume at 16 decimals fits only below about 7.9e12. Above that the
    /// trailing decimals are dropped; they are zeros for any realistic price and quantity, so the value stays exact,
    /// and only a sum with more than 28 significant digits is rounded (half away from zero), as decimal arithmetic would.
    /// </remarks>
    /// <exception cref="OverflowException">The value exceeds <see cref="decimal.MaxValue"/>.</exception>
    internal static decimal ToDecimal(Int128 raw, int scale)
    {
        int rawScale = scale;
        UInt128 magnitude = (UInt128)raw;
        if (magnitude >> 96 != 0)
        {
            UInt128 divisor = 1;
            while (scale > 0 && magnitude / divisor >> 96 != 0)
            {
                divisor *= 10;
                scale--;
            }
            UInt128 quotient = magnitude / divisor;
            UInt128 remainder = magnitude % divisor;
            if (remainder != 0 && remainder >= divisor - remainder) quotient++;
            if (quotient >> 96 != 0 && scale > 0)
            {
                // Rounding up reached 2^96 exactly: one digit fewer holds it.
                quotient = (quotient + 5) / 10;
                scale--;
            }
            if (quotient >> 96 != 0) throw new OverflowException($"The sum {raw}e-{rawScale} does not fit a decimal.");
            magnitude = quotient;
        }
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), false, (byte)scale);
    }
}
