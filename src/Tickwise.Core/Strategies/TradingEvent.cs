using Tickwise.Core.Trading;

namespace Tickwise.Core.Strategies;

/// <summary>One thing a <see cref="StrategyRunner"/> reports: a signal, an order, a fill or a position.</summary>
/// <param name="Kind">Which of the payloads is set.</param>
/// <param name="Signal">The signal, for <see cref="TradingEventKind.Signal"/>.</param>
/// <param name="Order">The order, for <see cref="TradingEventKind.Order"/> and <see cref="TradingEventKind.Fill"/>.</param>
/// <param name="Fill">The fill, for <see cref="TradingEventKind.Fill"/>.</param>
/// <param name="Position">The position after the fill, for <see cref="TradingEventKind.Position"/>.</param>
/// <param name="Variant">The variant concerned (null for orders of no variant).</param>
public readonly record struct TradingEvent(TradingEventKind Kind, Signal Signal = default, Order? Order = null, Fill Fill = default,
    PositionSnapshot Position = default, string? Variant = null);
