namespace Tickwise.Core.Market;

/// <summary>A price, exact to eight decimals (see <see cref="FixedPoint"/>).</summary>
/// <remarks>Never negative. Zero is allowed because some feeds use it for "no price".</remarks>
public readonly record struct Price : IComparable<Price>
{
    /// <summary>Creates a price from its raw count of 10^-8 units.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="raw"/> is negative.</exception>
    public Price(long raw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(raw);
        Raw = raw;
    }

    /// <summary>The price in 10^-8 units of the quote asset.</summary>
    public long Raw { get; }

    /// <summary>Parses an exchange decimal string (<c>"61837.63000000"</c>) exactly. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price value)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw) && raw >= 0;
        value = ok ? new Price(raw) : default;
        return ok;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Price)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Price value)
    {
        bool ok = FixedPoint.TryParse(text, out long raw) && raw >= 0;
        value = ok ? new Price(raw) : default;
        return ok;
    }

    /// <summary>Parses an exchange decimal string.</summary>
    /// <exception cref="FormatException">The text is not an exact non-negative price.</exception>
    public static Price Parse(string text) =>
        TryParse(text.AsSpan(), out Price value) ? value : throw new FormatException($"'{text}' is not a price with at most 8 decimals.");

    /// <summary>Returns the exact price of <paramref name="value"/>, or false when it needs more than 8 decimals.</summary>
    public static bool TryFromDecimal(decimal value, out Price price)
    {
        bool ok = FixedPoint.TryFromDecimal(value, out long raw) && raw >= 0;
        price = ok ? new Price(raw) : default;
        return ok;
    }

    /// <summary>Returns the exact decimal value.</summary>
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw);

    /// <summary>Returns the nearest double, for statistics (never for storage or money).</summary>
    public double ToDouble() => Raw / (double)FixedPoint.One;

    /// <inheritdoc/>
    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);

    /// <summary>Returns the shortest exact text, as in <c>61837.63</c>.</summary>
    public override string ToString() => FixedPoint.ToString(Raw);

    public static bool operator <(Price left, Price right) => left.Raw < right.Raw;
    public static bool operator >(Price left, Price right) => left.Raw > right.Raw;
    public static bool operator <=(Price left, Price right) => left.Raw <= right.Raw;
    public static bool operator >=(Price left, Price right) => left.Raw >= right.Raw;
}
