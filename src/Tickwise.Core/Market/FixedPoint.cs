using System.Runtime.CompilerServices;

namespace Tickwise.Core.Market;

/// <summary>
/// Exact decimal numbers as a signed 64-bit count of 10^-8 units: the arithmetic behind
/// <see cref="Price"/> and <see cref="Quantity"/>.
/// </summary>
/// <remarks>
/// Binance writes every price and quantity with at most eight decimals, so eight fixed decimals
/// hold them exactly while staying a plain <c>long</c> that adds and compares in one instruction
/// (NautilusTrader makes the same choice). The range is ±92,233,720,368.54775807. Parsing never
/// rounds: a string with a non-zero ninth decimal, an exponent or too many digits is rejected,
/// so a value is either exact or refused.
/// </remarks>
public static class FixedPoint
{
    /// <summary>Number of decimals kept.</summary>
    public const int Scale = 8;

    /// <summary>The raw value of 1.</summary>
    public const long One = 100_000_000;

    /// <summary>Longest text <see cref="TryFormat(long, Span{byte}, out int)"/> writes: sign, 11 digits, point, 8 decimals.</summary>
    public const int MaxFormattedLength = 21;

    /// <summary>Parses <c>[-]digits[.digits]</c> from UTF-8 without allocating. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long raw)
    {
        raw = 0;
        int i = 0;
        bool negative = false;
        if (utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        ulong integer = 0;
        int integerDigits = 0;
        for (; i < utf8.Length; i++)
        {
            uint digit = (uint)(utf8[i] - '0');
            if (digit > 9) break;
            // 11 integer digits is the most a 10^-8 scaled long can hold; leading zeros are free.
            if (integer == 0 && digit == 0) { integerDigits = Math.Max(integerDigits, 1); continue; }
            if (++integerDigits > 11) return false;
            integer = integer * 10 + digit;
        }

        ulong fraction = 0;
        int fractionDigits = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            for (; i < utf8.Length; i++)
            {
                uint digit = (uint)(utf8[i] - '0');
                if (digit > 9) return false;
                if (fractionDigits < Scale)
                {
                    fraction = fraction * 10 + digit;
                    fractionDigits++;
                }
                else if (digit != 0)
                {
                    return false; // would need rounding: refuse rather than lose exactness
                }
            }
        }

        if (i != utf8.Length || (integerDigits == 0 && fractionDigits == 0)) return false;
        while (fractionDigits < Scale) { fraction *= 10; fractionDigits++; }

        ulong magnitude = integer * (ulong)One + fraction;
        if (magnitude > long.MaxValue) return false;
        raw = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    /// <summary>Parses <c>[-]digits[.digits]</c> from UTF-16 text. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long raw)
    {
        if (text.Length > 64) { raw = 0; return false; }
        Span<byte> utf8 = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 127) { raw = 0; return false; }
            utf8[i] = (byte)c;
        }
        return TryParse(utf8, out raw);
    }

    /// <summary>
    /// Writes the shortest exact text of <paramref name="raw"/> (no trailing zeros, no exponent) as UTF-8.
    /// </summary>
    /// <remarks>Optimised at first call (no tiering): per-row work of the API's bar and trade tables.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFormat(long raw, Span<byte> destination, out int written)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        int length = FormatCore(raw, buffer);
        written = 0;
        if (length > destination.Length) return false;
        buffer[..length].CopyTo(destination);
        written = length;
        return true;
    }

    /// <summary>Returns the shortest exact text of <paramref name="raw"/>, as in <c>61837.63</c>.</summary>
    public static string ToString(long raw)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        int length = FormatCore(raw, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Returns the exact <see cref="decimal"/> of <paramref name="raw"/>.</summary>
    public static decimal ToDecimal(long raw) => SumToDecimal(raw);

    /// <summary>Returns the raw value of <paramref name="value"/>, or false when it needs more than eight decimals or is out of range.</summary>
    public static bool TryFromDecimal(decimal value, out long raw)
    {
        raw = 0;
        decimal scaled = value * One;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue) return false;
        raw = (long)scaled;
        return true;
    }

    /// <summary>Converts a sum of products of two raw values (scale 10^-16) to an exact decimal.</summary>
    /// <exception cref="OverflowException">The sum needs more than the 96 bits a decimal holds.</exception>
    public static decimal ProductSumToDecimal(Int128 rawScale16)
    {
        bool negative = rawScale16 < 0;
        UInt128 magnitude = (UInt128)(negative ? -rawScale16 : rawScale16);
        if (magnitude >> 96 != 0) throw new OverflowException($"Value {rawScale16}e-16 does not fit a decimal.");
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, 2 * Scale);
    }

    /// <summary>Converts a sum of raw values (scale 10^-8) to an exact decimal.</summary>
    /// <exception cref="OverflowException">The sum needs more than the 96 bits a decimal holds.</exception>
    public static decimal SumToDecimal(Int128 rawScale8)
    {
        bool negative = rawScale8 < 0;
        UInt128 magnitude = (UInt128)(negative ? -rawScale8 : rawScale8);
        if (magnitude >> 96 != 0) throw new OverflowException($"Value {rawScale8}e-8 does not fit a decimal.");
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, Scale);
    }

    private static int FormatCore(long raw, Span<byte> buffer)
    {
        // Write right to left: fraction digits (dropping trailing zeros), point, integer digits, sign.
        ulong magnitude = raw < 0 ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        ulong integer = magnitude / (ulong)One;
        ulong fraction = magnitude % (ulong)One;
        int position = buffer.Length;
        if (fraction != 0)
        {
            int digits = Scale;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            for (int d = 0; d < digits; d++)
            {
                buffer[--position] = (byte)('0' + (int)(fraction % 10));
                fraction /= 10;
            }
            buffer[--position] = (byte)'.';
        }
        do
        {
            buffer[--position] = (byte)('0' + (int)(integer % 10));
            integer /= 10;
        } while (integer != 0);
        if (raw < 0) buffer[--position] = (byte)'-';
        int length = buffer.Length - position;
        buffer[position..].CopyTo(buffer);
        return length;
    }
}
