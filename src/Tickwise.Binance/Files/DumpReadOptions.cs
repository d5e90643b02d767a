namespace Tickwise.Binance.Files;

/// <summary>How <see cref="DumpFileReader"/> reads a file.</summary>
public sealed class DumpReadOptions
{
    /// <summary>The options used when none are given.</summary>
    public static DumpReadOptions Default { get; } = new();

    /// <summary>
    /// Stop at the first bad line with a <see cref="DumpFormatException"/> (<c>file:line: reason</c>) instead of skipping it,
    /// after delivering every row before it. Default false.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Rows handed to the callback at a time, 1 to 1,048,576. Default 4,096.</summary>
    public int BatchSize { get; init; } = 4_096;

    /// <summary>Called for each skipped line (not in strict mode); may be null.</summary>
    public Action<DumpLineError>? OnBadLine { get; init; }

    internal void Validate()
    {
        if (BatchSize is < 1 or > 1 << 20)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "A batch holds 1 to 1,048,576 rows.");
    }
}
