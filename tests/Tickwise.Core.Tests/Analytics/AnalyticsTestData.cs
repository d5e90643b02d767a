using Tickwise.Core.Market;

namespace Tickwise.Core.Tests.Analytics;

/// <summary>Builders of quotes and bars for the analytics tests.</summary>
internal static class AnalyticsTestData
{
    public static readonly Symbol Btc = new("BTCUSDT");
    public const long Start = 1_723_161_600_000; // 2024-08-09 00:00 UTC, minute aligned

    public static Price P(decimal value) => Price.TryFromDecimal(value, out Price p) ? p : throw new ArgumentException($"bad price {value}");

    public static Quantity Q(decimal value) => Quantity.TryFromDecimal(value, out Quantity q) ? q : throw new ArgumentException($"bad quantity {value}");

    public static Quote MakeQuote(decimal bid, decimal bidQty, decimal ask, decimal askQty, long timeMs, Symbol? symbol = null) =>
        new(symbol ?? Btc, 1, P(bid), Q(bidQty), P(ask), Q(askQty), timeMs);

    public static Bar MakeBar(decimal close, long openTimeMs, Interval? interval = null, Symbol? symbol = null,
        decimal? high = null, decimal? low = null, decimal volume = 1m, long trades = 1) =>
        new(symbol ?? Btc, interval ?? Interval.OneMinute, openTimeMs, P(close), P(high ?? close), P(low ?? close), P(close),
            volume, volume * close, trades, 0m, 0m);
}
