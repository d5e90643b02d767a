namespace Tickwise.Binance.Streams;

/// <summary>What <see cref="BinanceMessageParser.Parse"/> made of a message, and why when it failed.</summary>
/// <remarks>
/// <see cref="Detail"/> is always a static string (such as <c>"missing field 'p'"</c>), so reporting a failure
/// allocates nothing; count failures by <see cref="Status"/> rather than logging each one.
/// </remarks>
public readonly record struct ParseResult(ParseStatus Status, string Detail)
{
    /// <summary>True when the message was parsed into market data.</summary>
    public bool IsParsed => Status == ParseStatus.Parsed;

    /// <summary>True for a rejected message (neither parsed nor ignored).</summary>
    public bool IsError => Status > ParseStatus.Ignored;

    internal static ParseResult Success { get; } = new(ParseStatus.Parsed, "");

    internal static ParseResult Fail(ParseStatus status, string detail) => new(status, detail);
}
