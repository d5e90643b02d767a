using System.Globalization;

namespace Tickwise.Storage.Sqlite;

/// <summary>Parses the decimal text the store writes (invariant <c>"G"</c>: an optional minus, digits, an optional
/// point and digits) straight from a column's UTF-8 bytes.</summary>
/// <remarks>
/// A bar has four such columns and <c>/api/bars</c> reads 10,000 bars per request; <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out decimal)"/>
/// is general (cultures, exponents, rounding) and was a large share of the read. Up to 28 digits the mantissa is
/// accumulated exactly and the scale is the count of digits after the point, which is what decimal parsing gives:
/// the same value and the same scale (trailing zeros kept). Anything else (29 digits, a negative zero, stray
/// characters) goes to <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out decimal)"/>,
/// so the result never differs from it.
/// </remarks>
internal static class StoredDecimal
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Mantissas below this fit a decimal's 96 bits (2^96).</summary>
    private static readonly UInt128 MantissaLimit = (UInt128)1 << 96;

    /// <summary>Returns whether <paramref name="utf8"/> is a decimal as the store writes them; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value)
    {
        int at = 0;
        bool negative = utf8.Length > 0 && utf8[0] == (byte)'-';
        if (negative) at = 1;
        ulong small = 0;
        UInt128 large = 0;
        int digits = 0;
        int scale = 0;
        bool point = false;
        for (; at < utf8.Length; at++)
        {
            uint digit = (uint)(utf8[at] - '0');
            if (digit <= 9)
            {
                // Up to 19 digits fit a ulong (cheap); the rest of 28 go on in 128 bits.
                if (digits < 19) small = small * 10 + digit;
                else if (digits < 28) large = (digits == 19 ? small : large) * 10 + digit;
                else return Fallback(utf8, out value);
                digits++;
                if (point) scale++;
            }
            else if (utf8[at] == (byte)'.' && !point) point = true;
            else return Fallback(utf8, out value);
        }
        if (digits == 0 || (point && scale == 0)) return Fallback(utf8, out value);
        UInt128 mantissa = digits > 19 ? large : small;
        if (mantissa >= MantissaLimit || (negative && mantissa == 0)) return Fallback(utf8, out value);
        ulong low = (ulong)mantissa;
        value = new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
        return true;
    }

    private static bool Fallback(ReadOnlySpan<byte> utf8, out decimal value) =>
        decimal.TryParse(utf8, Styles, CultureInfo.InvariantCulture, out value);
}
