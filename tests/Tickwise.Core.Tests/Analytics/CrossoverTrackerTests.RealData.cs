using System.IO.Compression;
using System.Text.Json;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Core.Tests.Indicators;

namespace Tickwise.Core.Tests.Analytics;

public sealed partial class CrossoverTrackerTests
{
    // shared/data/binance/ws/spot: BTCUSDT @bookTicker and @trade frames, 2024-08-08 23:54:15 to 00:05:05 UTC. Spot book
    // tickers carry no event time, so a quote is stamped at its receive time + 1.3 s (the collector's lag, README).
    private const long CollectorLagMs = 1_300;

    private static (List<Quote> Quotes, List<Bar> Bars) RecordedBtc()
    {
        var quotes = new List<Quote>();
        var trades = new List<(long TimeMs, decimal Price, decimal Qty)>();
        foreach (string file in new[] { "btcusdt_20240808.gz", "btcusdt_20240809.gz" })
        {
            using var stream = new GZipStream(File.OpenRead(ReferenceData.SharedPath("data", "binance", "ws", "spot", file)), CompressionMode.Decompress);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                int space = line.IndexOf(' ');
                if (space < 0 || !line.Contains("\"stream\"", StringComparison.Ordinal)) continue;
                using JsonDocument doc = JsonDocument.Parse(line.AsMemory(space + 1));
                string name = doc.RootElement.GetProperty("stream").GetString()!;
                JsonElement d = doc.RootElement.GetProperty("data");
                if (name.EndsWith("@bookTicker", StringComparison.Ordinal))
                {
                    long ms = long.Parse(line.AsSpan(0, space)) / 1_000_000 + CollectorLagMs;
                    quotes.Add(AnalyticsTestData.MakeQuote(Dec(d, "b"), Dec(d, "B"), Dec(d, "a"), Dec(d, "A"), ms));
                }
                else if (name.EndsWith("@trade", StringComparison.Ordinal))
                    trades.Add((d.GetProperty("T").GetInt64(), Dec(d, "p"), Dec(d, "q")));
            }
        }

        // Complete 1m bars only: the first and last minutes of the recording are partial.
        var bars = trades.GroupBy(t => t.TimeMs / 60_000 * 60_000).OrderBy(g => g.Key).Skip(1).SkipLast(1)
            .Select(g =>
            {
                var ordered = g.OrderBy(t => t.TimeMs).ToList();
                decimal volume = ordered.Sum(t => t.Qty);
                return new Bar(AnalyticsTestData.Btc, Interval.OneMinute, g.Key, AnalyticsTestData.P(ordered[0].Price),
                    AnalyticsTestData.P(ordered.Max(t => t.Price)), AnalyticsTestData.P(ordered.Min(t => t.Price)), AnalyticsTestData.P(ordered[^1].Price),
                    volume, ordered.Sum(t => t.Qty * t.Price), ordered.Count, 0m, 0m);
            }).ToList();
        return (quotes.OrderBy(q => q.TimestampMs).ToList(), bars);
    }

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void OnQuoteAndOnBar_RecordedBtcStream_AgreeWithANaiveRecomputation()
    {
        var (quotes, bars) = RecordedBtc();
        bars.Count.ShouldBeGreaterThanOrEqualTo(9);
        quotes.Count.ShouldBeGreaterThan(10_000);
        var sut = new CrossoverTracker(AnalyticsTestData.Btc);

        // Replay in time order: a bar enters when it closes (open + 1 minute), before quotes at that instant.
        int b = 0, crosses = 0, lastSign = 0, pressureChecks = 0;
        long? lastCross = null;
        foreach (Quote quote in quotes)
        {
            while (b < bars.Count && bars[b].OpenTimeMs + 60_000 <= quote.TimestampMs) sut.OnBar(bars[b++]);
            sut.OnQuote(quote).ShouldBeTrue();

            // Naive: the mean of the last five closed bars, compared with the mid from scratch.
            double mid = (quote.BidPrice.ToDouble() + quote.AskPrice.ToDouble()) / 2;
            int sign = 0;
            if (b >= 5)
            {
                double sma = Enumerable.Range(b - 5, 5).Average(i => bars[i].Close.ToDouble());
                sut.Sma.ShouldBe(sma, 1e-9);
                sign = Math.Sign(mid - sma);
            }

            if (sign != 0 && lastSign != 0 && sign != lastSign)
            {
                crosses++;
                lastCross = quote.TimestampMs;
            }

            if (sign != 0) lastSign = sign;
            sut.State.ShouldBe(sign switch { > 0 => CrossoverState.Over, < 0 => CrossoverState.Under, _ => CrossoverState.Neutral });

            double bid = quote.BidPrice.ToDouble(), ask = quote.AskPrice.ToDouble();
            if (sut.Pressure != BookPressure.Neutral)
            {
                bool nearerBid = sut.MicroPrice - bid < ask - sut.MicroPrice;
                (sut.Pressure == BookPressure.Bid).ShouldBe(nearerBid);
                pressureChecks++;
            }

            // Mostly one tick (0.0016 bps), but the recording has moments of several bps after sweeps.
            sut.QuotedSpreadBps.ShouldBe((ask - bid) / mid * 10_000, 1e-9);
            sut.QuotedSpread.ShouldBe(quote.AskPrice.ToDecimal() - quote.BidPrice.ToDecimal());
        }

        sut.CrossCount.ShouldBe(crosses);
        sut.LastCrossTimeMs.ShouldBe(lastCross);
        crosses.ShouldBeGreaterThan(0); // the recording does cross its five-minute average
        pressureChecks.ShouldBeGreaterThan(1000);
    }
}
