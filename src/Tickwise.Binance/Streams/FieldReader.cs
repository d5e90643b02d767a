using System.Buffers.Text;
using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>Converts raw <see cref="JsonField"/>s to market values, reporting the first problem without allocating.</summary>
internal static class FieldReader
{
    public static ParseResult Long(in JsonField field, FieldName name, out long value)
    {
        value = 0;
        if (!field.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, name.Missing);
        if (field.Type != JsonTokenType.Number) return ParseResult.Fail(ParseStatus.WrongType, name.WrongType);
        // Utf8Parser's default format refuses fractions and exponents, which an id or a time never has.
        if (!Utf8Parser.TryParse(field.Value, out value, out int consumed) || consumed != field.Value.Length)
            return ParseResult.Fail(ParseStatus.BadNumber, name.BadNumber);
        return ParseResult.Success;
    }

    public static ParseResult Id(in JsonField field, FieldName name, out long value)
    {
        ParseResult result = Long(field, name, out value);
        if (result.IsParsed && value < 0) return ParseResult.Fail(ParseStatus.BadValue, name.BadValue);
        return result;
    }

    public static ParseResult Timestamp(in JsonField field, FieldName name, out long timestampMs)
    {
        timestampMs = 0;
        ParseResult result = Long(field, name, out long raw);
        if (!result.IsParsed) return result;
        // Binance sends microseconds when a stream is opened with timeUnit=MICROSECOND.
        return Timestamps.TryNormalizeToMs(raw, out timestampMs) ? result : ParseResult.Fail(ParseStatus.BadTimestamp, name.BadTimestamp);
    }

    public static ParseResult Price(in JsonField field, FieldName name, out Price value)
    {
        value = default;
        ParseResult result = DecimalString(field, name);
        if (!result.IsParsed) return result;
        return Core.Market.Price.TryParse(field.Value, out value) ? result : ParseResult.Fail(ParseStatus.BadNumber, name.BadNumber);
    }

    public static ParseResult Quantity(in JsonField field, FieldName name, out Quantity value)
    {
        value = default;
        ParseResult result = DecimalString(field, name);
        if (!result.IsParsed) return result;
        return Core.Market.Quantity.TryParse(field.Value, out value) ? result : ParseResult.Fail(ParseStatus.BadNumber, name.BadNumber);
    }

    public static ParseResult Decimal(in JsonField field, FieldName name, out decimal value)
    {
        value = 0m;
        ParseResult result = DecimalString(field, name);
        if (!result.IsParsed) return result;
        return DecimalText.TryParse(field.Value, out value) ? result : ParseResult.Fail(ParseStatus.BadNumber, name.BadNumber);
    }

    public static ParseResult Bool(in JsonField field, FieldName name, out bool value)
    {
        value = field.Type == JsonTokenType.True;
        if (!field.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, name.Missing);
        return field.Type is JsonTokenType.True or JsonTokenType.False ? ParseResult.Success : ParseResult.Fail(ParseStatus.WrongType, name.WrongType);
    }

    public static ParseResult Symbol(in JsonField field, FieldName name, out Symbol value)
    {
        value = default;
        if (!field.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, name.Missing);
        if (field.Type != JsonTokenType.String) return ParseResult.Fail(ParseStatus.WrongType, name.WrongType);
        if (field.Escaped || !SymbolCache.TryParse(field.Value, out value)) return ParseResult.Fail(ParseStatus.BadValue, name.BadValue);
        return ParseResult.Success;
    }

    /// <summary>Binance quotes every price and quantity as a string, exactly to keep them exact.</summary>
    private static ParseResult DecimalString(in JsonField field, FieldName name)
    {
        if (!field.IsPresent) return ParseResult.Fail(ParseStatus.MissingField, name.Missing);
        if (field.Type != JsonTokenType.String) return ParseResult.Fail(ParseStatus.WrongType, name.WrongType);
        if (field.Escaped) return ParseResult.Fail(ParseStatus.BadNumber, name.BadNumber);
        return ParseResult.Success;
    }
}
