namespace Tickwise.Core.Strategies;

/// <summary>How strongly the indicators agree with a signal; <see cref="None"/> for signals that carry no strength (exits, stops, pairs).</summary>
public enum SignalStrength
{
    /// <summary>No strength applies (JSON null).</summary>
    None,

    /// <summary>The trigger fired but the confirmation disagrees.</summary>
    Moderate,

    /// <summary>The trigger fired and the confirmation agrees.</summary>
    Strong,
}
