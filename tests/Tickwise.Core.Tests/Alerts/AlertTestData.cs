using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Tests.Alerts;

/// <summary>Hand-made rules, prices, bars and pair snapshots for the alert tests.</summary>
internal static class AlertTestData
{
    public static readonly Symbol Btc = new("BTCUSDT");
    public static readonly Symbol Eth = new("ETHUSDT");

    /// <summary>2024-08-08T00:00:00Z.</summary>
    public const long Start = 1_723_075_200_000;

    public static AlertRule PriceAbove(double threshold, string id = "r1") =>
        new() { Id = id, Name = "btc up", Type = AlertType.PriceAbove, Symbol = Btc, Threshold = threshold, CreatedMs = Start };

    public static AlertRule PriceBelow(double threshold, string id = "r2") =>
        new() { Id = id, Name = "btc down", Type = AlertType.PriceBelow, Symbol = Btc, Threshold = threshold, CreatedMs = Start };

    public static AlertRule PairRule(AlertType type, double threshold, double? threshold2 = null, string id = "p1") =>
        new() { Id = id, Name = "pair", Type = type, Pair = new AlertPair(Btc, Eth), Threshold = threshold, Threshold2 = threshold2, CreatedMs = Start };

    public static Price P(double value) => Price.TryFromDecimal((decimal)value, out Price price) ? price : throw new ArgumentException(value.ToString());

    /// <summary>Feeds <paramref name="prices"/> to the engine one second apart from <see cref="Start"/>.</summary>
    public static void FeedPrices(AlertEngine sut, params double[] prices)
    {
        for (int i = 0; i < prices.Length; i++) sut.OnPrice(Btc, Start + i * 1000L, P(prices[i]));
    }

    public static Bar MakeBar(long openTimeMs, double close, decimal volume, Interval? interval = null)
    {
        Price price = P(close);
        return new Bar(Btc, interval ?? Interval.OneMinute, openTimeMs, price, price, price, price, volume, volume * (decimal)close, 1, 0m, 0m);
    }

    public static PairSnapshot Snapshot(long timeMs, double zScore, double correlation = 0.9) => new()
    {
        TimestampMs = timeMs,
        SymbolA = Btc,
        SymbolB = Eth,
        Observations = 240,
        IsReady = true,
        LegA = 60_000,
        LegB = 2_500,
        WindowOls = new HedgeEstimate(HedgeMethod.WindowOls, StatisticStatus.Ok, 24, 10),
        RollingOls = new HedgeEstimate(HedgeMethod.RollingOls, StatisticStatus.Ok, 24, 10),
        Huber = new HedgeEstimate(HedgeMethod.Huber, StatisticStatus.Ok, 24, 10),
        TheilSen = new HedgeEstimate(HedgeMethod.TheilSen, StatisticStatus.Ok, 24, 10),
        Kalman = new HedgeEstimate(HedgeMethod.Kalman, StatisticStatus.Ok, 24, 10),
        SpreadMethod = HedgeMethod.WindowOls,
        Spread = zScore * 5,
        ZScoreStatus = StatisticStatus.Ok,
        ZScore = zScore,
        SpreadMean = 0,
        SpreadStdDev = 5,
        Cointegration = null!,
        HalfLife = default,
        CorrelationStatus = StatisticStatus.Ok,
        Correlation = correlation,
        SpearmanCorrelation = double.NaN,
    };

    /// <summary>An engine that collects what it fires.</summary>
    public static (AlertEngine Engine, List<AlertEvent> Fired) Engine(params AlertRule[] rules)
    {
        var fired = new List<AlertEvent>();
        var engine = new AlertEngine(fired.Add);
        foreach (AlertRule rule in rules) engine.Add(rule);
        return (engine, fired);
    }
}
