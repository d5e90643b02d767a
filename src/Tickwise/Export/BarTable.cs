using Tickwise.Core.Market;

namespace Tickwise.Export;

/// <summary>The bar table's columns and how a bar fills them, for CSV and JSON export.</summary>
/// <remarks>
/// Columns begin as the issue and Binance's kline dumps order them; <c>open_time</c> is Unix ms, and every
/// number is the exact stored value (<c>vwap</c> is rounded to 8 decimals, see <see cref="Bar.Vwap"/>).
/// </remarks>
public static class BarTable
{
    /// <summary>Column names in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["open_time", "open", "high", "low", "close", "volume", "quote_volume", "trades", "taker_buy_volume", "vwap", "taker_buy_quote_volume"];

    /// <summary>Writes every bar as a row and returns how many were written.</summary>
    public static long Write(TableWriter writer, IEnumerable<Bar> bars)
    {
        long rows = 0;
        foreach (Bar bar in bars)
        {
            writer.BeginRow();
            writer.WriteNumber(bar.OpenTimeMs);
            writer.WriteNumber(bar.Open.ToString());
            writer.WriteNumber(bar.High.ToString());
            writer.WriteNumber(bar.Low.ToString());
            writer.WriteNumber(bar.Close.ToString());
            writer.WriteNumber(DecimalText.Format(bar.Volume));
            writer.WriteNumber(DecimalText.Format(bar.QuoteVolume));
            writer.WriteNumber(bar.TradeCount);
            writer.WriteNumber(DecimalText.Format(bar.TakerBuyVolume));
            writer.WriteNumber(DecimalText.Format(bar.Vwap));
            writer.WriteNumber(DecimalText.Format(bar.TakerBuyQuoteVolume));
            rows++;
        }
        return rows;
    }
}
