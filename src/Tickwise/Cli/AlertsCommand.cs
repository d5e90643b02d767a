using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tickwise.Alerts;
using Tickwise.Configuration;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary><c>tickwise alerts add|list|rm|enable|disable|events</c>: alert rules and fired alerts in the store.</summary>
/// <remarks>Rules are evaluated by <c>replay</c> and <c>run</c> (from the store's rules at their start). An invalid rule or a
/// symbol the store does not hold fails with one line and stores nothing.</remarks>
internal static class AlertsCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var alerts = new Command("alerts", "Manage alert rules (price, z-score, correlation, volume spike, volatility, crossover, book pressure) and list fired alerts.");
        alerts.Subcommands.Add(CreateAdd(settings));
        alerts.Subcommands.Add(CreateList(settings));
        alerts.Subcommands.Add(CreateRemove(settings));
        alerts.Subcommands.Add(CreateEnable(settings, "enable", true));
        alerts.Subcommands.Add(CreateEnable(settings, "disable", false));
        alerts.Subcommands.Add(CreateEvents(settings));
        return alerts;
    }

    private static Command CreateAdd(TickwiseSettings settings)
    {
        var type = new Option<string>("--type") { Description = $"Rule type: {AlertJson.TypeNames}.", Required = true };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol of a price, volume_spike, volatility_change, crossover or book_pressure rule." };
        var pair = new Option<string?>("--pair") { Description = "A,B of a z-score or correlation rule (A hedged on B)." };
        var threshold = new Option<string?>("--threshold") { Description = "Level that fires the rule: a price, a z-score (default ±2), a correlation, k times the mean volume, a volatility ratio." };
        var threshold2 = new Option<string?>("--threshold2") { Description = "Extreme level of a z-score rule (default ±3 when --threshold is not given); fires at high priority." };
        var interval = new Option<string>("--interval") { Description = "Bar interval the values come from.", DefaultValueFactory = _ => "1m" };
        var priority = new Option<string>("--priority") { Description = "low, medium or high.", DefaultValueFactory = _ => "medium" };
        var cooldown = new Option<string>("--cooldown") { Description = "No second fire of a level within this data time: 0, 90s, 15m, 2h.", DefaultValueFactory = _ => "0" };
        var hysteresis = new Option<string?>("--hysteresis") { Description = "After a fire, the value must go back this far past the threshold before it can fire again." };
        var name = new Option<string?>("--name") { Description = "Name shown with the alerts (default: the rule's definition)." };
        var window = new Option<string?>("--window") { Description = "Bars of the volume mean (20), long volatility (20), SMA of crossover (5) or pair statistics (240)." };
        var shortWindow = new Option<string?>("--short-window") { Description = "Bars of the short volatility of volatility_change (5)." };
        var webhook = new Option<string?>("--webhook") { Description = "http(s) URL the rule's alerts are POSTed to as JSON." };
        var disabled = new Option<bool>("--disabled") { Description = "Store the rule disabled." };
        var json = new Option<bool>("--json") { Description = "Print the stored rule as JSON." };
        var db = CommonOptions.Db(settings);

        var command = new Command("add", "Add an alert rule.") { type, symbol, pair, threshold, threshold2, interval, priority, cooldown, hysteresis, name, window, shortWindow, webhook, disabled, json, db };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            string typeText = result.GetValue(type)!;
            if (!AlertJson.TryParseType(typeText, out AlertType alertType)) throw new CliException($"--type {typeText}: use one of {AlertJson.TypeNames}.");
            string priorityText = result.GetValue(priority)!;
            if (!AlertJson.TryParsePriority(priorityText, out AlertPriority alertPriority)) throw new CliException($"--priority {priorityText}: use low, medium or high.");
            var (t, t2) = Thresholds(alertType, Number(result.GetValue(threshold), "--threshold"), Number(result.GetValue(threshold2), "--threshold2"));
            var rule = new AlertRule
            {
                Name = result.GetValue(name) ?? "",
                Type = alertType,
                Symbol = result.GetValue(symbol) is { } s ? CliValues.ParseSymbol(s) : null,
                Pair = result.GetValue(pair) is { } p ? ParsePair(p) : null,
                Interval = CliValues.ParseInterval(result.GetValue(interval)!),
                Threshold = t,
                Threshold2 = t2,
                Priority = alertPriority,
                CooldownS = ParseCooldown(result.GetValue(cooldown)!),
                Hysteresis = Number(result.GetValue(hysteresis), "--hysteresis") ?? 0,
                Enabled = !result.GetValue(disabled),
                Window = Bars(result.GetValue(window), "--window"),
                ShortWindow = Bars(result.GetValue(shortWindow), "--short-window"),
                Webhook = result.GetValue(webhook),
            };
            // Check the definition before opening the store, so a mistake never depends on which database is named.
            string[] problems = [.. (rule with { Id = "check" }).FindProblems()];
            if (problems.Length > 0) throw new CliException("invalid alert rule: " + string.Join("; ", problems));

            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            if (rule.Symbol is { } one) StoredBars.RequireSymbol(store, one);
            if (rule.Pair is { } legs)
            {
                StoredBars.RequireSymbol(store, legs.A);
                StoredBars.RequireSymbol(store, legs.B);
            }
            AlertRule stored = new AlertRepository(store).Add(rule);
            Console.WriteLine(result.GetValue(json) ? AlertJson.WriteRule(stored) : $"added alert rule {stored.Id}: {stored.Describe()}{(stored.Enabled ? "" : " (disabled)")}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateList(TickwiseSettings settings)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of the rules." };
        var db = CommonOptions.Db(settings);
        var command = new Command("list", "List the alert rules, oldest first.") { json, db };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            var problems = new List<string>();
            IReadOnlyList<AlertRule> rules = new AlertRepository(store).LoadRules(problems);
            foreach (string problem in problems) Console.Error.WriteLine($"tickwise: warning: {problem}");
            if (result.GetValue(json))
            {
                WriteJsonArray(rules, static rule => AlertJson.WriteRule(rule));
                return Task.FromResult(0);
            }
            if (rules.Count == 0)
            {
                Console.Error.WriteLine("tickwise: no alert rules; add one with 'tickwise alerts add'.");
                return Task.FromResult(0);
            }
            var rows = new List<string[]> { new[] { "ID", "ENABLED", "TYPE", "SUBJECT", "INTERVAL", "THRESHOLD", "PRIORITY", "COOLDOWN_S", "HYSTERESIS", "NAME" } };
            foreach (AlertRule r in rules)
            {
                string levels = AlertJson.FormatNumber(r.Threshold) + (r.Threshold2 is { } t2 ? "/" + AlertJson.FormatNumber(t2) : "");
                rows.Add([r.Id, r.Enabled ? "yes" : "no", AlertJson.TypeName(r.Type), r.Subject, r.Interval.ToString(), levels,
                    AlertJson.PriorityName(r.Priority), AlertJson.FormatNumber(r.CooldownS), AlertJson.FormatNumber(r.Hysteresis), r.Name]);
            }
            WriteTable(rows);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateRemove(TickwiseSettings settings)
    {
        var id = new Argument<string>("id") { Description = "The rule's id (see 'alerts list')." };
        var db = CommonOptions.Db(settings);
        var command = new Command("rm", "Delete an alert rule (its fired alerts stay).") { id, db };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            string ruleId = result.GetValue(id)!;
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            if (!new AlertRepository(store).Remove(ruleId)) throw new CliException($"no alert rule '{ruleId}'; 'tickwise alerts list' shows them.");
            Console.WriteLine($"removed alert rule {ruleId}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateEnable(TickwiseSettings settings, string verb, bool enabled)
    {
        var id = new Argument<string>("id") { Description = "The rule's id (see 'alerts list')." };
        var db = CommonOptions.Db(settings);
        var command = new Command(verb, $"{(enabled ? "Enable" : "Disable")} an alert rule.") { id, db };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            string ruleId = result.GetValue(id)!;
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            if (new AlertRepository(store).SetEnabled(ruleId, enabled) is null) throw new CliException($"no alert rule '{ruleId}'; 'tickwise alerts list' shows them.");
            Console.WriteLine($"{verb}d alert rule {ruleId}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateEvents(TickwiseSettings settings)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of the events." };
        var db = CommonOptions.Db(settings);
        var command = new Command("events", "List fired alerts, newest first.") { limit, json, db };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            int max = result.GetValue(limit);
            if (max <= 0) throw new CliException($"--limit {max}: give a positive number.");
            using ITickStore store = StoredBars.OpenExisting(result.GetValue(db)!);
            IReadOnlyList<AlertEvent> events = new AlertRepository(store).ReadEvents(max);
            if (result.GetValue(json))
            {
                WriteJsonArray(events, AlertJson.WriteEvent);
                return Task.FromResult(0);
            }
            if (events.Count == 0)
            {
                Console.Error.WriteLine("tickwise: no alerts fired yet.");
                return Task.FromResult(0);
            }
            var rows = new List<string[]> { new[] { "TIME", "RULE", "PRIORITY", "VALUE", "THRESHOLD", "MESSAGE" } };
            foreach (AlertEvent e in events)
            {
                rows.Add([DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    e.RuleId, AlertJson.PriorityName(e.Priority), AlertJson.FormatNumber(e.Value), AlertJson.FormatNumber(e.Threshold), e.Message]);
            }
            WriteTable(rows);
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Z-score rules default to ±2 with ±3 as the extreme level (the issue's defaults); every other type needs a threshold,
    /// except crossover and book_pressure, which have none.</summary>
    private static (double Threshold, double? Threshold2) Thresholds(AlertType type, double? threshold, double? threshold2)
    {
        switch (type)
        {
            case AlertType.ZScoreAbove or AlertType.ZScoreCross: return threshold is null ? (2, threshold2 ?? 3) : (threshold.Value, threshold2);
            case AlertType.ZScoreBelow: return threshold is null ? (-2, threshold2 ?? -3) : (threshold.Value, threshold2);
            case AlertType.Crossover or AlertType.BookPressure:
                if (threshold is not null) throw new CliException($"--threshold: a {AlertJson.TypeName(type)} rule has none.");
                return (0, threshold2);
            default:
                return threshold is { } t ? (t, threshold2) : throw new CliException($"--threshold: a {AlertJson.TypeName(type)} rule needs one.");
        }
    }

    /// <summary>Parses an optional number with a one-line error (the parser's own message names .NET types).</summary>
    private static double? Number(string? text, string option) =>
        text is null ? null
        : double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
        : throw new CliException($"{option} {text}: give a number, such as 62000 or 2.5.");

    private static int? Bars(string? text, string option) =>
        text is null ? null
        : int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw new CliException($"{option} {text}: give a whole number of bars, such as 20.");

    private static AlertPair ParsePair(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) throw new CliException($"--pair {text}: give two symbols, A,B, such as BTCUSDT,ETHUSDT.");
        return new AlertPair(CliValues.ParseSymbol(parts[0]), CliValues.ParseSymbol(parts[1]));
    }

    /// <summary>Seconds from <c>0</c>, a plain number of seconds, or a duration such as <c>90s</c>, <c>15m</c>, <c>2h</c>.</summary>
    private static double ParseCooldown(string text)
    {
        string trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            return double.IsFinite(seconds) && seconds >= 0 ? seconds : throw new CliException($"--cooldown {text}: give 0 or more seconds, or a duration such as 90s or 15m.");
        return CliValues.ParseDuration(trimmed).TotalSeconds;
    }

    private static void WriteJsonArray<T>(IReadOnlyList<T> items, Func<T, string> write)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < items.Count; i++) text.Append(i == 0 ? "" : ",").Append(write(items[i]));
        text.Append(']');
        using JsonDocument check = JsonDocument.Parse(text.ToString()); // the pieces are JSON; the array must be too
        Console.WriteLine(text);
    }

    private static void WriteTable(List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        foreach (string[] row in rows)
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Length; i++) line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            Console.WriteLine(line.ToString().TrimEnd());
        }
    }
}
