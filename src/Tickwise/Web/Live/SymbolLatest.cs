using Tickwise.Core.Market;

namespace Tickwise.Web.Live;

/// <summary>One symbol's latest trade and quote and its message counts, as <see cref="LiveMarket"/> keeps them.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="LastPrice">The latest trade's price, or null before the first trade.</param>
/// <param name="LastTradeMs">The latest trade's time (exchange, Unix ms), or null.</param>
/// <param name="Quote">The latest best bid/ask, or null before the first.</param>
/// <param name="Messages">Trades and quotes received.</param>
/// <param name="LastMessageWallMs">When the latest message arrived (local clock, Unix ms), or null.</param>
internal readonly record struct SymbolLatest(Symbol Symbol, Price? LastPrice, long? LastTradeMs, Quote? Quote, long Messages, long? LastMessageWallMs);
