namespace Tickwise.Core.Strategies;

/// <summary>What a <see cref="TradingEvent"/> carries.</summary>
public enum TradingEventKind
{
    /// <summary>A strategy's signal.</summary>
    Signal,

    /// <summary>An order placed (its state right after placing: filled, resting or rejected).</summary>
    Order,

    /// <summary>A fill of an order.</summary>
    Fill,

    /// <summary>A variant's position after a fill.</summary>
    Position,
}
