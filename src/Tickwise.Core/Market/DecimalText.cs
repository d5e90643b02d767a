using System.Globalization;

namespace Tickwise.Core.Market;

/// <summary>Exact, culture-free text for decimals: the form Tickwise writes in CSV, JSON and the store.</summary>
public static class DecimalText
{
    /// <summary>
    /// Returns the shortest exact text of <paramref name="value"/>: invariant culture, no exponent, no trailing
    /// fractional zeros (<c>107451.0165</c>, never <c>107451.016500000000</c>).
    /// </summary>
    public static string Format(decimal value)
    {
        string text = value.ToString(CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0) return text;
        text = text.TrimEnd('0');
        return text[^1] == '.' ? text[..^1] : text;
    }

    /// <summary>Parses <c>[-]digits[.digits]</c> text exactly (see <see cref="TryParse(ReadOnlySpan{byte}, out decimal)"/>). Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        if (text.Length > 128) return false;
        Span<byte> utf8 = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 127) return false;
            utf8[i] = (byte)text[i];
        }
        return TryParse(utf8, out value);
    }

    private const int MaxDigits = 28;

    /// <summary>
    /// Parses <c>[-]digits[.digits]</c> from UTF-8 exactly, for volumes that outgrow fixed point: no exponent, no spaces,
    /// no rounding. More than 28 significant digits or 28 decimals is refused rather than rounded. Never throws.
    /// </summary>
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
