namespace Tickwise.Core.Market;

/// <summary>An OHLCV bar of one symbol over one interval.</summary>
/// <remarks>
/// <para>A bar covers <c>[OpenTimeMs, OpenTimeMs + Interval)</c> and is stamped at its open, as Binance klines are.</para>
/// <para>Prices are exact; volumes are exact sums (decimal, because a day's volume of a cheap coin outgrows a
/// 64-bit fixed-point value). <see cref="QuoteVolume"/> is the sum of price times quantity.</para>
/// <para>A bar with no trades is flat: open, high, low and close equal the previous close, volumes and count are zero.</para>
/// </remarks>
public readonly record struct Bar
{
    /// <summary>Creates a bar, checking its shape.</summary>
    /// <exception cref="ArgumentException">The bar is misaligned, its prices break low ≤ open, close ≤ high, or a volume is negative.</exception>
    public Bar(Symbol symbol, Interval interval, long openTimeMs, Price open, Price high, Price low, Price close,
        decimal volume, decimal quoteVolume, long tradeCount, decimal takerBuyVolume, decimal takerBuyQuoteVolume)
    {
        string? problem = FindProblem(interval, openTimeMs, open, high, low, close, volume, quoteVolume, tradeCount, takerBuyVolume, takerBuyQuoteVolume);
        if (problem is not null) throw new ArgumentException($"Bad bar {symbol} {interval} at {openTimeMs}: {problem}");
        if (symbol.IsEmpty) throw new ArgumentException("A bar needs a symbol.", nameof(symbol));
        Symbol = symbol;
        Interval = interval;
        OpenTimeMs = openTimeMs;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
        QuoteVolume = quoteVolume;
        TradeCount = tradeCount;
        TakerBuyVolume = takerBuyVolume;
        TakerBuyQuoteVolume = takerBuyQuoteVolume;
    }

    public Symbol Symbol { get; }
    public Interval Interval { get; }

    /// <summary>Start of the bar, Unix epoch milliseconds, UTC; a multiple of the interval.</summary>
    public long OpenTimeMs { get; }

    public Price Open { get; }
    public Price High { get; }
    public Price Low { get; }
    public Price Close { get; }

    /// <summary>Traded quantity of the base asset.</summary>
    public decimal Volume { get; }

    /// <summary>Traded value in the quote asset: the sum of price times quantity.</summary>
    public decimal QuoteVolume { get; }

    /// <summary>Number of exchange trades (an aggregated trade counts for all it aggregates).</summary>
    public long TradeCount { get; }

    /// <summary>Base volume of trades whose aggressor was the buyer.</summary>
    public decimal TakerBuyVolume { get; }

    /// <summary>Quote volume of trades whose aggressor was the buyer.</summary>
    public decimal TakerBuyQuoteVolume { get; }

    /// <summary>Last millisecond inside the bar, as Binance's kline <c>close_time</c>.</summary>
    public long CloseTimeMs => OpenTimeMs + Interval.Milliseconds - 1;

    /// <summary>
    /// Volume-weighted average price, rounded to 8 decimals (half away from zero); the close for a bar without volume.
    /// </summary>
    public decimal Vwap => Volume == 0 ? Close.ToDecimal() : Math.Round(QuoteVolume / Volume, FixedPoint.Scale, MidpointRounding.AwayFromZero);

    /// <summary>Creates the flat bar that stands for an interval without trades.</summary>
    public static Bar Flat(Symbol symbol, Interval interval, long openTimeMs, Price previousClose) =>
        new(symbol, interval, openTimeMs, previousClose, previousClose, previousClose, previousClose, 0m, 0m, 0, 0m, 0m);

    /// <summary>Returns why these values cannot form a bar, or null when they can. Never throws.</summary>
    public static string? FindProblem(Interval interval, long openTimeMs, Price open, Price high, Price low, Price close,
        decimal volume, decimal quoteVolume, long tradeCount, decimal takerBuyVolume, decimal takerBuyQuoteVolume)
    {
        if (interval.Milliseconds == 0) return "no interval";
        if (!Timestamps.IsPlausibleMs(openTimeMs)) return $"open time {openTimeMs} is not a Unix time in milliseconds";
        if (interval.FloorMs(openTimeMs) != openTimeMs) return $"open time {openTimeMs} is not aligned to {interval}";
        if (low > high) return $"low {low} is above high {high}";
        if (open < low || open > high) return $"open {open} is outside [{low}, {high}]";
        if (close < low || close > high) return $"close {close} is outside [{low}, {high}]";
        if (volume < 0 || quoteVolume < 0 || takerBuyVolume < 0 || takerBuyQuoteVolume < 0) return "a volume is negative";
        if (tradeCount < 0) return "the trade count is negative";
        if (takerBuyVolume > volume) return $"taker buy volume {takerBuyVolume} exceeds volume {volume}";
        return null;
    }
}
