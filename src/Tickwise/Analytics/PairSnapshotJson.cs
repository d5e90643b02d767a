using System.Buffers;
using System.Text;
using System.Text.Json;
using Tickwise.Web.Api;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;

namespace Tickwise.Analytics;

/// <summary>The JSON of a <see cref="PairSnapshot"/>: the stored <c>pair_snapshot</c> record and the WebSocket "pair" message.</summary>
/// <remarks>
/// Snake_case names; undefined statistics are null (JSON has no NaN). The fields of the <c>/api/pairs/series</c> row
/// (<c>open_time, price_a, price_b, hedge_ratio, spread, zscore, correlation</c>) come first, then the rest:
/// every method's hedge, ADF (Engle-Granger) and half-life.
/// </remarks>
internal static class PairSnapshotJson
{
    /// <summary>The record kind of stored snapshots.</summary>
    public const string Kind = "pair_snapshot";

    /// <summary>The record key of a snapshot: <c>A:B:INTERVAL:OPEN_TIME</c>.</summary>
    public static string Key(PairSnapshot snapshot, Interval interval) => $"{snapshot.SymbolA}:{snapshot.SymbolB}:{interval}:{snapshot.TimestampMs}";

    /// <summary>Returns the snapshot as JSON text.</summary>
    public static string ToJson(PairSnapshot snapshot, Interval interval)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, snapshot, interval);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the snapshot as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, PairSnapshot s, Interval interval)
    {
        HedgeEstimate chosen = s.Hedge(s.SpreadMethod);
        writer.WriteStartObject();
        writer.WriteString("a", s.SymbolA.ToString());
        writer.WriteString("b", s.SymbolB.ToString());
        writer.WriteString("interval", interval.ToString());
        writer.WriteNumber("open_time", s.TimestampMs);
        JsonValues.Double(writer, "price_a", s.LegA);
        JsonValues.Double(writer, "price_b", s.LegB);
        JsonValues.Double(writer, "hedge_ratio", chosen.HedgeRatio);
        JsonValues.Double(writer, "spread", s.Spread);
        JsonValues.Double(writer, "zscore", s.ZScore);
        JsonValues.Double(writer, "correlation", s.Correlation);
        writer.WriteBoolean("ready", s.IsReady);
        writer.WriteNumber("observations", s.Observations);
        writer.WriteString("hedge_method", Name(s.SpreadMethod));
        JsonValues.Double(writer, "intercept", chosen.Intercept);
        JsonValues.Double(writer, "spread_mean", s.SpreadMean);
        JsonValues.Double(writer, "spread_std_dev", s.SpreadStdDev);
        JsonValues.Double(writer, "adf_stat", s.Cointegration.Statistic);
        JsonValues.Double(writer, "adf_pvalue", s.Cointegration.PValue);
        if (s.Cointegration.Status == StatisticStatus.Ok) writer.WriteNumber("adf_lags", s.Cointegration.UsedLag);
        else writer.WriteNull("adf_lags");
        JsonValues.Double(writer, "half_life", s.HalfLife.HalfLife);
        writer.WriteStartObject("hedges");
        foreach (HedgeMethod method in Methods)
        {
            HedgeEstimate estimate = s.Hedge(method);
            writer.WriteStartObject(Name(method));
            JsonValues.Double(writer, "hedge_ratio", estimate.HedgeRatio);
            JsonValues.Double(writer, "intercept", estimate.Intercept);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static readonly HedgeMethod[] Methods = [HedgeMethod.WindowOls, HedgeMethod.RollingOls, HedgeMethod.Huber, HedgeMethod.TheilSen, HedgeMethod.Kalman];

    /// <summary>The API's name of a hedge method (ols, rolling_ols, huber, theilsen, kalman).</summary>
    public static string Name(HedgeMethod method) => method switch
    {
        HedgeMethod.WindowOls => "ols",
        HedgeMethod.RollingOls => "rolling_ols",
        HedgeMethod.Huber => "huber",
        HedgeMethod.TheilSen => "theilsen",
        _ => "kalman",
    };

}
