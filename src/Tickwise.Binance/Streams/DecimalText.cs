namespace Tickwise.Binance.Streams;

/// <summary>Exact parsing of exchange decimal strings into <see cref="decimal"/>, for volumes that outgrow fixed point.</summary>
/// <remarks>
/// Accepts <c>[-]digits[.digits]</c> only: no exponent, no spaces, no rounding. More than 28 significant digits
/// or more than 28 decimals is refused rather than rounded, so a parsed value is always the text's exact value.
/// </remarks>
internal static class DecimalText
{
    private const int MaxDigits = 28;

    /// <summary>Parses <paramref name="utf8"/> exactly. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value)
    {
        value = 0m;
        int i = 0;
        bool negative = false;
        if (utf8.Length > 0 && utf8[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        UInt128 mantissa = 0;
        int significant = 0;
        int scale = 0;
        int digits = 0;
        bool point = false;
        for (; i < utf8.Length; i++)
        {
            byte c = utf8[i];
            if (c == (byte)'.')
            {
                if (point) return false;
                point = true;
                continue;
            }
            uint digit = (uint)(c - '0');
            if (digit > 9) return false;
            digits++;
            if (point)
            {
                if (++scale > MaxDigits) return false;
            }
            if (mantissa == 0 && digit == 0) continue; // leading zeros cost nothing
            if (++significant > MaxDigits) return false;
            mantissa = mantissa * 10 + digit;
        }

        if (digits == 0) return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative && mantissa != 0, (byte)scale);
        return true;
    }
}
