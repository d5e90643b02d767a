namespace Tickwise.Core.Market;

/// <summary>A bar as the exchange reports it on its kline stream: possibly still open.</summary>
/// <remarks>The exchange resends the open bar as it changes; <see cref="IsClosed"/> marks the final version.</remarks>
public readonly record struct Kline(Bar Bar, bool IsClosed, long EventTimeMs);
