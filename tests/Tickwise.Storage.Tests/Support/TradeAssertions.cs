using Tickwise.Core.Market;

namespace Tickwise.Storage.Tests.Support;

/// <summary>Comparisons of long trade sequences that report the first difference instead of printing both sequences whole.</summary>
public static class TradeAssertions
{
    public static void ShouldBeSameTrades(this IEnumerable<Trade> actual, ReadOnlySpan<Trade> expected)
    {
        Trade[] read = [.. actual];
        for (int i = 0; i < Math.Min(read.Length, expected.Length); i++)
            if (read[i] != expected[i]) throw new ShouldAssertException($"trade {i} differs: expected {expected[i]} but was {read[i]}");
        if (read.Length != expected.Length) throw new ShouldAssertException($"expected {expected.Length} trades but read {read.Length}");
    }
}
