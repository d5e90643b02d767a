using System.Collections.Concurrent;
using System.Text;

namespace Tickwise.Core.Market;

/// <summary>An instrument's name as the exchange spells it, upper case: <c>BTCUSDT</c>.</summary>
/// <remarks>
/// 1 to 32 characters of A-Z, 0-9 and '_' (futures delivery contracts: <c>BTCUSDT_240927</c>).
/// Parsing from UTF-8 interns the name, so a feed repeats a symbol millions of times without
/// allocating a string each time.
/// </remarks>
public readonly record struct Symbol : IComparable<Symbol>
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxLength = 32;

    private static readonly ConcurrentDictionary<(ulong, ulong, ulong, ulong), string> Interned = new();

    private readonly string? _value;

    /// <summary>Creates a symbol, upper-casing <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, too long or has other characters.</exception>
    public Symbol(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryParse(value.AsSpan(), out Symbol parsed))
            throw new ArgumentException($"'{value}' is not a symbol: 1 to {MaxLength} of A-Z, 0-9 and '_'.", nameof(value));
        _value = parsed._value;
    }

    private Symbol(string value, bool _) => _value = value;

    /// <summary>The upper-case name; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for <c>default(Symbol)</c>, which names nothing.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Parses a symbol from UTF-8, accepting lower case, interning the result. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Symbol symbol)
    {
        symbol = default;
        if (utf8.Length == 0 || utf8.Length > MaxLength) return false;
        Span<byte> upper = stackalloc byte[MaxLength];
        for (int i = 0; i < utf8.Length; i++)
        {
            byte c = utf8[i];
            if (c is >= (byte)'a' and <= (byte)'z') c -= 32;
            else if (!(c is >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_')) return false;
            upper[i] = c;
        }
        upper[utf8.Length..].Clear();
        var key = (Read(upper, 0), Read(upper, 8), Read(upper, 16), Read(upper, 24));
        if (!Interned.TryGetValue(key, out string? name))
            name = Interned.GetOrAdd(key, Encoding.ASCII.GetString(upper[..utf8.Length]));
        symbol = new Symbol(name, true);
        return true;
    }

    /// <summary>Parses a symbol from text, accepting lower case. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Symbol symbol)
    {
        symbol = default;
        if (text.Length == 0 || text.Length > MaxLength) return false;
        Span<byte> utf8 = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 127) return false;
            utf8[i] = (byte)text[i];
        }
        return TryParse(utf8, out symbol);
    }

    /// <inheritdoc/>
    public int CompareTo(Symbol other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public bool Equals(Symbol other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : _value.GetHashCode();

    /// <summary>Returns the name.</summary>
    public override string ToString() => Value;

    private static ulong Read(ReadOnlySpan<byte> bytes, int offset) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(offset, 8));
}
