using Tickwise.Core.Market;

namespace Tickwise.Core.Strategies;

/// <summary>A strategy variant's position in one symbol at one moment, as the <c>position</c> record stores it.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Variant">The variant.</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Quantity">Signed base quantity.</param>
/// <param name="AveragePrice">Average entry price; zero when flat.</param>
/// <param name="RealizedPnl">Realized profit net of fees, quote asset.</param>
/// <param name="UnrealizedPnl">Open profit marked at <paramref name="LastPrice"/>.</param>
/// <param name="LastPrice">The mark: the latest close (or fill price) seen.</param>
/// <param name="OpenedMs">When the open position started, Unix ms; zero when flat.</param>
/// <param name="TimeMs">When the snapshot was taken, Unix ms.</param>
public readonly record struct PositionSnapshot(string Strategy, string Variant, Symbol Symbol, decimal Quantity, decimal AveragePrice,
    decimal RealizedPnl, decimal UnrealizedPnl, decimal LastPrice, long OpenedMs, long TimeMs)
{
    /// <summary>The record key: <c>strategy:variant:symbol</c>.</summary>
    public string Key => $"{Strategy}:{Variant}:{Symbol}";
}
