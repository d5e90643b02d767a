using System.Globalization;

namespace Tickwise.Core.Alerts;

/// <summary>The checks behind <see cref="AlertRule.FindProblems"/>, one sentence per problem so that a CLI line or a 422 body can show them all at once.</summary>
internal static class AlertRuleValidation
{
    /// <summary>The largest price a <see cref="Market.Price"/> holds, about 9.2e10; checked first because converting a larger double to decimal throws.</summary>
    private const double MaxPrice = long.MaxValue / 1e8;

    public static IReadOnlyList<string> FindProblems(AlertRule rule)
    {
        var problems = new List<string>();
        CheckIdentity(rule, problems);
        if (!Enum.IsDefined(rule.Type))
        {
            problems.Add($"type {(int)rule.Type} is unknown: use one of {AlertJson.TypeNames}.");
            return problems;
        }

        string type = AlertJson.TypeName(rule.Type);
        CheckSubject(rule, type, problems);
        if (rule.Interval.Milliseconds <= 0) problems.Add("interval is missing: give one such as 1m, 5m or 1h.");
        CheckThresholds(rule, type, problems);
        if (!Enum.IsDefined(rule.Priority)) problems.Add("priority is unknown: use low, medium or high.");
        if (!double.IsFinite(rule.CooldownS) || rule.CooldownS < 0 || rule.CooldownS > AlertRule.MaxCooldownS)
            problems.Add($"cooldown_s {Text(rule.CooldownS)} must be a number of seconds from 0 to {AlertRule.MaxCooldownS:0} (one year).");
        if (!double.IsFinite(rule.Hysteresis) || rule.Hysteresis < 0)
            problems.Add($"hysteresis {Text(rule.Hysteresis)} must be a finite number of at least 0.");
        if (rule.CreatedMs < 0) problems.Add($"created_ms {rule.CreatedMs} cannot be negative.");
        CheckWindows(rule, type, problems);
        if (rule.Webhook is { } url && !IsWebhookUrl(url))
            problems.Add($"webhook '{url}' must be an absolute http:// or https:// URL.");
        return problems;
    }

    /// <summary>Returns whether <paramref name="url"/> is an absolute http or https URL.</summary>
    public static bool IsWebhookUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void CheckIdentity(AlertRule rule, List<string> problems)
    {
        if (string.IsNullOrEmpty(rule.Id)) problems.Add("id is missing.");
        else if (rule.Id.Length > AlertRule.MaxIdLength || !IsIdText(rule.Id))
            problems.Add($"id '{rule.Id}' must have 1 to {AlertRule.MaxIdLength} of A-Z, a-z, 0-9, '-', '_' and '.'.");
        if (rule.Name is null) problems.Add("name cannot be null.");
        else if (rule.Name.Length > AlertRule.MaxNameLength) problems.Add($"name has {rule.Name.Length} characters; at most {AlertRule.MaxNameLength}.");
        else if (rule.Name.Any(char.IsControl)) problems.Add("name cannot hold control characters.");
    }

    private static void CheckSubject(AlertRule rule, string type, List<string> problems)
    {
        if (rule.IsPairRule)
        {
            if (rule.Pair is not { } pair || pair.A.IsEmpty || pair.B.IsEmpty) problems.Add($"a {type} rule needs a pair of two symbols (a and b).");
            else if (pair.A == pair.B) problems.Add($"pair needs two different symbols, not {pair.A} twice.");
            if (rule.Symbol is not null) problems.Add($"a {type} rule watches a pair: give pair, not symbol.");
        }
        else
        {
            if (rule.Symbol is not { IsEmpty: false }) problems.Add($"a {type} rule needs a symbol.");
            if (rule.Pair is not null) problems.Add($"a {type} rule watches one symbol: give symbol, not pair.");
        }
    }

    private static void CheckThresholds(AlertRule rule, string type, List<string> problems)
    {
        double t = rule.Threshold;
        if (!double.IsFinite(t))
        {
            problems.Add($"threshold {Text(t)} must be a finite number.");
            return;
        }

        switch (rule.Type)
        {
            case AlertType.PriceAbove or AlertType.PriceBelow:
                if (!(t > 0) || t > MaxPrice || !Market.Price.TryFromDecimal((decimal)t, out _))
                    problems.Add($"threshold {Text(t)} of a {type} rule must be a positive price with at most 8 decimals.");
                break;
            case AlertType.ZScoreCross:
                if (!(t > 0)) problems.Add($"threshold {Text(t)} of a zscore_cross rule must be positive (it fires at +threshold and -threshold).");
                break;
            case AlertType.CorrelationBelow:
                if (t < -1 || t > 1) problems.Add($"threshold {Text(t)} of a correlation_below rule must lie in [-1, 1].");
                break;
            case AlertType.VolumeSpike or AlertType.VolatilityChange:
                if (!(t > 0)) problems.Add($"threshold {Text(t)} of a {type} rule must be a positive ratio.");
                break;
        }

        if (rule.Threshold2 is not { } t2) return;
        if (!double.IsFinite(t2)) problems.Add($"threshold2 {Text(t2)} must be a finite number.");
        else if (rule.Type is AlertType.ZScoreAbove or AlertType.ZScoreCross && !(t2 > t))
            problems.Add($"threshold2 {Text(t2)} (the extreme level) must be above threshold {Text(t)}.");
        else if (rule.Type is AlertType.ZScoreBelow && !(t2 < t))
            problems.Add($"threshold2 {Text(t2)} (the extreme level) must be below threshold {Text(t)}.");
        else if (rule.Type is not (AlertType.ZScoreAbove or AlertType.ZScoreBelow or AlertType.ZScoreCross))
            problems.Add($"threshold2 applies to z-score rules only, not to {type}.");
    }

    private static void CheckWindows(AlertRule rule, string type, List<string> problems)
    {
        int minimum = rule.Type switch
        {
            AlertType.VolumeSpike => 1,
            AlertType.VolatilityChange => 3,
            AlertType.Crossover => 1,
            _ when rule.IsPairRule => 20,
            _ => 0,
        };
        if (rule.Window is { } window)
        {
            if (minimum == 0) problems.Add($"window does not apply to {type} rules.");
            else if (window < minimum || window > AlertRule.MaxWindow) problems.Add($"window {window} must lie in [{minimum}, {AlertRule.MaxWindow}] bars for {type}.");
        }

        if (rule.ShortWindow is { } shortWindow)
        {
            if (rule.Type != AlertType.VolatilityChange) problems.Add($"short_window applies to volatility_change rules only, not to {type}.");
            else if (shortWindow < 2) problems.Add($"short_window {shortWindow} must be at least 2 bars.");
        }

        if (rule.Type == AlertType.VolatilityChange && rule.EffectiveShortWindow >= 2 && rule.EffectiveWindow <= AlertRule.MaxWindow
            && rule.EffectiveShortWindow >= rule.EffectiveWindow)
            problems.Add($"short_window {rule.EffectiveShortWindow} must be shorter than window {rule.EffectiveWindow}.");
    }

    private static bool IsIdText(string id)
    {
        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        }
        return true;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
