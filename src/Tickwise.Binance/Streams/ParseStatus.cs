namespace Tickwise.Binance.Streams;

/// <summary>The outcome of <see cref="BinanceMessageParser.Parse"/>.</summary>
/// <remarks>
/// <see cref="Parsed"/> and <see cref="Ignored"/> are not errors: an ignored message is valid JSON that carries no
/// market data Tickwise uses (a 24h ticker, an execution report, a subscription acknowledgement). Every other value
/// names why the message was rejected.
/// </remarks>
public enum ParseStatus : byte
{
    /// <summary>The message was parsed; its kind says which member of the message is set.</summary>
    Parsed = 0,

    /// <summary>Valid JSON that is not a market data message Tickwise reads.</summary>
    Ignored = 1,

    /// <summary>Not a single well-formed JSON object (empty, truncated, trailing bytes, bad syntax).</summary>
    MalformedJson = 2,

    /// <summary>A field the message kind requires is absent.</summary>
    MissingField = 3,

    /// <summary>A field has the wrong JSON type, such as a number where a decimal string belongs.</summary>
    WrongType = 4,

    /// <summary>A number or decimal string does not parse: not numeric, negative, too long or beyond eight decimals.</summary>
    BadNumber = 5,

    /// <summary>A timestamp is neither milliseconds nor microseconds between 2000 and 2100.</summary>
    BadTimestamp = 6,

    /// <summary>The fields parse but do not make sense together (bad symbol, zero quantity, high below low, ...).</summary>
    BadValue = 7,
}
