using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Bars;

/// <summary>Seeded random trade streams with quiet gaps, bursts, aggregated trades and trades that arrive late.</summary>
internal static class RandomTrades
{
    public const long StartMs = 1_723_075_200_123; // 2024-08-08T00:00:00.123Z

    public static List<CsvTrade> Generate(int seed, int count, double lateShare = 0.02)
    {
        var random = new Random(seed);
        var trades = new List<CsvTrade>(count);
        long time = StartMs;
        long priceCents = 6_000_000; // 60000.00
        for (int i = 0; i < count; i++)
        {
            double roll = random.NextDouble();
            long timeMs = time;
            if (roll < lateShare)
            {
                timeMs = time - random.Next(0, 20_000); // maybe inside the current bar, maybe before it
            }
            else
            {
                double gap = random.NextDouble();
                time += gap < 0.002 ? random.Next(60_000, 3_600_000) // a quiet spell: minutes to an hour
                    : gap < 0.05 ? random.Next(1_000, 30_000)
                    : random.Next(0, 300);
                timeMs = time;
            }
            priceCents = Math.Max(1, priceCents + random.Next(-50, 51));
            decimal price = priceCents / 100m + random.Next(0, 100) / 1_000_000_00m;
            decimal quantity = random.Next(1, 2_000_000_000) / 100_000_000m;
            int tradeCount = random.NextDouble() < 0.1 ? random.Next(2, 20) : 1;
            trades.Add(new CsvTrade(i, price, quantity, timeMs, random.Next(2) == 0, tradeCount));
        }
        return trades;
    }

    /// <summary>Splits a stream into the trades the late-trade rule applies and the count it ignores, computed independently.</summary>
    public static (List<CsvTrade> Applied, long Late) ApplyLateRule(IReadOnlyList<CsvTrade> trades, Interval baseInterval)
    {
        var applied = new List<CsvTrade>(trades.Count);
        long late = 0;
        long? latestMs = null;
        foreach (CsvTrade trade in trades)
        {
            if (latestMs is long latest && trade.TimestampMs < NaiveBars.Floor(latest, baseInterval.Milliseconds))
            {
                late++;
                continue;
            }
            latestMs = Math.Max(latestMs ?? long.MinValue, trade.TimestampMs);
            applied.Add(trade);
        }
        return (applied, late);
    }
}
