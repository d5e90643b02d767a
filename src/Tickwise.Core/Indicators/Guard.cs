namespace Tickwise.Core.Indicators;

/// <summary>Argument checks shared by the indicators and statistics.</summary>
internal static class Guard
{
    /// <summary>Throws when a look-back length is below <paramref name="minimum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below <paramref name="minimum"/>.</exception>
    public static void Period(int period, string name, int minimum = 1)
    {
        if (period < minimum)
            throw new ArgumentOutOfRangeException(name, period, $"The period must be at least {minimum}.");
    }
}
