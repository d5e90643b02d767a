using System.Globalization;
using System.Runtime.CompilerServices;

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

    /// <summary>Longest text <see cref="TryFormat"/> writes: a decimal has at most 29 digits and a scale of at most 28,
    /// so a sign, 29 digits and a point, or a sign, "0." and 28 decimals.</summary>
    public const int MaxUtf8Length = 31;

    /// <summary>Writes the text of <see cref="Format"/> as UTF-8 without allocating; false when
    /// <paramref name="destination"/> is too short (<see cref="MaxUtf8Length"/> always suffices).</summary>
    /// <remarks><c>/api/bars</c> writes three decimals per row and 10,000 rows per request: the BCL's general decimal
    /// formatting (culture lookup, a digit buffer, then trimming the zeros) was the largest share of rendering. Volumes'
    /// mantissas fit 64 bits, so those are trimmed by division and written directly; wider ones (and a negative zero)
    /// take the BCL's path, so the text never differs from <see cref="Format"/>. Optimised at first call: a server's
    /// first requests would otherwise run it unoptimised for hundreds of thousands of calls while tiered JIT catches up.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFormat(decimal value, Span<byte> destination, out int written)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        bool negative = bits[3] < 0;
        ulong mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        if (bits[2] != 0 || (negative && mantissa == 0)) return TryFormatGeneral(value, destination, out written);
        int scale = (bits[3] >> 16) & 0xFF;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        Span<byte> digits = stackalloc byte[20];
        System.Buffers.Text.Utf8Formatter.TryFormat(mantissa, digits, out int count);
        int length = (negative ? 1 : 0) + (scale == 0 ? count : scale < count ? count + 1 : scale + 2);
        written = 0;
        if (destination.Length < length) return false;
        int at = 0;
        if (negative) destination[at++] = (byte)'-';
        if (scale == 0)
        {
            digits[..count].CopyTo(destination[at..]);
        }
        else if (scale < count)
        {
            digits[..(count - scale)].CopyTo(destination[at..]);
            at += count - scale;
            destination[at++] = (byte)'.';
            digits[(count - scale)..count].CopyTo(destination[at..]);
        }
        else
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, scale - count).Fill((byte)'0');
            digits[..count].CopyTo(destination[(at + scale - count)..]);
        }
        written = length;
        return true;
    }

    private static bool TryFormatGeneral(decimal value, Span<byte> destination, out int written)
    {
        if (!value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture)) return false;
        if (destination[..written].IndexOf((byte)'.') >= 0)
        {
            while (destination[written - 1] == (byte)'0') written--;
            if (destination[written - 1] == (byte)'.') written--;
        }
        return true;
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
