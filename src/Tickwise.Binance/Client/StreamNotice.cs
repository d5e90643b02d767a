namespace Tickwise.Binance.Client;

/// <summary>One event in the life of a <see cref="BinanceStreamClient"/>, for a log or a status line.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A plain sentence saying what and why (<c>cannot reach ws://...: Connection refused</c>).</param>
/// <param name="RetryIn">The wait before the next attempt, for failures; zero otherwise.</param>
public readonly record struct StreamNotice(StreamNoticeKind Kind, string Message, TimeSpan RetryIn);
