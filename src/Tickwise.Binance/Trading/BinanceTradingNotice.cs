namespace Tickwise.Binance.Trading;

/// <summary>One event of a <see cref="BinanceTradingClient"/>, for a log or a status line.</summary>
/// <remarks>Messages name methods, paths, orders and Binance's answers; never the query string, the signature, the
/// API key or the secret.</remarks>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A plain sentence.</param>
/// <param name="Wait">The wait before the next attempt, for <see cref="BinanceTradingNoticeKind.RateLimited"/>; zero otherwise.</param>
public readonly record struct BinanceTradingNotice(BinanceTradingNoticeKind Kind, string Message, TimeSpan Wait);
