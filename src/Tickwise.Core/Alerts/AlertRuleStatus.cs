namespace Tickwise.Core.Alerts;

/// <summary>Where a rule's evaluation stands, for people wondering why a rule has not fired.</summary>
/// <param name="State">
/// <c>no_value</c>: nothing evaluated since the rule was added, changed or enabled (its first value will only tell the
/// side); <c>armed</c>: the next crossing fires (a level with the value on its near side, or a crossover or pressure rule
/// that saw a direction); <c>passed</c>: every level was reached, so the value must come back (beyond the hysteresis)
/// before the rule can fire again; <c>disabled</c>.
/// </param>
/// <param name="LastValue">The last value evaluated (price, z-score, ratio), or NaN.</param>
/// <param name="LastFireMs">Data time of the rule's last fire (suppressed crossings included), or null.</param>
public sealed record AlertRuleStatus(string State, double LastValue, long? LastFireMs)
{
    /// <summary>The <see cref="State"/> before any value.</summary>
    public const string NoValue = "no_value";

    /// <summary>The <see cref="State"/> of a rule whose next crossing fires.</summary>
    public const string Armed = "armed";

    /// <summary>The <see cref="State"/> of a rule whose levels were all reached.</summary>
    public const string Passed = "passed";

    /// <summary>The <see cref="State"/> of a disabled rule.</summary>
    public const string Disabled = "disabled";
}
