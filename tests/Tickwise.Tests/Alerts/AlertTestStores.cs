using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Alerts;

/// <summary>Stores, rules and a settable clock for the alert tests.</summary>
internal static class AlertTestStores
{
    public static readonly Symbol Btc = new("BTCUSDT");
    public static readonly Symbol Eth = new("ETHUSDT");

    /// <summary>2024-08-08T00:00:00Z.</summary>
    public const long Start = 1_723_075_200_000;

    /// <summary>Opens the kind of store named: <c>sqlite</c> (a file in <paramref name="temp"/>) or <c>postgres</c> (a fresh schema).</summary>
    public static string Spec(string kind, TempDirectory temp, PostgresCluster? cluster) => kind switch
    {
        "sqlite" => temp.File("alerts.db"),
        _ => cluster!.Url + "?schema=alerts_" + Guid.NewGuid().ToString("N")[..12],
    };

    public static AlertRule PriceAbove(double threshold, string id = "") =>
        new() { Id = id, Type = AlertType.PriceAbove, Symbol = Btc, Threshold = threshold };

    public static Price P(double value) => Price.TryFromDecimal((decimal)value, out Price price) ? price : throw new ArgumentException(value.ToString());

    public static Trade T(long id, double price, long timeMs) => new(Btc, id, P(price), new Quantity(100_000_000), timeMs, AggressorSide.Buyer);

    /// <summary>A clock that says what it is told.</summary>
    public sealed class FixedTime(long unixMs) : TimeProvider
    {
        public long UnixMs { get; set; } = unixMs;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(UnixMs);
    }
}
