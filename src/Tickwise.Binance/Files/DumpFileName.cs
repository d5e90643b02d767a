using Tickwise.Core.Market;

namespace Tickwise.Binance.Files;

/// <summary>What a dump file's name says: symbol, interval, and whether it claims trades or aggTrades.</summary>
internal readonly record struct DumpFileName(Symbol? Symbol, Interval? Interval, bool SaysTrades, bool SaysAggTrades)
{
    public static DumpFileName Parse(string fileName)
    {
        string stem = fileName;
        while (stem.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            stem = stem[..^4];

        Core.Market.Symbol? symbol = null;
        Core.Market.Interval? interval = null;
        bool saysTrades = false, saysAggTrades = false;
        if (stem.Contains('-'))
        {
            // Binance: SYMBOL-kind-date..., as in BTCUSDT-aggTrades-2024-08-08 or FILUSDT-1m-2023-08.
            string[] parts = stem.Split('-');
            if (Core.Market.Symbol.TryParse(parts[0].AsSpan(), out Core.Market.Symbol parsed)) symbol = parsed;
            for (int i = 1; i < parts.Length; i++)
            {
                if (parts[i].Equals("aggTrades", StringComparison.OrdinalIgnoreCase)) saysAggTrades = true;
                else if (parts[i].Equals("trades", StringComparison.OrdinalIgnoreCase)) saysTrades = true;
                else if (interval is null && IsIntervalWord(parts[i], out Core.Market.Interval found)) interval = found;
            }
        }
        else
        {
            // Generic: BASE_QUOTE_interval, as in BTC_USDT_1h.
            string[] parts = stem.Split('_');
            int symbolParts = parts.Length;
            if (parts.Length > 1 && IsIntervalWord(parts[^1], out Core.Market.Interval found))
            {
                interval = found;
                symbolParts--;
            }
            if (Core.Market.Symbol.TryParse(string.Concat(parts.AsSpan(0, symbolParts)).AsSpan(), out Core.Market.Symbol parsed)) symbol = parsed;
        }
        return new DumpFileName(symbol, interval, saysTrades, saysAggTrades);
    }

    private static bool IsIntervalWord(string word, out Core.Market.Interval interval)
    {
        interval = default;
        // Only <digits><unit>: a date part such as "08" or "20240808T235415" is not an interval.
        return word.Length >= 2 && char.IsAsciiLetterLower(word[^1]) && Core.Market.Interval.TryParse(word.AsSpan(), out interval);
    }
}
