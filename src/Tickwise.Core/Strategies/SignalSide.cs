namespace Tickwise.Core.Strategies;

/// <summary>What a signal asks for.</summary>
public enum SignalSide
{
    /// <summary>Enter or add long (for a pair leg: buy the leg).</summary>
    Buy,

    /// <summary>Enter or add short (for a pair leg: sell the leg).</summary>
    Sell,

    /// <summary>Close the position.</summary>
    Exit,
}
