using System.Globalization;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;

namespace Tickwise.Core.Alerts;

/// <summary>The line and the values of a fired threshold rule; called only when a rule fires, so it may allocate.</summary>
internal static class AlertMessages
{
    public static string Price(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "?";

    public static string Statistic(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "?";

    public static string Describe(AlertRuleState state, in CrossingLevel level, double value, in Bar bar, PairSnapshot? snapshot)
    {
        AlertRule rule = state.Rule;
        string moved = level.Upward ? $"rose to {Statistic(level.Level)} or above" : $"fell to {Statistic(level.Level)} or below";
        string extreme = level.IsExtreme ? "extreme: " : "";
        string pair = rule.Pair is { } p ? $"{p.A}/{p.B} {rule.Interval}" : "";
        return rule.Type switch
        {
            AlertType.PriceAbove or AlertType.PriceBelow =>
                $"{rule.Symbol} price {Price(value)} {(level.Upward ? "rose to " + Price(level.Level) + " or above" : "fell to " + Price(level.Level) + " or below")}",
            AlertType.ZScoreAbove or AlertType.ZScoreBelow or AlertType.ZScoreCross => $"{extreme}{pair} spread z-score {Statistic(value)} {moved}",
            AlertType.CorrelationBelow => $"{pair} correlation {Statistic(value)} {moved}",
            AlertType.VolumeSpike =>
                $"{rule.Symbol} {rule.Interval} volume {bar.Volume.ToString(CultureInfo.InvariantCulture)} is {Statistic(value)} times the mean of the {rule.EffectiveWindow} bars before (threshold {Statistic(level.Level)})",
            _ => $"{rule.Symbol} {rule.Interval} volatility ratio {Statistic(value)} ({rule.EffectiveShortWindow} vs {rule.EffectiveWindow} bars) {moved}",
        };
    }

    public static Dictionary<string, double> Values(AlertRuleState state, double value, in Bar bar, PairSnapshot? snapshot)
    {
        AlertRule rule = state.Rule;
        switch (rule.Type)
        {
            case AlertType.PriceAbove or AlertType.PriceBelow:
                return new Dictionary<string, double>(2) { ["price"] = value, ["previous"] = state.Previous };
            case AlertType.VolumeSpike:
                return new Dictionary<string, double>(4)
                {
                    ["volume"] = (double)bar.Volume,
                    ["mean_volume"] = value > 0 ? (double)bar.Volume / value : double.NaN,
                    ["ratio"] = value,
                    ["close"] = bar.Close.ToDouble(),
                };
            case AlertType.VolatilityChange:
                return new Dictionary<string, double>(4)
                {
                    ["short_volatility"] = state.ShortVolatility!.Value,
                    ["long_volatility"] = state.LongVolatility!.Value,
                    ["ratio"] = value,
                    ["close"] = bar.Close.ToDouble(),
                };
            default:
                var values = new Dictionary<string, double>(8) { [rule.Type == AlertType.CorrelationBelow ? "correlation" : "zscore"] = value, ["previous"] = state.Previous };
                if (snapshot is not null)
                {
                    values["zscore"] = snapshot.ZScore;
                    values["correlation"] = snapshot.Correlation;
                    values["spread"] = snapshot.Spread;
                    values["hedge_ratio"] = snapshot.Hedge(snapshot.SpreadMethod).HedgeRatio;
                    values["leg_a"] = snapshot.LegA;
                    values["leg_b"] = snapshot.LegB;
                }
                return values;
        }
    }
}
