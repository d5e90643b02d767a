namespace Tickwise.Binance.Files;

/// <summary>The column layouts of Binance's public data dumps (data.binance.vision) and of generic OHLCV files.</summary>
public enum DumpLayout : byte
{
    /// <summary>Spot trades: <c>id,price,qty,quote_qty,time,is_buyer_maker,is_best_match</c> (no header).</summary>
    SpotTrades = 1,

    /// <summary>USD-M futures trades: <c>id,price,qty,quote_qty,time,is_buyer_maker</c> (with a header).</summary>
    FuturesTrades = 2,

    /// <summary>Spot aggregated trades: <c>agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match</c>.</summary>
    SpotAggTrades = 3,

    /// <summary>USD-M futures aggregated trades: as spot without <c>is_best_match</c> (with a header).</summary>
    FuturesAggTrades = 4,

    /// <summary>Klines, 12 columns: <c>open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore</c>.</summary>
    Klines = 5,

    /// <summary>Generic bars with the header <c>timestamp,open,high,low,close,volume[,...]</c>; further columns are ignored.</summary>
    Ohlcv = 6,
}
