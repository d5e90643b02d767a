using Tickwise.Core.Market;

namespace Tickwise.Core.Alerts;

/// <summary>A user's alert: what to watch (<see cref="Type"/> on a symbol or a pair), the level that fires it, and how often it may fire.</summary>
/// <remarks>
/// <para>JSON (see <see cref="AlertJson"/>): <c>{id, name, type, symbol?, pair?:{a, b}, interval, threshold, threshold2?,
/// priority, cooldown_s, hysteresis, enabled, created_ms}</c>, plus the optional <c>window</c>, <c>short_window</c> and
/// <c>webhook</c> this type adds to the shared contract.</para>
/// <para>Symbol rules (<c>price_*</c>, <c>volume_spike</c>, <c>volatility_change</c>, <c>crossover</c>, <c>book_pressure</c>)
/// name <see cref="Symbol"/>; pair rules (<c>zscore_*</c>, <c>correlation_below</c>) name <see cref="Pair"/>.</para>
/// <para>Per type: <see cref="Threshold"/> is a price for <c>price_*</c> (exact to 8 decimals), a z-score, a correlation in
/// [-1, 1], a multiple k of the mean volume, or a short/long volatility ratio; <c>crossover</c> and <c>book_pressure</c>
/// ignore it. <see cref="Threshold2"/> is the optional "extreme" level of z-score rules (further out than the threshold),
/// which fires its own events at <see cref="AlertPriority.High"/>. <see cref="Window"/> is the bars of the volume mean
/// (<c>volume_spike</c>), of the long volatility (<c>volatility_change</c>, with <see cref="ShortWindow"/>), of the moving
/// average (<c>crossover</c>) or of the pair statistics (pair rules); null takes the defaults below.</para>
/// <para>An instance is immutable; change a rule by replacing it (<c>with</c>).</para>
/// </remarks>
public sealed record AlertRule
{
    /// <summary>The longest id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Bars of <see cref="Window"/> when none is given: 20 (volume mean, long volatility).</summary>
    public const int DefaultWindow = 20;

    /// <summary>Bars of the moving average of a <c>crossover</c> rule without <see cref="Window"/>: 5, as <see cref="Analytics.CrossoverTrackerOptions"/>.</summary>
    public const int DefaultCrossoverWindow = 5;

    /// <summary>Bars of <see cref="ShortWindow"/> when none is given: 5.</summary>
    public const int DefaultShortWindow = 5;

    /// <summary>Bars of the pair statistics when a pair rule gives no <see cref="Window"/>: 240 (as <see cref="Pairs.PairAnalyticsOptions"/>).</summary>
    public const int DefaultPairWindow = 240;

    /// <summary>The largest <see cref="Window"/>.</summary>
    public const int MaxWindow = 100_000;

    /// <summary>The longest cooldown: one year.</summary>
    public const double MaxCooldownS = 366 * 86_400;

    /// <summary>Gets the identity: 1 to 64 of A-Z, a-z, 0-9, '-', '_', '.'.</summary>
    public string Id { get; init; } = "";

    /// <summary>Gets the name people see; may be empty.</summary>
    public string Name { get; init; } = "";

    /// <summary>Gets what the rule watches.</summary>
    public AlertType Type { get; init; }

    /// <summary>Gets the symbol of a symbol rule, or null for a pair rule.</summary>
    public Symbol? Symbol { get; init; }

    /// <summary>Gets the legs of a pair rule, or null for a symbol rule.</summary>
    public AlertPair? Pair { get; init; }

    /// <summary>Gets the bar interval the rule's values come from. Default 1m. Price rules watch every trade and only carry it.</summary>
    public Interval Interval { get; init; } = Interval.OneMinute;

    /// <summary>Gets the level that fires the rule (see the remarks for its unit per type).</summary>
    public double Threshold { get; init; }

    /// <summary>Gets the extreme level of a z-score rule, or null.</summary>
    public double? Threshold2 { get; init; }

    /// <summary>Gets the priority of the events. Default medium.</summary>
    public AlertPriority Priority { get; init; } = AlertPriority.Medium;

    /// <summary>Gets the seconds of data time after a fire during which the same level does not fire again. Default 0.</summary>
    public double CooldownS { get; init; }

    /// <summary>Gets how far back past the threshold the value must go, after a fire, before the level can fire again. Default 0.</summary>
    public double Hysteresis { get; init; }

    /// <summary>Gets whether the rule is evaluated. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets when the rule was created, Unix ms.</summary>
    public long CreatedMs { get; init; }

    /// <summary>Gets the bars of the rule's main window, or null for the type's default.</summary>
    public int? Window { get; init; }

    /// <summary>Gets the bars of the short volatility of <c>volatility_change</c>, or null for <see cref="DefaultShortWindow"/>.</summary>
    public int? ShortWindow { get; init; }

    /// <summary>Gets the http(s) URL fired events of this rule are POSTed to, or null.</summary>
    public string? Webhook { get; init; }

    /// <summary>Gets whether the rule watches a pair rather than a symbol.</summary>
    public bool IsPairRule => IsPairType(Type);

    /// <summary>Gets <see cref="Window"/> or the type's default.</summary>
    public int EffectiveWindow => Window ?? (IsPairRule ? DefaultPairWindow : Type == AlertType.Crossover ? DefaultCrossoverWindow : DefaultWindow);

    /// <summary>Gets <see cref="ShortWindow"/> or <see cref="DefaultShortWindow"/>.</summary>
    public int EffectiveShortWindow => ShortWindow ?? DefaultShortWindow;

    /// <summary>Gets the cooldown in milliseconds.</summary>
    public long CooldownMs => (long)Math.Round(CooldownS * 1000);

    /// <summary>Gets the symbol or the pair as text (<c>BTCUSDT</c>, <c>BTCUSDT,ETHUSDT</c>).</summary>
    public string Subject => Pair is { } pair ? pair.ToString() : Symbol?.ToString() ?? "";

    /// <summary>Returns whether rules of <paramref name="type"/> watch a pair.</summary>
    public static bool IsPairType(AlertType type) =>
        type is AlertType.ZScoreAbove or AlertType.ZScoreBelow or AlertType.ZScoreCross or AlertType.CorrelationBelow;

    /// <summary>Returns everything wrong with the rule, one plain sentence each; empty when it is valid. Never throws.</summary>
    public IReadOnlyList<string> FindProblems() => AlertRuleValidation.FindProblems(this);

    /// <summary>Throws when the rule is invalid.</summary>
    /// <exception cref="AlertRuleException">The rule has problems; <see cref="AlertRuleException.Problems"/> lists them.</exception>
    public void Validate()
    {
        IReadOnlyList<string> problems = FindProblems();
        if (problems.Count > 0) throw new AlertRuleException(problems);
    }

    /// <summary>Returns a short description, as in <c>price_above BTCUSDT 62000</c>.</summary>
    public string Describe() => $"{AlertJson.TypeName(Type)} {Subject} {Interval} {AlertJson.FormatNumber(Threshold)}";
}
