using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Backtest;

/// <summary>One round trip of a variant in one symbol: from flat to flat (a flip ends one trade and starts the next).</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy for a long trade, sell for a short one.</param>
/// <param name="EntryTimeMs">Time of the first fill.</param>
/// <param name="ExitTimeMs">Time of the fill that made it flat.</param>
/// <param name="Quantity">Base quantity entered in all.</param>
/// <param name="EntryPrice">Quantity-weighted average entry price.</param>
/// <param name="ExitPrice">Quantity-weighted average exit price.</param>
/// <param name="Pnl">Profit net of the fees of its fills, quote currency.</param>
/// <param name="Return">Pnl divided by the entry notional (EntryPrice × Quantity).</param>
public readonly record struct BacktestTrade(string Variant, Symbol Symbol, OrderSide Side, long EntryTimeMs, long ExitTimeMs,
    decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal Pnl, decimal Return);
