using Tickwise.Core.Market;

namespace Tickwise.Export;

/// <summary>The trade table's columns and how a trade fills them, for CSV and JSON export.</summary>
/// <remarks><c>is_buyer_maker</c> keeps Binance's convention so that exports line up with its dumps.</remarks>
public static class TradeTable
{
    /// <summary>Column names in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "time", "price", "quantity", "is_buyer_maker", "trade_count"];

    /// <summary>Writes every trade as a row and returns how many were written.</summary>
    public static long Write(TableWriter writer, IEnumerable<Trade> trades)
    {
        long rows = 0;
        foreach (Trade trade in trades)
        {
            writer.BeginRow();
            writer.WriteNumber(trade.Id);
            writer.WriteNumber(trade.TimestampMs);
            writer.WriteNumber(trade.Price.ToString());
            writer.WriteNumber(trade.Quantity.ToString());
            writer.WriteBoolean(trade.IsBuyerMaker);
            writer.WriteNumber(trade.TradeCount);
            rows++;
        }
        return rows;
    }
}
