using Tickwise.Core.Market;

namespace Tickwise.Core.Alerts;

/// <summary>One firing of an <see cref="AlertRule"/>: when, the value that crossed, the level it crossed, and the values around it.</summary>
/// <remarks>
/// <para>JSON (see <see cref="AlertJson"/>): <c>{id, rule_id, rule_name, type, symbol?, pair?, interval, priority, time, value,
/// threshold, message, values:{name:number}}</c>; NaN values are written as null.</para>
/// <para><see cref="Id"/> is <c>rule_id:time</c> (plus <c>:extreme</c> or <c>:low</c> suffixes for a z-score rule's other
/// levels), so replaying the same data gives the same ids and storing them again changes nothing.</para>
/// <para><see cref="TimeMs"/> is data time: the trade's, the quote's, the bar's close (open + interval), or the pair
/// snapshot's.</para>
/// </remarks>
public sealed record AlertEvent
{
    /// <summary>Gets the identity (see the remarks).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the id of the rule that fired.</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the rule's name when it fired.</summary>
    public required string RuleName { get; init; }

    /// <summary>Gets the rule's type.</summary>
    public required AlertType Type { get; init; }

    /// <summary>Gets the symbol of a symbol rule, or null.</summary>
    public Symbol? Symbol { get; init; }

    /// <summary>Gets the pair of a pair rule, or null.</summary>
    public AlertPair? Pair { get; init; }

    /// <summary>Gets the rule's interval.</summary>
    public required Interval Interval { get; init; }

    /// <summary>Gets the priority (the rule's, or high for a z-score rule's extreme level).</summary>
    public required AlertPriority Priority { get; init; }

    /// <summary>Gets the data time of the fire, Unix ms.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Gets the value that crossed: a price, a z-score, a correlation, a ratio; +1/-1 for crossover (over/under) and book pressure (ask/bid).</summary>
    public required double Value { get; init; }

    /// <summary>Gets the level crossed (signed for <c>zscore_cross</c>: +threshold or -threshold).</summary>
    public required double Threshold { get; init; }

    /// <summary>Gets one line for people, as in <c>BTCUSDT price 62000.5 rose to 62000 or above</c>.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the values around the fire, by name (<c>price</c>, <c>previous</c>, <c>zscore</c>, <c>volume</c>, ...).</summary>
    public required IReadOnlyDictionary<string, double> Values { get; init; }
}
