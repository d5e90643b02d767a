using System.Buffers.Binary;

namespace Tickwise.Storage.Postgres;

/// <summary>Decodes PostgreSQL's binary NUMERIC (the bytes of <c>numeric_send</c>) into an exact <see cref="decimal"/>.</summary>
/// <remarks>
/// <para>Reading bars spends most of its time turning four NUMERIC volumes per bar into decimals; this decoder does it
/// without allocating and several times faster than the general converter, and keeps the stored scale.</para>
/// <para>The format: int16 digit count, int16 weight (the power of 10,000 of the first digit), int16 sign
/// (0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 and 0xF000 infinities), int16 display scale, then the
/// base-10,000 digits, big-endian. The value is the sum of digit[i] × 10,000^(weight − i).</para>
/// </remarks>
internal static class PostgresNumeric
{
    private const ushort Positive = 0x0000, Negative = 0x4000;
    private const int MaxDecimalScale = 28;
    private static readonly UInt128 DecimalLimit = (UInt128)1 << 96;

    /// <summary>Decodes <paramref name="bytes"/> into <paramref name="value"/>; false when they are malformed, not finite, or outside the range or scale of a decimal. Never throws.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> bytes, out decimal value)
    {
        value = 0m;
        if (bytes.Length < 8) return false;
        int count = BinaryPrimitives.ReadInt16BigEndian(bytes);
        int weight = BinaryPrimitives.ReadInt16BigEndian(bytes[2..]);
        ushort sign = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        int scale = BinaryPrimitives.ReadInt16BigEndian(bytes[6..]);
        if (count < 0 || bytes.Length != 8 + 2 * count || sign is not (Positive or Negative) || scale is < 0 or > MaxDecimalScale) return false;

        // The digits make an integer m; the value is m × 10^(4 × (weight − count + 1)). Scale that to m × 10^-scale.
        UInt128 mantissa = 0;
        for (int i = 0; i < count; i++)
        {
            int digit = BinaryPrimitives.ReadInt16BigEndian(bytes[(8 + 2 * i)..]);
            if (digit is < 0 or > 9999 || mantissa >= DecimalLimit * 1000) return false; // still exact below 2^106, checked again at the end
            mantissa = mantissa * 10_000 + (uint)digit;
        }
        int shift = 4 * (weight - count + 1) + scale; // decimal digits to append (> 0) or to drop (< 0)
        if (mantissa == 0) shift = 0;
        for (; shift > 0; shift--)
        {
            if (mantissa >= DecimalLimit) return false;
            mantissa *= 10;
        }
        for (; shift < 0; shift++)
        {
            // Digits past the display scale are zeros that fill the last base-10,000 digit; anything else is not this scale.
            (mantissa, UInt128 remainder) = UInt128.DivRem(mantissa, 10);
            if (remainder != 0) return false;
        }
        if (mantissa >= DecimalLimit) return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), sign == Negative, (byte)scale);
        return true;
    }
}
