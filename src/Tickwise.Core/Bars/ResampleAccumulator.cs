using Tickwise.Core.Market;

namespace Tickwise.Core.Bars;

/// <summary>The state of one coarse bar being built from finer bars: prices as raws, sums as the bars' decimals.</summary>
/// <remarks>
/// A finer bar without trades (count and volume zero) brings no prices, because a flat bar's prices are the previous
/// close, not a trade: the coarse open is the first traded finer bar's open, as the exchange's kline would have it.
/// Its sums (zero for a well-formed bar) are still added, so volumes are conserved whatever the input.
/// </remarks>
internal struct ResampleAccumulator : IBarAccumulator
{
    public long OpenTimeMs;

    /// <inheritdoc/>
    public readonly long OpenTime => OpenTimeMs;
    public long Open;
    public long High;
    public long Low;
    public long Close;
    public decimal Volume;
    public decimal QuoteVolume;
    public long TradeCount;
    public decimal TakerBuyVolume;
    public decimal TakerBuyQuoteVolume;
    public bool HasTrades;

    /// <summary>True when <paramref name="bar"/> stands for at least one trade (a source without counts still has volume).</summary>
    public static bool IsTraded(in Bar bar) => bar.TradeCount > 0 || bar.Volume != 0;

    /// <summary>Empties the accumulator for the bar that opens at <paramref name="openTimeMs"/>.</summary>
    public void Reset(long openTimeMs) => this = new ResampleAccumulator { OpenTimeMs = openTimeMs };

    /// <summary>Appends a finer bar that comes after everything already in this one.</summary>
    /// <exception cref="OverflowException">A sum outgrows a decimal.</exception>
    public void Add(in Bar bar)
    {
        if (IsTraded(in bar))
        {
            if (!HasTrades)
            {
                Open = bar.Open.Raw;
                High = bar.High.Raw;
                Low = bar.Low.Raw;
                HasTrades = true;
            }
            else
            {
                if (bar.High.Raw > High) High = bar.High.Raw;
                if (bar.Low.Raw < Low) Low = bar.Low.Raw;
            }
            Close = bar.Close.Raw;
        }
        Volume += bar.Volume;
        QuoteVolume += bar.QuoteVolume;
        TradeCount = checked(TradeCount + bar.TradeCount);
        TakerBuyVolume += bar.TakerBuyVolume;
        TakerBuyQuoteVolume += bar.TakerBuyQuoteVolume;
    }

    /// <summary>Returns the bar, or the flat bar at <paramref name="previousCloseRaw"/> when no traded finer bar came in.</summary>
    public readonly Bar ToBar(Symbol symbol, Interval interval, long previousCloseRaw)
    {
        if (!HasTrades)
        {
            // Sums of untraded finer bars are zero unless the input was odd; keep them rather than lose volume.
            Price flat = new(previousCloseRaw);
            return new Bar(symbol, interval, OpenTimeMs, flat, flat, flat, flat, Volume, QuoteVolume, TradeCount, TakerBuyVolume, TakerBuyQuoteVolume);
        }
        return new Bar(symbol, interval, OpenTimeMs, new Price(Open), new Price(High), new Price(Low), new Price(Close),
            Volume, QuoteVolume, TradeCount, TakerBuyVolume, TakerBuyQuoteVolume);
    }
}
