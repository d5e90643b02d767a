using Tickwise.Core.Market;

namespace Tickwise.Binance.Files;

/// <summary>Recognises a dump file: its layout from the header or the shape of its first line, its symbol and interval from its name.</summary>
/// <remarks>
/// <para>Names follow Binance's dumps (<c>BTCUSDT-aggTrades-2024-08-08.zip</c>, <c>FILUSDT-1m-2023-08.zip</c>,
/// <c>BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv</c>) or <c>BTC_USDT_1h.csv</c>: the symbol is the
/// part before the first '-' (or the '_'-joined parts before an interval), the interval is a part such as
/// <c>1m</c> or <c>1h</c>. Overrides win over the name.</para>
/// <para>Without a header the layout comes from the column count and types (7 columns whose last two are booleans are
/// spot trades; 7 whose last one is are futures aggTrades), checked against the words <c>trades</c>/<c>aggTrades</c>
/// in the name.</para>
/// </remarks>
public static class DumpFile
{
    private const string Expected =
        "expected one of: spot trades (id,price,qty,quote_qty,time,is_buyer_maker,is_best_match), " +
        "futures trades (same without is_best_match), " +
        "spot aggTrades (agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match), " +
        "futures aggTrades (same without is_best_match), " +
        "klines (open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore), " +
        "or OHLCV with the header timestamp,open,high,low,close,volume[,...]";

    /// <summary>Returns what <paramref name="path"/> holds, reading only its first line.</summary>
    /// <param name="path">A <c>.csv</c> file or a <c>.zip</c> holding one.</param>
    /// <param name="symbolOverride">The symbol to use instead of the one in the file name.</param>
    /// <param name="intervalOverride">The bar interval to use instead of the one in the file name.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DumpFormatException">The file is empty, holds no single CSV, has an unknown layout, or its
    /// symbol or (for bars) interval cannot be told from its name and was not given.</exception>
    public static DumpFileInfo Detect(string path, Symbol? symbolOverride = null, Interval? intervalOverride = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No dump file at {path}.", path);
        string fileName = Path.GetFileName(path);

        DumpLayout layout;
        bool hasHeader;
        using (DumpLineReader reader = DumpLineReader.Open(path))
        {
            ReadOnlySpan<byte> first;
            LineStatus status;
            do status = reader.ReadLine(out first);
            while (status == LineStatus.Line && first.IsEmpty);
            if (status == LineStatus.End) throw new DumpFormatException(fileName, "the file is empty; " + Expected);
            if (status == LineStatus.TooLong) throw new DumpFormatException(fileName, reader.LineNumber, "the first line is too long to be a CSV row; " + Expected);
            hasHeader = first[0] is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z';
            DumpLayout? found = hasHeader ? FromHeader(first) : FromShape(first);
            layout = found ?? throw new DumpFormatException(fileName, "unknown layout; " + Expected);
        }

        DumpFileName name = DumpFileName.Parse(fileName);
        bool isAggregated = layout is DumpLayout.SpotAggTrades or DumpLayout.FuturesAggTrades;
        bool isTrades = layout is DumpLayout.SpotTrades or DumpLayout.FuturesTrades;
        if ((name.SaysAggTrades && !isAggregated) || (name.SaysTrades && !isTrades))
            throw new DumpFormatException(fileName, $"the name says {(name.SaysAggTrades ? "aggTrades" : "trades")} but the columns are {layout}; " + Expected);

        Symbol symbol = symbolOverride ?? name.Symbol
            ?? throw new DumpFormatException(fileName, "no symbol in the file name (as in BTCUSDT-trades-....csv); give one explicitly");
        if (symbol.IsEmpty) throw new DumpFormatException(fileName, "the symbol override is empty");
        Interval? interval = null;
        if (layout is DumpLayout.Klines or DumpLayout.Ohlcv)
        {
            interval = intervalOverride ?? name.Interval
                ?? throw new DumpFormatException(fileName, "no bar interval in the file name (as in FILUSDT-1m-2023-08.zip or BTC_USDT_1h.csv); give one explicitly");
        }
        return new DumpFileInfo(path, layout, symbol, interval, hasHeader);
    }

    private static DumpLayout? FromHeader(ReadOnlySpan<byte> header)
    {
        int columns = DumpLineParser.CountColumns(header);
        if (StartsWith(header, "id,price,qty,quote_qty,time,is_buyer_maker"u8))
            return columns == 6 ? DumpLayout.FuturesTrades : columns == 7 && EndsWith(header, ",is_best_match"u8) ? DumpLayout.SpotTrades : null;
        if (StartsWith(header, "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker"u8))
            return columns == 7 ? DumpLayout.FuturesAggTrades : columns == 8 && EndsWith(header, ",is_best_match"u8) ? DumpLayout.SpotAggTrades : null;
        if (StartsWith(header, "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume"u8))
            return columns == 12 ? DumpLayout.Klines : null;
        if (StartsWith(header, "timestamp,open,high,low,close,volume"u8) && (header.Length == 36 || header[36] == (byte)','))
            return DumpLayout.Ohlcv;
        return null;
    }

    private static DumpLayout? FromShape(ReadOnlySpan<byte> line)
    {
        Span<bool> isBool = stackalloc bool[12];
        int columns = DumpLineParser.CountColumns(line);
        if (columns is < 6 or > 12) return null;
        ReadOnlySpan<byte> rest = line;
        for (int i = 0; i < columns; i++) isBool[i] = DumpLineParser.TryParseBool(DumpLineParser.Next(ref rest), out _);
        return columns switch
        {
            6 when isBool[5] && !isBool[4] => DumpLayout.FuturesTrades,
            7 when isBool[5] && isBool[6] => DumpLayout.SpotTrades,
            7 when !isBool[5] && isBool[6] => DumpLayout.FuturesAggTrades,
            8 when !isBool[5] && isBool[6] && isBool[7] => DumpLayout.SpotAggTrades,
            12 when !isBool[11] => DumpLayout.Klines,
            _ => null,
        };
    }

    private static bool StartsWith(ReadOnlySpan<byte> header, ReadOnlySpan<byte> prefix)
    {
        if (header.Length < prefix.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
        {
            // Header names are compared case-insensitively: some exporters capitalise them.
            byte c = header[i];
            if (c is >= (byte)'A' and <= (byte)'Z') c += 32;
            if (c != prefix[i]) return false;
        }
        return true;
    }

    private static bool EndsWith(ReadOnlySpan<byte> header, ReadOnlySpan<byte> suffix) =>
        header.Length >= suffix.Length && StartsWith(header[^suffix.Length..], suffix);
}
