using Tickwise.Core.Market;

namespace Tickwise.Storage;

/// <summary>The argument checks every <see cref="ITickStore"/> makes before a read, in one place so the stores agree.</summary>
internal static class StoreArguments
{
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public static void CheckTradeRead(Symbol symbol, int limit)
    {
        if (symbol.IsEmpty) throw new ArgumentException("Name a symbol to read trades of.", nameof(symbol));
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
    }

    /// <exception cref="ArgumentException"><paramref name="symbol"/> or <paramref name="interval"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public static void CheckBarRead(Symbol symbol, Interval interval, int limit)
    {
        if (symbol.IsEmpty) throw new ArgumentException("Name a symbol to read bars of.", nameof(symbol));
        if (interval.Milliseconds == 0) throw new ArgumentException("Name an interval to read bars of.", nameof(interval));
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
    }
}
