namespace Tickwise.Core.Market;

/// <summary>A quantity of the base asset, exact to eight decimals (see <see cref="FixedPoint"/>).</summary>
/// <remarks>Never negative. Zero is allowed: a book level of quantity zero is a removal.</remarks>
public readonly record struct Quantity : IComparable<Quantity>
{
    /// <summary>Creates a quantity from its raw count of 10^-8 units.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="raw"/> is negative.</exception>
    public Quantity(long raw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(raw);
        Raw = raw;
    }

    /// <summary>The quantity in 10^-8 units of the base asset.</summary>
    public long Raw { get; }

    /// <summary>Parses an exchange decimal string (<c>"0.02000000"</c>) exactly. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity value)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw) && raw >= 0;
        value = ok ? new Quantity(raw) : default;
        return ok;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Quantity)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Quantity value)
    {
        bool ok = FixedPoint.TryParse(text, out long raw) && raw >= 0;
        value = ok ? new Quantity(raw) : default;
        return ok;
    }

    /// <summary>Parses an exchange decimal string.</summary>
    /// <exception cref="FormatException">The text is not an exact non-negative quantity.</exception>
    public static Quantity Parse(string text) =>
        TryParse(text.AsSpan(), out Quantity value) ? value : throw new FormatException($"'{text}' is not a quantity with at most 8 decimals.");

    /// <summary>Returns the exact quantity of <paramref name="value"/>, or false when it needs more than 8 decimals.</summary>
    public static bool TryFromDecimal(decimal value, out Quantity quantity)
    {
        bool ok = FixedPoint.TryFromDecimal(value, out long raw) && raw >= 0;
        quantity = ok ? new Quantity(raw) : default;
        return ok;
    }

    /// <summary>Returns the exact decimal value.</summary>
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw);

    /// <summary>Returns the nearest double, for statistics (never for storage or money).</summary>
    public double ToDouble() => Raw / (double)FixedPoint.One;

    /// <inheritdoc/>
    public int CompareTo(Quantity other) => Raw.CompareTo(other.Raw);

    /// <summary>Returns the shortest exact text, as in <c>0.02</c>.</summary>
    public override string ToString() => FixedPoint.ToString(Raw);

    public static bool operator <(Quantity left, Quantity right) => left.Raw < right.Raw;
    public static bool operator >(Quantity left, Quantity right) => left.Raw > right.Raw;
    public static bool operator <=(Quantity left, Quantity right) => left.Raw <= right.Raw;
    public static bool operator >=(Quantity left, Quantity right) => left.Raw >= right.Raw;
}
