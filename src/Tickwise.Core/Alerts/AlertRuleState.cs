using Tickwise.Core.Indicators;

namespace Tickwise.Core.Alerts;

/// <summary>A rule with what its evaluation remembers: crossing levels, rolling windows, the last direction seen.</summary>
/// <remarks>Mutated only by the thread that evaluates; the engine swaps whole instances when a rule changes.</remarks>
internal sealed class AlertRuleState
{
    public AlertRuleState(AlertRule rule)
    {
        Rule = rule;
        CooldownMs = rule.CooldownMs;
        Levels = BuildLevels(rule);
        switch (rule.Type)
        {
            case AlertType.VolumeSpike:
                VolumeMean = new Sma(rule.EffectiveWindow);
                break;
            case AlertType.VolatilityChange:
                ShortVolatility = new RealizedVolatility(rule.EffectiveShortWindow);
                LongVolatility = new RealizedVolatility(rule.EffectiveWindow);
                break;
        }
    }

    public AlertRule Rule { get; }

    public long CooldownMs { get; }

    /// <summary>The levels of threshold rules; empty for crossover and book pressure.</summary>
    public CrossingLevel[] Levels { get; }

    /// <summary>Mean volume of the window's bars before the current one (volume_spike).</summary>
    public Sma? VolumeMean { get; }

    public RealizedVolatility? ShortVolatility { get; }

    public RealizedVolatility? LongVolatility { get; }

    /// <summary>The last value seen, for the event's <c>previous</c>; NaN before one.</summary>
    public double Previous { get; set; } = double.NaN;

    /// <summary>Crossover and book pressure: whether a state was seen, the last non-neutral direction (+1/-1, 0 none), the last fire.</summary>
    public bool SeenDirection { get; set; }

    public int LastDirection { get; set; }

    public long LastDirectionFireMs { get; set; } = long.MinValue;

    /// <summary>Describes the evaluation so far (see <see cref="AlertRuleStatus"/>). Called from any thread: it reads
    /// fields the evaluating thread writes, so it may be one value behind, never torn (bytes, doubles and longs on 64-bit).</summary>
    public AlertRuleStatus Status()
    {
        // Crossover and pressure rules have no levels: they are armed once they saw a direction.
        bool armed = SeenDirection, seen = SeenDirection;
        long lastFire = LastDirectionFireMs;
        foreach (CrossingLevel level in Levels)
        {
            armed |= level.IsArmed;
            seen |= level.HasValue;
            if (level.LastFireMs > lastFire) lastFire = level.LastFireMs;
        }
        string state = !Rule.Enabled ? AlertRuleStatus.Disabled
            : armed ? AlertRuleStatus.Armed
            : seen ? AlertRuleStatus.Passed
            : AlertRuleStatus.NoValue;
        return new AlertRuleStatus(state, Previous, lastFire == long.MinValue ? null : lastFire);
    }

    /// <summary>Keeps the cooldown clocks of <paramref name="old"/> where the levels are the same, so that replacing or
    /// re-enabling a rule does not let it fire again at once.</summary>
    public void CarryCooldownFrom(AlertRuleState old)
    {
        LastDirectionFireMs = old.LastDirectionFireMs;
        for (int i = 0; i < Levels.Length; i++)
        {
            for (int j = 0; j < old.Levels.Length; j++)
            {
                if (old.Levels[j].Tag == Levels[i].Tag) Levels[i].LastFireMs = old.Levels[j].LastFireMs;
            }
        }
    }

    /// <summary>Applies a stored fire: the level it fired disarms and its cooldown runs from the event's time.</summary>
    public void Restore(AlertEvent fired)
    {
        if (Levels.Length == 0)
        {
            if (fired.TimeMs > LastDirectionFireMs) LastDirectionFireMs = fired.TimeMs;
            SeenDirection = true;
            LastDirection = Math.Sign(fired.Value);
            return;
        }

        for (int i = 0; i < Levels.Length; i++)
        {
            if (Levels[i].Level == fired.Threshold) Levels[i].Restore(fired.TimeMs);
        }
    }

    private static CrossingLevel[] BuildLevels(AlertRule rule)
    {
        double t = rule.Threshold, h = rule.Hysteresis;
        return rule.Type switch
        {
            AlertType.PriceAbove or AlertType.VolumeSpike => [new(t, true, h, "", false)],
            AlertType.PriceBelow or AlertType.CorrelationBelow => [new(t, false, h, "", false)],
            AlertType.VolatilityChange => [new(t, t >= 1, h, "", false)],
            AlertType.ZScoreAbove => rule.Threshold2 is { } t2 ? [new(t, true, h, "", false), new(t2, true, h, "extreme", true)] : [new(t, true, h, "", false)],
            AlertType.ZScoreBelow => rule.Threshold2 is { } b2 ? [new(t, false, h, "", false), new(b2, false, h, "extreme", true)] : [new(t, false, h, "", false)],
            AlertType.ZScoreCross => rule.Threshold2 is { } c2
                ? [new(t, true, h, "", false), new(-t, false, h, "lower", false), new(c2, true, h, "extreme", true), new(-c2, false, h, "extreme-lower", true)]
                : [new(t, true, h, "", false), new(-t, false, h, "lower", false)],
            _ => [],
        };
    }
}
