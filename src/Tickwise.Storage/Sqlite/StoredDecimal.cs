using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Tickwise.Storage.Sqlite;

/// <summary>Parses the decimal text the store writes (invariant <c>"G"</c>: an optional minus, digits, an optional
/// point and digits) straight from a column's UTF-8 bytes.</summary>
/// <remarks>
/// A bar has four such columns and <c>/api/bars</c> reads 10,000 bars per request; <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out decimal)"/>
/// is general (cultures, exponents, rounding) and was a large share of the read. Up to 28 digits the digits are
/// right-aligned in a 32-byte block of zeros and read eight at a time as 64-bit words (each word checked to hold
/// only digits, then folded into its value in three multiply-and-shift steps); the mantissa is those four values
/// combined and the scale is the count of digits after the point, which is what decimal parsing gives: the same value
/// and the same scale (trailing zeros kept; quote volumes are stored with 16 decimals, so 20 digits are common).
/// Anything else (29 digits, a negative zero, stray characters) goes to
/// <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out decimal)"/>, so the result
/// never differs from it. Optimised at first call (no tiering), like the rest of the per-row read.
/// </remarks>
internal static class StoredDecimal
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private const int MaxDigits = 28;

    /// <summary>Mantissas below this fit a decimal's 96 bits (2^96).</summary>
    private static readonly UInt128 MantissaLimit = (UInt128)1 << 96;

    /// <summary>Returns whether <paramref name="utf8"/> is a decimal as the store writes them; never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value)
    {
        bool negative = utf8.Length > 0 && utf8[0] == (byte)'-';
        ReadOnlySpan<byte> number = negative ? utf8[1..] : utf8;
        int point = number.IndexOf((byte)'.');
        ReadOnlySpan<byte> whole = point < 0 ? number : number[..point];
        ReadOnlySpan<byte> fraction = point < 0 ? default : number[(point + 1)..];
        int digits = whole.Length + fraction.Length;
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || digits > MaxDigits) return Fallback(utf8, out value);

        Span<byte> block = stackalloc byte[32];
        block.Fill((byte)'0');
        whole.CopyTo(block[(32 - digits)..]);
        fraction.CopyTo(block[(32 - fraction.Length)..]);
        ulong invalid = 0;
        ulong high = Eight(block, 0, ref invalid) * 100_000_000 + Eight(block, 8, ref invalid);
        ulong low = Eight(block, 16, ref invalid) * 100_000_000 + Eight(block, 24, ref invalid);
        // A second point, a sign or any other byte among the digits.
        if (invalid != 0) return Fallback(utf8, out value);
        UInt128 mantissa = (UInt128)high * 10_000_000_000_000_000UL + low;
        if (mantissa >= MantissaLimit || (negative && mantissa == 0)) return Fallback(utf8, out value);
        ulong bottom = (ulong)mantissa;
        value = new decimal((int)(uint)bottom, (int)(uint)(bottom >> 32), (int)(uint)(mantissa >> 64), negative, (byte)fraction.Length);
        return true;
    }

    /// <summary>Returns the value of the eight ASCII digits at <paramref name="at"/>, the first the most significant;
    /// sets bits in <paramref name="invalid"/> when a byte is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Eight(ReadOnlySpan<byte> block, int at, ref ulong invalid)
    {
        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(block[at..]);
        // Every byte 0x30..0x3F, and still 0x30..0x3F after adding 6 (so 0x30..0x39): no carry crosses a byte once the
        // first test holds, and a byte failing it already marks the word invalid.
        invalid |= ((word & 0xF0F0F0F0F0F0F0F0) ^ 0x3030303030303030) | (((word + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) ^ 0x3030303030303030);
        word -= 0x3030303030303030;
        // Little-endian: the first digit is the lowest byte. Pairs, then quads, then all eight.
        word = (word * 10 + (word >> 8)) & 0x00FF00FF00FF00FF;
        word = (word * 100 + (word >> 16)) & 0x0000FFFF0000FFFF;
        return (word * 10_000 + (word >> 32)) & 0xFFFFFFFF;
    }

    private static bool Fallback(ReadOnlySpan<byte> utf8, out decimal value) =>
        decimal.TryParse(utf8, Styles, CultureInfo.InvariantCulture, out value);
}
